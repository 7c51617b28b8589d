package dev.phasebot.standup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.phasebot.support.BotTest;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The status is read once and handed to every caller until something commits: what any write
 * changes, and the turn of the day, still show in the next answer.
 */
class StandupStatusAnswerTest extends BotTest {

    private final UpdateParser parser = new UpdateParser();

    StandupStatusAnswerTest() {
        super("2026-11-24T09:05");
    }

    @Test
    void askedAgainWithNothingCommittedInBetweenItIsTheSameAnswer() {
        // Replicas sharing a store commit where this process's count cannot see: no cache there.
        org.junit.jupiter.api.Assumptions.assumeFalse(bot.database().shared());
        bot.standupSession().openNow("senior-system-developer");
        StandupStatus first = bot.standupReports().status();
        assertSame(first, bot.standupReports().status());
    }

    @Test
    void anUpdatePostedAfterTheStatusWasAskedShowsInTheNextAnswer() {
        bot.standupSession().openNow("senior-system-developer");
        assertEquals(List.of(), bot.standupReports().status().posted());
        bot.standupUpdates().post("qa-engineer", parser.parse("today: fuzz tests"));
        assertEquals(List.of("qa-engineer"), agents(bot.standupReports().status()));
    }

    @Test
    void theCloseAfterTheStatusWasAskedShowsInTheNextAnswer() {
        bot.standupSession().openNow("senior-system-developer");
        assertEquals(StandupStatus.State.OPEN, bot.standupReports().status().state());
        bot.standupSession().closeNow("senior-system-developer");
        assertEquals(StandupStatus.State.CLOSED, bot.standupReports().status().state());
    }

    @Test
    void theNextDayIsNotAnsweredWithTheDayBefore() {
        bot.standupSession().openNow("senior-system-developer");
        bot.standupUpdates().post("qa-engineer", parser.parse("today: fuzz tests"));
        bot.standupReports().status();
        clock.setLocal("2026-11-25T08:00:00"); // nothing fires or commits on the way
        StandupStatus wednesday = bot.standupReports().status();
        assertEquals(LocalDate.parse("2026-11-25"), wednesday.day());
        assertEquals(StandupStatus.State.OPENS, wednesday.state());
        assertEquals(List.of(), wednesday.posted());
    }

    @Test
    void pastItsOpeningTimeAStandupNobodyOpenedIsNotSaidToOpenLater() {
        clock.at("08:59");
        StandupStatus before = bot.standupReports().status();
        assertEquals(StandupStatus.State.OPENS, before.state());
        clock.at("14:05"); // the bot was down at 09:00: nothing opened it, nothing committed
        StandupStatus after = bot.standupReports().status();
        assertEquals(StandupStatus.State.NOT_OPENED, after.state());
        assertEquals(before.at(), after.at(), "the time it was due");
    }

    private static List<String> agents(StandupStatus status) {
        return status.posted().stream().map(StandupStatus.Posted::agent).toList();
    }
}
