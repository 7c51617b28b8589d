package dev.phasebot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.phasebot.config.BotConfig;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SettableClock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The shipped plan: standups Monday to Friday at 09:00 New York, holidays listed; the review Fridays at 14:00. */
class RunLogTest {

    private static final BotConfig CONFIG = Fixtures.shippedConfig();

    private ZonedDateTime nextStandup(String localNow) {
        return RunLog.nextStandup(CONFIG.standup(), at(localNow));
    }

    private ZonedDateTime nextReview(String localNow) {
        return RunLog.nextReview(CONFIG.review(), at(localNow));
    }

    private static ZonedDateTime at(String local) {
        return SettableClock.newYork(local).instant().atZone(CONFIG.phase().zone());
    }

    @Test
    void beforeNineOnAStandupDayTheNextStandupIsTodays() {
        assertEquals(at("2026-11-24T09:00"), nextStandup("2026-11-24T08:59"));
    }

    @Test
    void atNineTheNextStandupIsTheNextStandupDays() {
        assertEquals(at("2026-11-25T09:00"), nextStandup("2026-11-24T09:00"));
    }

    @Test
    void aHolidayAndTheWeekendAreSkipped() {
        // Thursday 26 November 2026 is Thanksgiving in the plan's holidays.
        assertEquals(at("2026-11-27T09:00"), nextStandup("2026-11-25T10:00"));
        assertEquals(at("2026-11-30T09:00"), nextStandup("2026-11-27T10:00"));
    }

    @Test
    void theStandupStaysAtNineLocalAcrossTheClockChange() {
        // Clocks go forward on Sunday 8 March 2026: Friday's 09:00 is UTC-5, Monday's UTC-4.
        ZonedDateTime monday = nextStandup("2026-03-06T10:00");
        assertEquals("2026-03-09T09:00-04:00[America/New_York]", monday.toString());
    }

    @Test
    void theNextReviewIsThisFridayBeforeTwoAndNextFridayFromTwo() {
        assertEquals(at("2026-11-27T14:00"), nextReview("2026-11-24T10:00"));
        assertEquals(at("2026-11-27T14:00"), nextReview("2026-11-27T13:59"));
        assertEquals(at("2026-12-04T14:00"), nextReview("2026-11-27T14:00"));
    }

    @Test
    void theStartLineNamesVersionModeZoneAndTheNextStandupAndReviewInThatZone() {
        RunLog run = new RunLog(CONFIG, "http", SettableClock.newYork("2026-11-25T10:00"));
        assertEquals(
                "phasebot " + RunLog.version() + " running: mode=http zone=America/New_York"
                        + " next_standup=2026-11-27T09:00:00-05:00 next_review=2026-11-27T14:00:00-05:00",
                run.startLine());
    }

    @Test
    void startAndCleanStopAreLoggedAtInfoWithTheTimeUp() {
        SettableClock clock = SettableClock.newYork("2026-11-24T08:00");
        RunLog run = new RunLog(CONFIG, "socket", clock);
        String startLine = run.startLine();
        List<ILoggingEvent> events = capture(() -> {
            run.started();
            clock.tick(Duration.ofMinutes(90));
            run.stopped();
        });
        assertEquals(
                List.of("INFO " + startLine, "INFO phasebot stopped cleanly: mode=socket up=PT1H30M"),
                events.stream()
                        .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                        .toList());
    }

    private static List<ILoggingEvent> capture(Runnable action) {
        Logger logger = (Logger) LoggerFactory.getLogger(RunLog.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            action.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list;
    }
}
