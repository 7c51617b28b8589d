package dev.phasebot.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.Phasebot;
import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.incident.IncidentResult;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.message.Refusal;
import dev.phasebot.paging.PagingSettings;
import dev.phasebot.standup.StandupUpdate;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After {@code /phase reload}, every reader of the plan reads the reloaded one, not the plan the
 * bot started with: incidents' area owners, the security update's blockers, the success metrics,
 * risks and contingencies, and the choices the commands take.
 */
class ReloadedPlanTest extends BotTest {

    private static final String LEAD = "senior-system-developer";
    private static final String REVIEWER = "python-ml-fintech-reviewer";
    private static final String COORDINATION = "channel:coordination";

    private static final String T10 = "    - id: T10\n      title: Runbook drills\n      priority: HIGH\n"
            + "      risk: LOW\n      owner: qa-engineer\n      due: \"Week 2\"\n      deliverables: [Drill log]\n"
            + "      depends_on: []\n\n  gates:\n";
    private static final String USABILITY = "        - Integration test coverage expanded\n"
            + "        - Fuzzing of every loader in CI\n"
            + "    - name: Usability of the runbooks\n      owner: devops-engineer\n      items:\n"
            + "        - Every runbook tried by someone who did not write it\n";
    private static final String R4 = "    - id: R4\n      risk: Vendor lock-in\n      detail: One cloud for all\n"
            + "      mitigation: Terraform modules per provider\n      owner: devops-engineer\n\n  contingencies:\n"
            + "    - trigger: Cloud outage\n      action: Fail over to the second region\n";

    private Path file;

    ReloadedPlanTest() {
        super("2025-08-19T08:30");
    }

    /** The bot over a config file of the test's own, as Main gives it PHASEBOT_CONFIG. */
    @BeforeEach
    void botOverItsOwnFile() throws Exception {
        file = dir.resolve("bot-config.yml");
        Files.writeString(file, Fixtures.shippedConfigText());
        bot.close();
        bot = new Phasebot(
                new ConfigLoader().load(file),
                Fixtures.store(dir.resolve("phasebot.db")),
                clock,
                true,
                PagingSettings.none(),
                file);
        worker = Fixtures.worker(bot, slack, clock);
        worker.deliverDue();
    }

    @Test
    void anIncidentAffectingATaskAddedByReloadNamesItsOwnerAsAreaOwner() throws Exception {
        reloadWith(Fixtures.shippedConfigText().replace("\n  gates:\n", "\n" + T10));
        IncidentResult.Raised raised = bot.incidents()
                .raise("ml-engineer", new RaiseRequest("Drill runner down", null, false, "details", "T10"));
        worker.deliverDue();
        String card = slack.textsTo(COORDINATION).stream()
                .filter(t -> t.contains("incident #" + raised.id()))
                .findFirst()
                .orElseThrow();
        assertTrue(card.contains("Area owner: qa-engineer\nAssignee:   qa-engineer\nAffects:    T10"), card);
    }

    @Test
    void aSecurityUpdateWhoseBlockersNameATaskAddedByReloadNamesItInTheSummaryAsThePlansTasks() throws Exception {
        reloadWith(Fixtures.shippedConfigText().replace("\n  gates:\n", "\n" + T10));
        at("09:00");
        assertTrue(bot.standupSession().openScheduled());
        at("09:05");
        bot.standupUpdates()
                .submit(
                        REVIEWER,
                        new StandupUpdate("secret-patch pending", "secret-vendor on T10 and T3", "secret-audit", ""));
        at("09:15");
        String summary = lastTo(COORDINATION);
        assertTrue(summary.contains(REVIEWER + ": update given in #alphapy-security; blockers name T10, T3"), summary);
        assertFalse(summary.contains("secret-"), summary);
    }

    @Test
    void aReloadThatAddsASuccessMetricAndAGroupShowsThemAndTheGroupsOwnerChecksIt() throws Exception {
        String answer = reloadWith(
                Fixtures.shippedConfigText().replace("        - Integration test coverage expanded\n", USABILITY));
        String metrics = run("qa-engineer", "metrics");
        assertTrue(metrics.startsWith("Success metrics: 0/18 met"), metrics);
        assertTrue(metrics.contains("5. Fuzzing of every loader in CI"), metrics);
        assertTrue(metrics.contains("Every runbook tried by someone who did not write it"), metrics);
        assertTrue(run("devops-engineer", "metric check usability 1")
                .contains("devops-engineer checked \"Every runbook tried by someone who did not write it\""));
        assertEquals(
                "Reloaded " + file + ": Quality success metric 5 added; success metric group Usability of the "
                        + "runbooks added.",
                answer);
        worker.deliverDue();
        assertTrue(slack.textsTo(COORDINATION)
                .contains("Plan changed by /phase reload: Quality success metric 5 added; success metric group "
                        + "Usability of the runbooks added."));
    }

    @Test
    void aReloadThatAddsARiskAndAContingencyShowsThemAndTheRisksOwnerClosesIt() throws Exception {
        String answer = reloadWith(Fixtures.shippedConfigText().replace("\n  contingencies:\n", "\n" + R4));
        String risks = run("qa-engineer", "risks");
        assertTrue(risks.startsWith("Risks: 4 open of 4"), risks);
        assertTrue(risks.contains("R4 Vendor lock-in: One cloud for all"), risks);
        assertTrue(run("qa-engineer", "contingencies").contains("Cloud outage → Fail over to the second region"));
        assertTrue(run("devops-engineer", "risk close R4 modules for both providers merged")
                .contains("R4"));
        assertTrue(run("qa-engineer", "risks").startsWith("Risks: 3 open of 4"));
        assertEquals("Reloaded " + file + ": risk R4 added; contingency plans changed.", answer);
    }

    @Test
    void aRiskDroppedByReloadLeavesTheListsAndKeepsItsState() throws Exception {
        run(LEAD, "risk close R3 benchmarks flat for two weeks");
        String answer = reloadWith(
                Fixtures.shippedConfigText().replaceFirst("(?s)    - id: R3\n.*?owner: senior-system-developer\n", ""));
        assertTrue(run("qa-engineer", "risks").startsWith("Risks: 2 open of 2"));
        assertEquals("Reloaded " + file + ": risk R3 archived (no longer in the config; its state is kept).", answer);
        reloadWith(Fixtures.shippedConfigText());
        assertTrue(run("qa-engineer", "risks").startsWith("Risks: 2 open of 3"), "R3 back, still closed");
    }

    @Test
    void aSlipInAGroupAddedByReloadGetsDidYouMean() throws Exception {
        reloadWith(Fixtures.shippedConfigText().replace("        - Integration test coverage expanded\n", USABILITY));
        String slip = assertThrows(
                        CommandException.class,
                        () -> bot.dispatcher()
                                .handle(Caller.agent("devops-engineer"), "/phase", "metric check usabilty 1"))
                .getMessage();
        assertTrue(slip.contains("Did you mean usability?"), slip);
    }

    @Test
    void anotherReplicaOnTheStoreReadsItsOwnFileAgainAfterAReload() throws Exception {
        PostgresServer.Database pg = PostgresServer.migratedDatabase();
        Path fileA = dir.resolve("a.yml");
        Path fileB = dir.resolve("b.yml");
        Files.writeString(fileA, Fixtures.shippedConfigText());
        Files.writeString(fileB, Fixtures.shippedConfigText());
        try (Phasebot a = new Phasebot(
                        new ConfigLoader().load(fileA), pg.open(), clock, true, PagingSettings.none(), fileA);
                Phasebot b = new Phasebot(
                        new ConfigLoader().load(fileB), pg.open(), clock, true, PagingSettings.none(), fileB)) {
            // The operator puts the new plan on every replica, as every replica runs the same settings.
            String edited = Fixtures.shippedConfigText().replace("\n  gates:\n", "\n" + T10);
            Files.writeString(fileA, edited);
            Files.writeString(fileB, edited);
            a.dispatcher().handle(Caller.agent(LEAD), "/phase", "reload");
            long deadline = System.nanoTime() + 20_000_000_000L;
            IncidentResult.Raised raised = null;
            while (raised == null) {
                try {
                    raised = b.incidents()
                            .raise("ml-engineer", new RaiseRequest("Drill runner down", null, false, "d", "T10"));
                } catch (Refusal notYet) {
                    assertTrue(System.nanoTime() < deadline, "not within 20 s: " + notYet.getMessage());
                    Thread.sleep(20); // the other replica's listener, on real time, not a timing
                }
            }
            assertEquals(List.of(LEAD, "qa-engineer"), raised.paged(), "T10's owner is paged as the area owner");
        }
    }

    private String reloadWith(String text) throws Exception {
        Files.writeString(file, text);
        return run(LEAD, "reload");
    }

    private String run(String agent, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), "/phase", text)).text();
    }
}
