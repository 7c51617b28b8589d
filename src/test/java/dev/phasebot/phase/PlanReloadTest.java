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
import dev.phasebot.paging.PagingSettings;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /phase reload}: the lead re-reads the config file; its plan applies now, the rest at the next restart. */
class PlanReloadTest extends BotTest {

    private static final String LEAD = "senior-system-developer";
    private static final String COORDINATION = "channel:coordination";
    private static final String T8 = "    - id: T8\n      title: Threat model\n      priority: HIGH\n      risk: LOW\n"
            + "      owner: python-ml-fintech-reviewer\n      due: \"Week 2\"\n      deliverables: [STRIDE table]\n"
            + "      depends_on: [T1]\n\n  gates:\n";

    private Path file;

    PlanReloadTest() {
        super("2025-08-19T10:00");
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
    void aReloadThatAddsATaskAppliesItAndSaysWhatChanged() throws Exception {
        Files.writeString(file, Fixtures.shippedConfigText().replace("\n  gates:\n", "\n" + T8));
        assertEquals("Reloaded " + file + ": T8 added.", reload(LEAD));
        assertEquals(
                List.of("T1"),
                bot.planService().snapshot().task("T8").orElseThrow().dependsOn());
        worker.deliverDue();
        assertEquals("Plan changed by /phase reload: T8 added.", lastTo(COORDINATION));
    }

    @Test
    void aReloadOfTheSameFileSaysNothingChanged() {
        int before = slack.textsTo(COORDINATION).size();
        assertEquals("Reloaded " + file + ": nothing changed in the plan.", reload(LEAD));
        worker.deliverDue();
        assertEquals(before, slack.textsTo(COORDINATION).size(), "nothing to tell the channel");
    }

    @Test
    void aBadFileOnReloadChangesNothingAndNamesTheKey() throws Exception {
        Files.writeString(
                file,
                Fixtures.shippedConfigText()
                        .replace("\n  gates:\n", "\n" + T8)
                        .replace("priority: CRITICAL", "priority: URGENT"));
        String refused = assertThrows(
                        CommandException.class, () -> bot.dispatcher().handle(Caller.agent(LEAD), "/phase", "reload"))
                .getMessage();
        assertTrue(refused.startsWith("Not reloaded, nothing changed: " + file + ": plan.tasks"), refused);
        assertTrue(refused.contains("priority"), refused);
        assertFalse(refused.contains("\n"), "one line");
        assertFalse(bot.planService().snapshot().task("T8").isPresent());
    }

    @Test
    void settingsOutsideThePlanAreNamedAndWaitForARestart() throws Exception {
        String standupTime = bot.config().standup().toString();
        Files.writeString(
                file,
                Fixtures.shippedConfigText()
                        .replace("devops-engineer\n      due: \"Week 2\"", "devops-engineer\n      due: \"Week 3\"")
                        .replaceFirst("(?m)^  time: \"?09:00\"?$", "  time: \"09:30\""));
        String answer = reload(LEAD);
        assertTrue(answer.contains("(standup): not applied now, they take effect at the next restart."), answer);
        assertEquals(standupTime, bot.config().standup().toString(), "the running standup is untouched");
        assertEquals(
                "Week 3", bot.planService().snapshot().task("T7").orElseThrow().due(), "the plan is applied");
    }

    @Test
    void aNonLeadMayNotReload() throws Exception {
        Files.writeString(file, Fixtures.shippedConfigText().replace("\n  gates:\n", "\n" + T8));
        String refused = assertThrows(
                        CommandException.class,
                        () -> bot.dispatcher().handle(Caller.agent("qa-engineer"), "/phase", "reload"))
                .getMessage();
        assertTrue(refused.contains("lead"), refused);
        assertFalse(bot.planService().snapshot().task("T8").isPresent());
    }

    @Test
    void aReloadOfAFileNamingTheNextPhaseIsRefusedAndChangesNothing() throws Exception {
        Files.writeString(file, Fixtures.nextPhaseConfigText());
        String refused = assertThrows(
                        CommandException.class, () -> bot.dispatcher().handle(Caller.agent(LEAD), "/phase", "reload"))
                .getMessage();
        assertTrue(refused.startsWith("Not reloaded, nothing changed: phase.name in " + file), refused);
        assertTrue(refused.contains("begins when phasebot restarts"), refused);
        assertEquals(
                "Security Vulnerability Fix",
                bot.planService().snapshot().task("T1").orElseThrow().title(),
                "phase 2's T1 keeps its words");
        assertEquals(1, bot.phases().all().size());
    }

    private String reload(String agent) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), "/phase", "reload")).text();
    }
}
