package dev.phasebot.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.message.Upload;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The run: phase 2 with standup updates, an incident and a passed gate, closed by the
 * lead with its handoff report; the config switched to phase 3; the restart runs phase 3's plan
 * only, with phase 2's report as it was closed.
 */
class PhaseCloseTest extends BotTest {

    private static final String PHASE_2 = "AlphaPy Phase 2: Specialist Implementation & Security Hardening";
    private static final String LEAD = "senior-system-developer";
    private static final String SEC = "python-ml-fintech-reviewer";
    private static final String COORDINATION = "channel:coordination";

    PhaseCloseTest() {
        super("2025-08-19T09:00");
    }

    /** Phase 2 worked: a standup with an update, gate 1 met and passed, an incident raised and resolved. */
    private void workPhase2() {
        run(LEAD, "/standup", "open");
        run("qa-engineer", "/standup", "today: fuzz the YAML loader");
        at("09:20");
        for (int criterion = 1; criterion <= 4; criterion++) {
            run(SEC, "/gate", "check 1 " + criterion);
        }
        run(SEC, "/gate", "pass 1");
        run("qa-engineer", "/incident", "Nightly build broken | severity: CRITICAL");
        at("09:30");
        run(LEAD, "/incident", "ack 1");
        run(LEAD, "/incident", "resolve 1 pinned the compiler");
        run(LEAD, "/decision", "Model split into DataManager and FeatureManager (T3)");
        worker.deliverDue();
    }

    @Test
    void closingWithAGateNotPassedIsRefusedAndChangesNothing() {
        workPhase2();
        int sent = slack.delivered().size();
        String refused = refusal(LEAD, "close");
        assertTrue(refused.startsWith("Not closed, nothing changed: Gate 2 (Architecture Foundation)"), refused);
        assertTrue(refused.contains("/phase close <reason>"), refused);
        assertFalse(bot.phases().current().ended());
        worker.deliverDue();
        assertEquals(sent, slack.delivered().size(), "nothing posted");
    }

    @Test
    void onlyTheLeadMayClose() {
        String refused = refusal("qa-engineer", "close the phase is done");
        assertTrue(refused.contains("lead"), refused);
        assertFalse(bot.phases().current().ended());
    }

    @Test
    void theLeadClosesWithAReasonAndTheReportIsPostedWithItsMarkdownFile() {
        workPhase2();
        at("2025-09-05T16:00");
        String answer = run(LEAD, "/phase", "close Gates 2-4 move to phase 3");
        assertTrue(answer.contains(PHASE_2 + " closed by " + LEAD), answer);
        assertTrue(answer.contains("Gates 2-4 move to phase 3"), answer);
        assertTrue(answer.contains("Gates 1/4 passed"), answer);

        worker.deliverDue();
        OutgoingDelivery posted = lastUploadTo(COORDINATION);
        Upload file = posted.message().upload();
        assertTrue(file.filename().startsWith("handoff-") && file.filename().endsWith(".md"), file.filename());
        assertTrue(file.markdown().contains("# Handoff report: "), file.markdown());
        assertTrue(file.markdown().contains("- From: 2025-08-18 00:00 EDT"), "from the phase's first morning");
        assertTrue(file.markdown().contains("Nightly build broken"), "the incident is in the report");
        assertTrue(file.markdown().contains("Model split into DataManager"), "the decision is in the report");
        assertTrue(file.markdown().contains("qa-engineer"), "standup participation is in the report");
        assertTrue(bot.phases().current().ended());
        assertEquals("closed", bot.phases().current().endedHow());

        String dashboard = run(LEAD, "/phase", "");
        assertTrue(dashboard.startsWith("✓ " + PHASE_2 + " closed"), dashboard);
        assertTrue(refusal(LEAD, "close again").contains("has already ended"));
    }

    @Test
    void aClosedPhaseNamesNoOverdueTasksUntilTheNextBegins() {
        at("2025-09-05T09:16");
        assertTrue(bot.planService().overdueCheck(), "an open phase's overdue check runs");
        run(LEAD, "/phase", "close the plan moves to phase 3 as it stands");
        worker.deliverDue();
        int told = slack.textsTo(COORDINATION).size();
        at("2025-09-08T09:16");
        assertFalse(bot.planService().overdueCheck());
        worker.deliverDue();
        assertEquals(told, slack.textsTo(COORDINATION).size(), "no overdue list after the close");
    }

    @Test
    void aClosedPhasesReportSurvivesTheNextPhaseAsItWasClosed() {
        workPhase2();
        at("2025-09-05T16:00");
        run(LEAD, "/phase", "close Gates 2-4 move to phase 3");
        String atClose = run(LEAD, "/phase", "report");
        worker.deliverDue();
        int uploads = uploadsTo(COORDINATION).size();

        clock.at("2025-09-08T08:00");
        startOnPlan(Fixtures.nextPhaseConfigText(), "phasebot.db");
        worker.deliverDue();

        assertEquals(atClose, run(LEAD, "/phase", "report 1"));
        assertEquals(atClose, run(LEAD, "/phase", "report " + PHASE_2.toLowerCase()));
        assertEquals(uploads, uploadsTo(COORDINATION).size(), "a closed phase's report is not posted again");
        assertEquals(
                List.of("T1", "T2"),
                bot.planService().snapshot().tasks().stream().map(t -> t.id()).toList());
        assertEquals("closed", bot.phases().all().get(0).endedHow(), "closed, not superseded");
        String now = run(LEAD, "/phase", "report");
        assertTrue(now.contains(Fixtures.NEXT_PHASE), now);
        assertTrue(now.contains("Gates 0/1 passed"), now);
    }

    @Test
    void aPhaseNobodyClosedIsSupersededAndItsReportPosted() {
        workPhase2();
        clock.at("2025-09-08T08:00");
        startOnPlan(Fixtures.nextPhaseConfigText(), "phasebot.db");
        worker.deliverDue();
        Upload file = lastUploadTo(COORDINATION).message().upload();
        assertTrue(file.markdown().contains("superseded"), file.markdown());
        String report = run(LEAD, "/phase", "report 1");
        assertTrue(report.contains("Gates 1/4 passed"), report);
    }

    @Test
    void aSupersededPhasesReportCountsItsOwnRosterNotTheNextPhasesNewcomer() {
        workPhase2();
        clock.at("2025-09-08T08:00");
        String withNewcomer = Fixtures.nextPhaseConfigText()
                .replace(
                        "  - id: devops-engineer\n    team: DevOps\n",
                        "  - id: devops-engineer\n    team: DevOps\n  - id: data-engineer\n    team: DevOps\n");
        assertTrue(withNewcomer.contains("data-engineer"));
        startOnPlan(withNewcomer, "phasebot.db");
        worker.deliverDue();

        String md = lastUploadTo(COORDINATION).message().upload().markdown();
        assertTrue(md.contains("devops-engineer"), "on phase 2's roster, with no update: " + md);
        assertFalse(md.contains("data-engineer"), "joined with phase 3: " + md);
    }

    @Test
    void anUnknownPhaseNameIsOneLineNamingThePhases() {
        String refused = refusal(LEAD, "report phase 9");
        assertEquals(
                "No phase is called \"phase 9\". This install has run: 1. " + PHASE_2
                        + " (/phase list shows them). Give its full name or its number.",
                refused);
    }

    private List<OutgoingDelivery> uploadsTo(String destination) {
        return slack.delivered().stream()
                .filter(d -> d.message().destination().key().equals(destination))
                .filter(d -> Objects.nonNull(d.message().upload()))
                .toList();
    }

    private OutgoingDelivery lastUploadTo(String destination) {
        List<OutgoingDelivery> uploads = uploadsTo(destination);
        assertFalse(uploads.isEmpty(), "an upload to " + destination);
        return uploads.get(uploads.size() - 1);
    }

    private String run(String agent, String command, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), command, text)).text();
    }

    private String refusal(String agent, String text) {
        return assertThrows(CommandException.class, () -> bot.dispatcher().handle(Caller.agent(agent), "/phase", text))
                .getMessage();
    }
}
