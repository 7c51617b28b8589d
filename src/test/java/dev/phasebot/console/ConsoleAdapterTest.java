package dev.phasebot.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.Phasebot;
import dev.phasebot.delivery.DeliveryWorker;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SettableClock;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleAdapterTest {

    @TempDir
    Path dir;

    @Test
    void aWholeStandupCanBeRunFromTheConsoleActingAsDifferentAgents() throws Exception {
        String output = run(String.join(
                "\n",
                "/standup open",
                "as qa-engineer",
                "/standup blockers: waiting on software-architect; today: fuzz tests",
                "as python-ml-fintech-reviewer",
                "/standup",
                "features.py patched",
                "none",
                "audit report",
                "",
                "as senior-system-developer",
                "/standup close",
                "quit"));

        assertTrue(
                output.contains("[#alphapy-phase2] Daily standup, Tuesday 24 November 2026 is open until 09:15 EST."),
                output);
        assertTrue(output.contains("[dm qa-engineer] Good morning, qa-engineer."), output);
        assertTrue(output.contains("[Post update] -> type /standup"), output);
        assertTrue(output.contains("You are now qa-engineer."), output);
        assertTrue(output.contains("Security team update (required): "), output);
        assertTrue(output.contains("• python-ml-fintech-reviewer: features.py patched"), output);
        assertTrue(
                output.contains("• qa-engineer is blocked on software-architect: waiting on software-architect"),
                output);
        assertNoSlackMarkup(output);
    }

    /** The console is read by people, not Slack: no emphasis marks, backticks, emoji codes or mentions. */
    private static void assertNoSlackMarkup(String output) {
        for (String line : output.lines().toList()) {
            assertFalse(line.matches(".*(\\*\\S|\\S\\*|`|:[a-z_]+:|<@U|&lt;|&gt;|&amp;).*"), "markup in: " + line);
        }
    }

    @Test
    void mistakesAreAnsweredWithWhatToDoInstead() throws Exception {
        String output = run(String.join(
                "\n",
                "as nobody",
                "hello",
                "/standup ooo tomorrow",
                "as qa-engineer",
                "/standup open",
                "/standup today: <b>&</b>",
                "/standup history",
                "/standup clear",
                "/task help"));
        assertTrue(output.contains("No agent 'nobody'. Agents: python-ml-fintech-reviewer,"), output);
        assertTrue(output.contains("Commands start with / (try /standup help)"), output);
        assertTrue(
                output.contains(
                        "! <to> is missing. Nothing was changed.\nUsage: /standup ooo [agent] <from> <to> [reason]"),
                output);
        assertTrue(
                output.contains("! Only the lead (senior-system-developer) may open the standup off-schedule."),
                output);
        assertTrue(output.contains("today: <b>&</b>"), "the console shows user text as typed: " + output);
        // a choice's words read as one placeholder, not as the label of a Slack link
        assertTrue(output.contains("Usage: /standup clear <security|blockers|today|coordination>"), output);
        assertTrue(output.contains("/task help <subcommand> shows one with an example."), output);
        assertNoSlackMarkup(output);
    }

    private String run(String input) throws Exception {
        SettableClock clock = SettableClock.newYork("2026-11-24T09:00");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Phasebot bot = Fixtures.bot(dir.resolve("phasebot.db"), clock)) {
            DeliveryWorker worker =
                    new DeliveryWorker(bot.database(), new ConsoleTransport(out, bot.config()), clock, bot.outbox());
            new ConsoleAdapter(
                            new BufferedReader(new StringReader(input + "\n")),
                            out,
                            bot.dispatcher(),
                            bot.standupCommands(),
                            bot.incidentCommands(),
                            bot.config(),
                            worker::deliverDue)
                    .run();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
