package dev.phasebot.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandReply;
import dev.phasebot.message.PlainText;
import dev.phasebot.support.BotTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the review's defects of "Commands a team can trust": a preview days
 * before the review judged open incidents against the review's start, and review notes kept
 * Slack's escaped mentions raw.
 */
class ReviewDefectsTest extends BotTest {

    private static final String TUESDAY = "2026-11-24T";
    private static final String LEAD = "senior-system-developer";
    private static final String ARCHITECTURE = "channel:architecture";
    private static final String DANA = "U0AG000002";

    ReviewDefectsTest() {
        super(TUESDAY + "10:00");
    }

    @Test
    void aPreviewOnTuesdayDoesNotCallADeadlineStillAheadMissed() {
        run("qa-engineer", "/incident", "Pipeline outage affects T4");
        clock.at("10:04");

        assertEquals(List.of("#1 CRITICAL Pipeline outage: still open"), incidentLines());
    }

    @Test
    void aPreviewJudgesAnOpenIncidentAgainstNowOnceADeadlineHasPassed() {
        run("qa-engineer", "/incident", "Pipeline outage affects T4");
        clock.at("10:40");

        assertEquals(
                List.of("#1 CRITICAL Pipeline outage: still open; missed: technical assessment by 10 min"),
                incidentLines());
    }

    @Test
    void aMentionInAReviewNoteIsRecordedAsTheAgentLinkedToThatUser() {
        bot.database().run(tx -> bot.agents().link(tx, "software-architect", DANA, LEAD, clock.instant()));
        run(LEAD, "/review", "open");
        assertEquals("Noted.", run("qa-engineer", "/review", "notes Gate 2 slips a week, ask <@" + DANA + "|dana>"));
        endTheHour();

        String record = lastTo(ARCHITECTURE);
        assertTrue(record.contains("• qa-engineer: Gate 2 slips a week, ask software-architect"), record);
        assertFalse(record.contains(DANA), record);
    }

    @Test
    void aMentionOfAnUnlinkedUserInAReviewNoteReadsAsTheirName() {
        run(LEAD, "/review", "open");
        run("qa-engineer", "/review", "notes Gate 2 slips a week, ask <@" + DANA + "|dana>");
        endTheHour();

        String record = lastTo(ARCHITECTURE);
        assertTrue(record.contains("• qa-engineer: Gate 2 slips a week, ask @dana"), record);
        assertFalse(record.contains("&lt;@"), record);
    }

    /** The review opened at 10:00 runs an hour; its record is posted when the close timer fires. */
    private void endTheHour() {
        at("11:00");
    }

    private List<String> incidentLines() {
        return bot.reviewSession().preview().reported(Agenda.Source.INCIDENTS).stream()
                .map(PlainText.withUserIds()::render)
                .toList();
    }

    private String run(String agent, String command, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), command, text)).text();
    }
}
