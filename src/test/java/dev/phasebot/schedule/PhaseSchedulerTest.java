package dev.phasebot.schedule;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhaseSchedulerTest {

    @Test
    void quartzFiresATimerWhoseDueTimePassedWhileTheBotWasDownAtOnce(@TempDir Path dir) throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        try (Database db = Database.open(dir.resolve("phasebot.db"))) {
            PhaseScheduler quartz = new PhaseScheduler();
            TimerService timers = new TimerService(db, Clock.systemUTC(), quartz);
            timers.on("late", (tx, timer, now) -> fired.countDown());
            db.run(tx -> timers.schedule(tx, "late", "x", Instant.now().minus(Duration.ofMinutes(25))));
            try (PhaseScheduler scheduler = quartz) {
                scheduler.start(timers);
                timers.rearmAll();
                // Waiting on the event, not sleeping: Quartz fires on its own thread.
                assertTrue(fired.await(10, TimeUnit.SECONDS), "the overdue timer did not fire");
            }
            assertTrue(timers.pending().isEmpty());
        }
    }

    @Test
    void aCronJobCannotBeScheduledBeforeTheSchedulerKnowsWhichTimersItFires() {
        try (PhaseScheduler scheduler = new PhaseScheduler()) {
            assertThrows(
                    IllegalStateException.class,
                    () -> scheduler.cron(
                            "standup-open",
                            java.time.LocalTime.of(9, 0),
                            java.util.List.of(java.time.DayOfWeek.MONDAY),
                            java.time.ZoneId.of("America/New_York"),
                            () -> {}));
            assertThrows(IllegalStateException.class, () -> scheduler.watchdog(Duration.ofMinutes(1)));
        }
    }
}
