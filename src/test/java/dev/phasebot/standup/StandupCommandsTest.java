package dev.phasebot.standup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.support.BotTest;
import org.junit.jupiter.api.Test;

/** /standup as a user types it, through the dispatcher both adapters use. */
class StandupCommandsTest extends BotTest {

    StandupCommandsTest() {
        super("2026-11-24T09:05");
    }

    @Test
    void helpListsTheSyntaxAndEverySubcommand() {
        String help = text("qa-engineer", "help");
        for (String part : new String[] {
            "security:",
            "blockers:",
            "today:",
            "coordination:",
            "/standup status",
            "/standup history",
            "/standup ooo",
            "/standup open",
            "/standup link"
        }) {
            assertTrue(help.contains(part), part);
        }
    }

    @Test
    void noTextOpensTheFormPrefilledWithTodaysUpdate() {
        text("qa-engineer", "today: fuzzers");
        CommandReply reply = run("qa-engineer", "");
        StandupForm form = assertInstanceOf(StandupForm.class, reply);
        assertEquals("fuzzers", form.current().commitments());
        assertEquals(false, form.securityRequired());
        assertTrue(((StandupForm) run("python-ml-fintech-reviewer", "")).securityRequired());
    }

    @Test
    void inlineTextIsRecordedAsTheCallersUpdate() {
        assertEquals(
                "Recorded for Tue 24 Nov:\n  • today: fuzz the loader", text("qa-engineer", "today: fuzz the loader"));
        assertTrue(text("qa-engineer", "status").contains("\nPosted: qa-engineer (09:05 EST)\n"));
    }

    @Test
    void aSubcommandWordFollowedByTextIsRefusedWithTheWayToPostItAsText() {
        String answer = error("qa-engineer", "close the audit findings with python-ml-fintech-reviewer");
        assertTrue(
                answer.endsWith("If you meant it as text, write /standup today: close the audit findings with "
                        + "python-ml-fintech-reviewer."),
                answer);
        assertEquals(
                "No standup updates from qa-engineer in the last 1 day.", text("qa-engineer", "history qa-engineer 1"));
        text("qa-engineer", "today: close the audit findings with python-ml-fintech-reviewer");
        assertTrue(text("qa-engineer", "history qa-engineer 1").contains("close the audit findings"));
    }

    @Test
    void statusSaysWhoHasPostedWhoNotAndWhoIsOut() {
        text("qa-engineer", "today: x");
        text("ml-engineer", "ooo today tomorrow dentist");
        String status = text("qa-engineer", "status");
        // 09:05 and no timer has run in this test: nobody opened it
        assertTrue(
                status.startsWith("Standup, Tuesday 24 November 2026: not opened; it was due at 09:00 EST (the lead "
                        + "can open it now: /standup open)"),
                status);
        assertTrue(
                status.contains(
                        "Not yet: python-ml-fintech-reviewer, software-architect, senior-system-developer, devops-engineer"),
                status);
        assertTrue(status.endsWith("\nOut: ml-engineer"), status);
    }

    @Test
    void historyShowsPastDaysNewestFirstAndChecksItsArguments() {
        text("qa-engineer", "today: tuesday work");
        clock.setLocal("2026-11-25T09:05");
        text("qa-engineer", "blockers: <!here> wednesday");
        String history = text("senior-system-developer", "history qa-engineer 3");
        assertTrue(history.indexOf("Wednesday 25 November") < history.indexOf("Tuesday 24 November"), history);
        assertTrue(history.contains("  • qa-engineer (09:05 EST): blockers: <!here> wednesday"), history);
        assertEquals("Days must be between 1 and 60, got 99. Nothing was changed.", error("qa-engineer", "history 99"));
        assertTrue(error("qa-engineer", "history nobody").startsWith("nobody is not an agent of this phase."));
        assertEquals(
                "No standup updates from devops-engineer in the last 5 days.",
                text("qa-engineer", "history devops-engineer"));
    }

    @Test
    void outOfOfficeChecksItsDatesAndOnlyTheLeadMayMarkSomeoneElse() {
        assertTrue(text("qa-engineer", "ooo 2026-12-24 2026-12-31 holidays")
                .startsWith("You are out of office from Thu 24 Dec to Thu 31 Dec"));
        assertTrue(error("qa-engineer", "ooo 24/12 2026-12-31")
                .startsWith("24/12 is not a date; write it as 2026-12-24, today or tomorrow. Nothing was changed."));
        assertEquals(
                "The last day (2026-12-01) is before the first (2026-12-24).",
                error("qa-engineer", "ooo 2026-12-24 2026-12-01"));
        assertTrue(error("qa-engineer", "ooo")
                .startsWith(
                        "<from> is missing. Nothing was changed.\nUsage: /standup ooo [agent] <from> <to> [reason]"));
        assertEquals(
                "Only the lead (senior-system-developer) may mark another agent out of office.",
                error("qa-engineer", "ooo ml-engineer today today"));
        assertTrue(text("senior-system-developer", "ooo ml-engineer today today sick")
                .startsWith("ml-engineer is out of office"));
    }

    @Test
    void linkingIsForTheLeadAndTakesASlackMention() {
        assertEquals(
                "Only the lead (senior-system-developer) may link agents to Slack users.",
                error("qa-engineer", "link qa-engineer <@U0QA>"));
        assertEquals(
                "qa-engineer is now linked to U0QA123.",
                text("senior-system-developer", "link qa-engineer <@U0QA123|dana>"));
        assertEquals(
                "qa-engineer",
                bot.agents().agentForSlackUser("U0QA123").orElseThrow().id());
        assertTrue(error("senior-system-developer", "link qa-engineer dana").contains("is not a Slack user mention"));
    }

    @Test
    void aSlackUserLinkedToNoAgentIsToldHowToGetLinked() {
        CommandException e = assertThrows(
                CommandException.class,
                () -> bot.dispatcher().handle(new Caller(null, "U0STRANGER", null), "/standup", "today: x"));
        assertTrue(e.getMessage().startsWith("You are not linked to an agent of this phase yet."), e.getMessage());
        assertTrue(
                bot.dispatcher().handle(new Caller(null, "U0STRANGER", null), "/standup", "help")
                        instanceof CommandReply.Text);
    }

    @Test
    void anUnknownCommandIsNamed() {
        CommandException e = assertThrows(
                CommandException.class, () -> bot.dispatcher().handle(Caller.agent("qa-engineer"), "/standpu", "x"));
        assertEquals(
                "Unknown command /standpu. Did you mean /standup? Commands: /standup, /incident, /task, /gate, /phase, /plan, /decision, "
                        + "/metric, /review, /oncall, /api (each has help).",
                e.getMessage());
    }

    private CommandReply run(String agent, String text) {
        return bot.dispatcher().handle(Caller.agent(agent), "/standup", text);
    }

    private String text(String agent, String text) {
        return ((CommandReply.Text) run(agent, text)).text();
    }

    private String error(String agent, String text) {
        return assertThrows(CommandException.class, () -> run(agent, text)).getMessage();
    }
}
