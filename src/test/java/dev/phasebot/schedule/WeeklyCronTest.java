package dev.phasebot.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.TriggerBuilder;

class WeeklyCronTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final List<DayOfWeek> WEEKDAYS =
            List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    @Test
    void theCronExpressionReadsTheConfiguredTimeAndDays() {
        assertEquals("0 0 9 ? * MON,TUE,WED,THU,FRI", PhaseScheduler.cronExpression(LocalTime.of(9, 0), WEEKDAYS));
        assertEquals("0 30 14 ? * FRI", PhaseScheduler.cronExpression(LocalTime.of(14, 30), List.of(DayOfWeek.FRIDAY)));
    }

    @Test
    void theStandupStaysAtNineEasternAcrossTheMarchDstChange() {
        List<Instant> fires = nextFires("2026-03-05T12:00:00Z", LocalTime.of(9, 0), WEEKDAYS, 4);
        assertEquals(
                List.of(
                        Instant.parse("2026-03-05T14:00:00Z"), // Thu, EST (UTC-5)
                        Instant.parse("2026-03-06T14:00:00Z"), // Fri, EST
                        Instant.parse("2026-03-09T13:00:00Z"), // Mon after 2026-03-08: EDT (UTC-4)
                        Instant.parse("2026-03-10T13:00:00Z")),
                fires);
    }

    @Test
    void theStandupStaysAtNineEasternAcrossTheNovemberDstChange() {
        List<Instant> fires = nextFires("2026-10-29T12:00:00Z", LocalTime.of(9, 0), WEEKDAYS, 4);
        assertEquals(
                List.of(
                        Instant.parse("2026-10-29T13:00:00Z"), // Thu, EDT
                        Instant.parse("2026-10-30T13:00:00Z"), // Fri, EDT
                        Instant.parse("2026-11-02T14:00:00Z"), // Mon after 2026-11-01: EST
                        Instant.parse("2026-11-03T14:00:00Z")),
                fires);
    }

    @Test
    void theFridayReviewStaysAtTwoPmEasternAcrossDstChanges() {
        assertEquals(
                List.of(Instant.parse("2026-03-06T19:00:00Z"), Instant.parse("2026-03-13T18:00:00Z")),
                nextFires("2026-03-02T00:00:00Z", LocalTime.of(14, 0), List.of(DayOfWeek.FRIDAY), 2));
        assertEquals(
                List.of(Instant.parse("2026-10-30T18:00:00Z"), Instant.parse("2026-11-06T19:00:00Z")),
                nextFires("2026-10-26T00:00:00Z", LocalTime.of(14, 0), List.of(DayOfWeek.FRIDAY), 2));
    }

    private static List<Instant> nextFires(String after, LocalTime time, List<DayOfWeek> days, int count) {
        CronTrigger trigger = TriggerBuilder.newTrigger()
                .withSchedule(CronScheduleBuilder.cronSchedule(PhaseScheduler.cronExpression(time, days))
                        .inTimeZone(TimeZone.getTimeZone(NEW_YORK)))
                .startAt(Date.from(Instant.parse("2020-01-01T00:00:00Z")))
                .build();
        List<Instant> fires = new ArrayList<>();
        Date cursor = Date.from(Instant.parse(after));
        for (int i = 0; i < count; i++) {
            cursor = trigger.getFireTimeAfter(cursor);
            fires.add(cursor.toInstant());
        }
        return fires;
    }
}
