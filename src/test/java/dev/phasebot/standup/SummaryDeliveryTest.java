package dev.phasebot.standup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.support.BotTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The summary is named in the outbox by the writes that close the standup or amend it, and built
 * when it is delivered: so it reads the day as it is then, a burst of late updates becomes one
 * edit, and every rendering says how late the close was.
 */
class SummaryDeliveryTest extends BotTest {

    private static final String TUESDAY = "2026-11-24";
    private static final String CHANNEL = "channel:coordination";
    private static final String SUMMARY_KEY = "standup:" + TUESDAY + ":summary";

    private StandupRows rows;

    SummaryDeliveryTest() {
        super(TUESDAY + "T08:30");
    }

    @Test
    void theCloseWritesOnlyTheSummarysNameAndTheSummaryIsBuiltWhenDelivered() {
        at("09:00");
        assertTrue(bot.standupSession().openScheduled());
        at("09:05");
        bot.standupUpdates().submit("qa-engineer", new StandupUpdate("", "waiting on T3", "fuzz tests", ""));
        rows = new StandupRows(bot);
        int before = rows.bodies().size();

        bot.standupSession().closeNow("senior-system-developer");

        List<String> written = rows.bodies().subList(before, rows.bodies().size());
        assertEquals(
                List.of("{\"deferred\":{\"source\":\"standup-summary\",\"argument\":\"" + TUESDAY + "\"}}"),
                written,
                "no rendering in the close's write");
        worker.deliverDue();
        String summary = lastTo(CHANNEL);
        assertTrue(summary.startsWith("Daily standup summary: Tuesday 24 November 2026\n09:00–09:05 EST\n"), summary);
        assertTrue(
                summary.contains("  • qa-engineer is blocked: waiting on T3 → T3 Model Architecture Design"), summary);
    }

    @Test
    void aBurstOfLateUpdatesIsOnePendingEditRenderedOnceFromTheLatestState() {
        at("09:00");
        assertTrue(bot.standupSession().openScheduled());
        at("09:15");
        rows = new StandupRows(bot);
        slack.clear();

        clock.at("09:40");
        for (String agent : List.of("qa-engineer", "ml-engineer", "devops-engineer", "software-architect")) {
            bot.standupUpdates().submit(agent, new StandupUpdate("", "", "late work of " + agent, ""));
        }
        bot.standupUpdates().submit("qa-engineer", new StandupUpdate("", "", "later work of qa-engineer", ""));

        assertEquals(
                1,
                rows.outbox().stream()
                        .filter(o -> o.action().equals("update") && o.updateOf().equals(SUMMARY_KEY))
                        .count(),
                "five late updates, one edit");
        worker.deliverDue();
        List<OutgoingDelivery> edits =
                slack.delivered().stream().filter(OutgoingDelivery::isUpdate).toList();
        assertEquals(1, edits.size());
        String edited = edits.get(0).message().text();
        for (String agent : List.of("ml-engineer", "devops-engineer", "software-architect")) {
            assertTrue(edited.contains("  • " + agent + ": late work of " + agent + " (late)"), edited);
        }
        assertTrue(edited.contains("  • qa-engineer: later work of qa-engineer (late)"), edited);
        assertFalse(edited.contains("  • qa-engineer: late work of qa-engineer"), "the state when sent: " + edited);
    }

    @Test
    void anAmendedSummaryStillSaysHowLateTheCloseWas() {
        at("09:00");
        assertTrue(bot.standupSession().openScheduled());
        restartAt("09:40");
        bot.standupSession().catchUp();
        bot.timers().runDue();
        worker.deliverDue();
        String note = "09:00–09:40 EST · Closed 25 min late: phasebot was offline at the closing time.";
        assertTrue(lastTo(CHANNEL).contains(note), lastTo(CHANNEL));

        clock.at("09:50");
        bot.standupUpdates().submit("qa-engineer", new StandupUpdate("", "", "fuzz tests", ""));
        worker.deliverDue();

        OutgoingDelivery edit = slack.delivered().stream()
                .filter(OutgoingDelivery::isUpdate)
                .reduce((a, b) -> b)
                .orElseThrow();
        assertTrue(edit.message().text().contains(note), edit.message().text());
        assertTrue(
                edit.message().text().contains("  • qa-engineer: fuzz tests (late)"),
                edit.message().text());
    }

    @Test
    void aStandupTheLeadRanLaterInTheDayIsNotLateWhenItClosesOnItsOwnTime() {
        at("11:00");
        bot.standupSession().openNow("senior-system-developer");
        at("11:15");
        assertTrue(
                lastTo(CHANNEL).startsWith("Daily standup summary: Tuesday 24 November 2026\n11:00–11:15 EST\n"),
                lastTo(CHANNEL));
        assertFalse(
                lastTo(CHANNEL).contains("Closed"), "due a window after it opened, not at 09:15: " + lastTo(CHANNEL));
    }
}
