package dev.phasebot.schedule;

import dev.phasebot.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The timer rows and the Quartz scheduler that fires them, made together: each needs the
 * other (a new row is armed in Quartz; a Quartz trigger fires the row), so the pair is wired
 * here once, at construction, instead of by a setter called later.
 */
public record ScheduledTimers(TimerService timers, PhaseScheduler scheduler) {

    public static ScheduledTimers create(Database database, Clock clock) {
        // An empty composite registry drops what is recorded into it: these callers count nothing.
        return create(database, clock, new CompositeMeterRegistry());
    }

    /** {@code meters} gets the timers' lateness. */
    public static ScheduledTimers create(Database database, Clock clock, MeterRegistry meters) {
        AtomicReference<TimerService> rows = new AtomicReference<>();
        // Quartz fires nothing before start(), by which time the rows' owner below is set.
        PhaseScheduler scheduler = new PhaseScheduler(new TimerRunner() {
            @Override
            public boolean fire(long timerId) {
                return rows.get().fire(timerId);
            }

            @Override
            public int runDue() {
                return rows.get().runDue();
            }
        });
        TimerService timers = new TimerService(database, clock, scheduler, meters);
        rows.set(timers);
        return new ScheduledTimers(timers, scheduler);
    }
}
