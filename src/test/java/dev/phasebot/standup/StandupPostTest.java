package dev.phasebot.standup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.message.Refusal;
import dev.phasebot.support.BotTest;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Posting inline more than once a day: what was recorded stays unless its section is named;
 * the form replaces the whole update because it shows the whole update.
 */
class StandupPostTest extends BotTest {

    private static final String TUESDAY = "2026-11-24";
    private static final String CHANNEL = "channel:coordination";
    private static final String DANA = "U0AG000002";
    private final UpdateParser parser = new UpdateParser();
    private StandupRows rows;

    StandupPostTest() {
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
    void anUnlabeledPostAfterRecordedCommitmentsIsRefusedAndTheBlockersSurviveIntoHistoryAndSummary() {
        at("09:02");
        post("qa-engineer", "blockers: waiting on T3; today: write the fuzz tests");
        int audits = rows.auditCount();
        int outgoing = rows.outbox().size();

        at("09:04");
        Refusal e = assertThrows(Refusal.class, () -> post("qa-engineer", "next"));
        assertEquals("commitments", e.field());
        assertEquals(
                "You already have today's commitments (“write the fuzz tests”). To replace them, name the "
                        + "section: /standup today: next.",
                e.getMessage());

        assertEquals(new StandupUpdate("", "waiting on T3", "write the fuzz tests", ""), current("qa-engineer"));
        assertEquals(audits, rows.auditCount(), "a refusal writes no audit row");
        assertEquals(outgoing, rows.outbox().size(), "a refusal sends nothing");
        assertEquals(
                postedAt("09:02"),
                bot.standupReports().status().posted().get(0).at(),
                "the refusal did not touch the update");
        assertEquals(new StandupUpdate("", "waiting on T3", "write the fuzz tests", ""), firstInHistory("qa-engineer"));
        String summary = summaryAt("09:15");
        assertTrue(summary.contains("  • qa-engineer is blocked: waiting on T3"), summary);
        assertTrue(summary.contains("  • qa-engineer: write the fuzz tests"), summary);
        assertFalse(summary.contains("next"), summary);
    }

    @Test
    void anUnlabeledPostAfterOnlyBlockersBecomesTodaysCommitmentsAndTheBlockersStay() {
        at("09:02");
        post("qa-engineer", "blockers: waiting on T3");
        at("09:04");
        assertEquals(
                recorded(new StandupUpdate("", "waiting on T3", "next", ""), Section.TODAY),
                post("qa-engineer", "next"));
        assertEquals(new StandupUpdate("", "waiting on T3", "next", ""), current("qa-engineer"));
        String summary = summaryAt("09:15");
        assertTrue(summary.contains("  • qa-engineer is blocked: waiting on T3"), summary);
        assertTrue(summary.contains("  • qa-engineer: next"), summary);
    }

    @Test
    void blockersThenTodayKeepsBoth() {
        at("09:02");
        assertEquals(
                recorded(new StandupUpdate("", "waiting on T3", "", "")),
                post("qa-engineer", "blockers: waiting on T3"));
        at("09:03");
        assertEquals(
                recorded(new StandupUpdate("", "waiting on T3", "write the fuzz tests", ""), Section.TODAY),
                post("qa-engineer", "today: write the fuzz tests"));

        assertEquals(new StandupUpdate("", "waiting on T3", "write the fuzz tests", ""), current("qa-engineer"));
        assertEquals(List.of(TUESDAY, TUESDAY + " updated: today"), rows.audit("standup.update"));
        String summary = summaryAt("09:15");
        assertTrue(summary.contains("  • qa-engineer is blocked: waiting on T3"), summary);
        assertTrue(summary.contains("  • qa-engineer: write the fuzz tests"), summary);
    }

    @Test
    void eachSectionGivenReplacesOnlyThatSection() {
        at("09:02");
        post(
                "python-ml-fintech-reviewer",
                "security: patch merged; blockers: waiting on T3; today: audit; "
                        + "coordination: qa-engineer to re-run the fuzzers");
        at("09:03");
        assertEquals(
                recorded(
                        new StandupUpdate("patch merged", "none", "audit", "devops-engineer for a GPU box"),
                        Section.BLOCKERS,
                        Section.COORDINATION),
                post("python-ml-fintech-reviewer", "needs: devops-engineer for a GPU box; deps: none"));
    }

    @Test
    void unlabeledTextFillsEmptyCommitmentsAndRepeatingThemChangesNothing() {
        at("09:02");
        assertEquals(
                recorded(new StandupUpdate("", "", "write the fuzz tests", "")),
                post("qa-engineer", "write the fuzz tests"));
        int audits = rows.auditCount();
        at("09:03");
        assertEquals(NOTHING, post("qa-engineer", "write the fuzz tests"));
        assertEquals(
                recorded(new StandupUpdate("", "waiting on T3", "write the fuzz tests", ""), Section.BLOCKERS),
                post("qa-engineer", "write the fuzz tests; blockers: waiting on T3"),
                "unlabeled text identical to the commitments recorded is no replacement");
        assertEquals(audits + 1, rows.auditCount());
    }

    @Test
    void postingExactlyWhatIsRecordedWritesNothing() {
        at("09:02");
        post("qa-engineer", "blockers: waiting on T3; today: fuzz tests");
        int audits = rows.auditCount();
        int outgoing = rows.outbox().size();
        at("09:06");
        assertEquals(NOTHING, post("qa-engineer", "today: fuzz tests"));
        assertEquals(
                NOTHING,
                bot.standupUpdates().submit("qa-engineer", new StandupUpdate("", "waiting on T3", "fuzz tests", "")));
        assertEquals(audits, rows.auditCount());
        assertEquals(outgoing, rows.outbox().size());
        assertEquals(
                postedAt("09:02"), bot.standupReports().status().posted().get(0).at(), "the update keeps its time");
    }

    @Test
    void theSecurityTeamsMergedUpdateMustHaveASecuritySection() {
        at("09:02");
        int audits = rows.auditCount();
        Refusal e = assertThrows(Refusal.class, () -> post("python-ml-fintech-reviewer", "today: audit"));
        assertEquals("security", e.field());
        assertTrue(
                e.getMessage().startsWith("As a member of the security team, your update opens the standup"),
                e.getMessage());
        assertTrue(bot.standupUpdates().current("python-ml-fintech-reviewer").isEmpty());
        assertEquals(audits, rows.auditCount());

        post("python-ml-fintech-reviewer", "security: patch merged");
        assertEquals(
                recorded(new StandupUpdate("patch merged", "", "audit", ""), Section.TODAY),
                post("python-ml-fintech-reviewer", "today: audit"),
                "the recorded security section counts");
    }

    @Test
    void theRefusalQuotesUserTextAsWordsAndTheCommandToTypeAsCode() {
        at("09:02");
        assertEquals(
                recorded(new StandupUpdate("", "", "<!channel> ship & tell", "")),
                post("qa-engineer", "today: <!channel> ship & tell"));
        Refusal e = assertThrows(Refusal.class, () -> post("qa-engineer", "<@U0123> ping"));
        assertTrue(e.getMessage().contains("(“<!channel> ship & tell”)"), e.getMessage());
        assertTrue(
                e.answer().toString().contains("Code[text=/standup today: <@U0123> ping]"),
                e.answer().toString());
    }

    @Test
    void aLateInlinePostAmendsTheSummaryKeepingWhatWasPostedOnTime() {
        at("09:02");
        post("qa-engineer", "blockers: waiting on T3");
        at("09:15");
        at("09:40");
        assertEquals(
                new StandupResult.UpdateRecorded(
                        DAY,
                        new StandupUpdate("", "waiting on T3", "write the fuzz tests", ""),
                        List.of(Section.TODAY),
                        List.of(),
                        true,
                        true),
                post("qa-engineer", "today: write the fuzz tests"));

        List<String> edits = rows.summaryEdits(TUESDAY);
        assertEquals(1, edits.size());
        assertTrue(edits.get(0).contains("  • qa-engineer is blocked: waiting on T3 (late)"), edits.get(0));
        assertTrue(edits.get(0).contains("  • qa-engineer: write the fuzz tests (late)"), edits.get(0));
        assertTrue(edits.get(0).endsWith("\nLate update from qa-engineer at 09:40 EST."), edits.get(0));
        assertEquals(List.of(TUESDAY + " updated: today"), rows.audit("standup.late-update"));
        worker.deliverDue();
        assertEquals(
                CHANNEL,
                slack.delivered()
                        .get(slack.delivered().size() - 1)
                        .message()
                        .destination()
                        .key());
    }

    @Test
    void theFormReplacesAllFourSectionsAndSaysWhatIsNowRecorded() {
        at("09:02");
        post("qa-engineer", "blockers: waiting on T3; today: fuzz tests");
        at("09:04");
        assertEquals(
                new StandupResult.UpdateRecorded(
                        DAY,
                        new StandupUpdate("", "", "fuzz tests and the loader", "ml-engineer for fixtures"),
                        List.of(Section.TODAY, Section.COORDINATION),
                        List.of(Section.BLOCKERS),
                        false,
                        false),
                bot.standupUpdates()
                        .submit(
                                "qa-engineer",
                                new StandupUpdate("", "", "fuzz tests and the loader", "ml-engineer for fixtures")));
        assertEquals(
                new StandupUpdate("", "", "fuzz tests and the loader", "ml-engineer for fixtures"),
                current("qa-engineer"));
        assertEquals(
                TUESDAY + " updated: today, coordination; cleared: blockers",
                rows.audit("standup.update").get(1));
    }

    @Test
    void theInlinePathOfTodaysCommandLayerAlreadyMerges() {
        at("09:02");
        bot.dispatcher()
                .handle(dev.phasebot.command.Caller.agent("qa-engineer"), "/standup", "blockers: waiting on T3");
        bot.dispatcher().handle(dev.phasebot.command.Caller.agent("qa-engineer"), "/standup", "today: fuzz tests");
        assertEquals(new StandupUpdate("", "waiting on T3", "fuzz tests", ""), current("qa-engineer"));
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

        assertEquals(new StandupUpdate("", "waiting on T3", "", ""), current("qa-engineer"));
        assertEquals(audits, rows.auditCount(), "the refusal wrote no audit row");
        assertEquals(outgoing, rows.outbox().size(), "the refusal sent nothing");
        assertEquals(new StandupUpdate("", "waiting on T3", "", ""), firstInHistory("qa-engineer"));

        String summary = summaryAt("09:15");
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
        assertEquals("waiting on software-architect", current("qa-engineer").blockers());
        assertEquals("Recorded for Tue 24 Nov:\n  • blockers: waiting on software-architect", answer);

        String summary = summaryAt("09:15");
        assertTrue(
                summary.contains("  • qa-engineer is blocked on software-architect: waiting on software-architect"),
                summary);
        assertFalse(summary.contains(DANA), summary);
    }

    @Test
    void aBlockerMentioningAnUnlinkedUserReadsAsTheirName() {
        at("09:02");
        String answer = standup("qa-engineer", "blockers: waiting on <@" + DANA + "|dana>");
        assertEquals("waiting on @dana", current("qa-engineer").blockers());
        assertEquals("Recorded for Tue 24 Nov:\n  • blockers: waiting on @dana", answer);
        assertEquals(
                "Recorded for Tue 24 Nov (updated: coordination):\n  • blockers: waiting on @dana\n"
                        + "  • coordination: @" + DANA + " to review",
                standup("qa-engineer", "needs: <@" + DANA + "> to review"));

        String summary = summaryAt("09:15");
        assertTrue(summary.contains("  • qa-engineer is blocked: waiting on @dana"), summary);
        assertFalse(summary.contains("&lt;@"), summary);
    }

    private static final LocalDate DAY = LocalDate.parse(TUESDAY);
    private static final StandupResult NOTHING = new StandupResult.NothingChanged(DAY, null);

    private static StandupResult recorded(StandupUpdate update, Section... updated) {
        return new StandupResult.UpdateRecorded(DAY, update, List.of(updated), List.of(), false, false);
    }

    private java.time.Instant postedAt(String localTime) {
        return java.time.LocalDateTime.parse(TUESDAY + "T" + localTime)
                .atZone(bot.config().phase().zone())
                .toInstant();
    }

    private StandupResult post(String agent, String text) {
        return bot.standupUpdates().post(agent, parser.parse(text));
    }

    private StandupUpdate current(String agent) {
        return bot.standupUpdates().current(agent).orElseThrow();
    }

    /** The update the agent's own history shows for the latest day. */
    private StandupUpdate firstInHistory(String agent) {
        return bot.standupReports()
                .history(agent, agent, 1)
                .entries()
                .get(0)
                .posted()
                .update();
    }

    /** Moves on to {@code time} (the summary's) and returns the last post to the channel. */
    private String summaryAt(String time) {
        at(time);
        return lastPost();
    }

    private String lastPost() {
        List<String> posts = slack.textsTo(CHANNEL);
        return posts.get(posts.size() - 1);
    }

    private String standup(String agent, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), "/standup", text)).text();
    }

    private String error(String agent, String text) {
        return assertThrows(
                        CommandException.class, () -> bot.dispatcher().handle(Caller.agent(agent), "/standup", text))
                .getMessage();
    }
}
