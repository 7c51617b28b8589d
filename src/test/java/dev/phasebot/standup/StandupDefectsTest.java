package dev.phasebot.standup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.support.BotTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the standup's defects of "Commands a team can trust", typed as users
 * typed them: {@code /standup next} after a blocker replaced the update, and Slack's escaped
 * mentions were shown raw instead of as the agent they stand for.
 */
class StandupDefectsTest extends BotTest {

    private static final String TUESDAY = "2026-11-24";
    private static final String CHANNEL = "channel:coordination";
    private static final String DANA = "U0AG000002";
    private StandupRows rows;

    StandupDefectsTest() {
        super(TUESDAY + "T08:30");
    }

    @BeforeEach
    void openAtNine() {
        rows = new StandupRows(bot);
        at("09:00");
        assertTrue(bot.standupSession().openScheduled());
        worker.deliverDue();
    }

    @Test
    void nextAfterABlockerIsRefusedAndTheBlockerSurvivesIntoHistoryAndTheSummary() {
        at("09:02");
        standup("qa-engineer", "blockers: waiting on T3");
        int audits = rows.auditCount();
        int outgoing = rows.outbox().size();

        at("09:04");
        assertEquals(
                "next is not a /standup subcommand, and one word is not much of an update. Nothing was changed. "
                        + "/standup help lists the subcommands; to record it as today's commitments, write "
                        + "/standup today: next.",
                error("qa-engineer", "next"));

        assertEquals(
                new StandupUpdate("", "waiting on T3", "", ""),
                bot.standupUpdates().current("qa-engineer").orElseThrow());
        assertEquals(audits, rows.auditCount(), "the refusal wrote no audit row");
        assertEquals(outgoing, rows.outbox().size(), "the refusal sent nothing");
        assertEquals(
                new StandupUpdate("", "waiting on T3", "", ""),
                bot.standupReports()
                        .history("qa-engineer", "qa-engineer", 1)
                        .entries()
                        .get(0)
                        .posted()
                        .update());

        at("09:15");
        String summary = lastPost();
        assertTrue(summary.contains("  • qa-engineer is blocked: waiting on T3"), summary);
        assertFalse(summary.contains("next"), summary);
    }

    @Test
    void oneUnlabelledWordIsRefusedEvenAsAFirstUpdateButAPhraseIsTodaysCommitments() {
        at("09:02");
        assertTrue(error("qa-engineer", "next").startsWith("next is not a /standup subcommand"));
        assertTrue(bot.standupUpdates().current("qa-engineer").isEmpty());
        assertEquals(
                "Recorded for Tue 24 Nov:\n  • today: write the fuzz tests",
                standup("qa-engineer", "write the fuzz tests"));
    }

    @Test
    void aBlockerMentioningALinkedUserNamesTheirAgentAndTheSummarySaysWhoBlocksWhom() {
        bot.database()
                .run(tx ->
                        bot.agents().link(tx, "software-architect", DANA, "senior-system-developer", clock.instant()));
        at("09:02");
        String answer = standup("qa-engineer", "blockers: waiting on <@" + DANA + "|dana>");
        assertEquals(
                "waiting on software-architect",
                bot.standupUpdates().current("qa-engineer").orElseThrow().blockers());
        assertEquals("Recorded for Tue 24 Nov:\n  • blockers: waiting on software-architect", answer);

        at("09:15");
        String summary = lastPost();
        assertTrue(
                summary.contains("  • qa-engineer is blocked on software-architect: waiting on software-architect"),
                summary);
        assertFalse(summary.contains(DANA), summary);
    }

    @Test
    void aBlockerMentioningAnUnlinkedUserReadsAsTheirName() {
        at("09:02");
        String answer = standup("qa-engineer", "blockers: waiting on <@" + DANA + "|dana>");
        assertEquals(
                "waiting on @dana",
                bot.standupUpdates().current("qa-engineer").orElseThrow().blockers());
        assertEquals("Recorded for Tue 24 Nov:\n  • blockers: waiting on @dana", answer);
        assertEquals(
                "Recorded for Tue 24 Nov (updated: coordination):\n  • blockers: waiting on @dana\n"
                        + "  • coordination: @" + DANA + " to review",
                standup("qa-engineer", "needs: <@" + DANA + "> to review"));

        at("09:15");
        String summary = lastPost();
        assertTrue(summary.contains("  • qa-engineer is blocked: waiting on @dana"), summary);
        assertFalse(summary.contains("&lt;@"), summary);
    }

    private String standup(String agent, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), "/standup", text)).text();
    }

    private String error(String agent, String text) {
        return assertThrows(
                        CommandException.class, () -> bot.dispatcher().handle(Caller.agent(agent), "/standup", text))
                .getMessage();
    }

    private String lastPost() {
        List<String> posts = slack.textsTo(CHANNEL);
        return posts.get(posts.size() - 1);
    }

    /** Moves the clock to a time on Tuesday 24 November, fires what is due and delivers. */
}
