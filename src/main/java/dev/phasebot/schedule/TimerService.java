package dev.phasebot.schedule;

import dev.phasebot.store.Database;
import dev.phasebot.store.LeaseLostException;
import dev.phasebot.store.Tx;
import dev.phasebot.store.WritePriority;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable timers. A timer is a row; it is fired by flipping {@code fired_at} from null in the
 * same transaction that runs its handler, so a timer fired twice at once (Quartz and the
 * watchdog, or two replicas) runs its handler once, and a cancelled timer never runs.
 */
public final class TimerService {

    /** Something that will call {@link #fire} near a timer's due time ({@link PhaseScheduler}, in the bot). */
    public interface Arming {

        void arm(long timerId, Instant dueAt);

        /** For tests and the console: nothing is armed; due timers run through {@link #runDue}. */
        Arming NONE = (id, due) -> {};
    }

    private static final Logger log = LoggerFactory.getLogger(TimerService.class);

    private final Database database;
    private final Clock clock;
    private final Map<String, TimerHandler> handlers = new ConcurrentHashMap<>();
    private final Arming arming;
    private final io.micrometer.core.instrument.Timer lateness;

    /**
     * {@code arming} is told of every new or moved timer (Quartz in the bot; see
     * {@link PhaseScheduler#start}); {@link Arming#NONE} where due timers run through {@link #runDue}.
     */
    public TimerService(Database database, Clock clock, Arming arming) {
        // An empty composite registry drops what is recorded into it: these callers count nothing.
        this(database, clock, arming, new CompositeMeterRegistry());
    }

    /** Records how late each timer fired ({@code phasebot.timer.lateness}) in {@code meters}. */
    public TimerService(Database database, Clock clock, Arming arming, MeterRegistry meters) {
        this.database = database;
        this.clock = clock;
        this.arming = arming;
        // A percentile histogram, so p99 can be computed across scrapes; a restart fires overdue
        // timers hours late, hence the wide range.
        this.lateness = io.micrometer.core.instrument.Timer.builder("phasebot.timer.lateness")
                .description("how long after its due time a timer fired")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(12))
                .register(meters);
    }

    /**
     * Registers what a timer of {@code kind} does when it fires, as Bolt registers a command's
     * handler: one per kind, by the feature that schedules timers of that kind.
     */
    public void on(String kind, TimerHandler handler) {
        if (handlers.putIfAbsent(kind, handler) != null) {
            throw new IllegalStateException("a handler for timers of kind " + kind + " is registered already");
        }
    }

    /** Schedules a timer in the caller's transaction; the same (kind, subject) twice is one timer. */
    public void schedule(Tx tx, String kind, String subject, Instant dueAt) {
        Optional<Long> id = tx.insert(
                "INSERT INTO timer(kind, subject, due_at) VALUES (?, ?, ?) " + "ON CONFLICT(kind, subject) DO NOTHING",
                kind,
                subject,
                dueAt.toEpochMilli());
        id.ifPresent(timerId -> arm(tx, timerId, dueAt));
    }

    /** Arms here, and tells the other replicas: the leader, wherever it runs, arms it as it commits. */
    private void arm(Tx tx, long timerId, Instant dueAt) {
        arming.arm(timerId, dueAt);
        tx.announce("timer", timerId + " " + dueAt.toEpochMilli());
    }

    /** Moves a timer that has not fired to a new due time (or schedules it); a fired one stays fired. */
    public void reschedule(Tx tx, String kind, String subject, Instant dueAt) {
        int moved = tx.update(
                "UPDATE timer SET due_at = ?, cancelled_at = NULL WHERE kind = ? AND subject = ? "
                        + "AND fired_at IS NULL",
                dueAt.toEpochMilli(),
                kind,
                subject);
        if (moved == 0) {
            schedule(tx, kind, subject, dueAt);
            return;
        }
        tx.queryOne("SELECT id FROM timer WHERE kind = ? AND subject = ?", rs -> rs.getLong(1), kind, subject)
                .ifPresent(id -> arm(tx, id, dueAt));
    }

    /** Cancels a pending timer in the caller's transaction; returns whether there was one. */
    public boolean cancel(Tx tx, String kind, String subject) {
        return tx.update(
                        "UPDATE timer SET cancelled_at = ? WHERE kind = ? AND subject = ? "
                                + "AND fired_at IS NULL AND cancelled_at IS NULL",
                        clock.millis(),
                        kind,
                        subject)
                == 1;
    }

    /** Cancels every pending timer of a kind whose subject starts with {@code prefix}; returns how many. */
    public int cancelAll(Tx tx, String kind, String prefix) {
        return tx.update(
                "UPDATE timer SET cancelled_at = ? WHERE kind = ? AND substr(subject, 1, ?) = ? "
                        + "AND fired_at IS NULL AND cancelled_at IS NULL",
                clock.millis(),
                kind,
                prefix.length(),
                prefix);
    }

    /** Fires one timer if it is still pending and due; returns whether this call fired it. */
    public boolean fire(long timerId) {
        Instant now = clock.instant();
        AtomicReference<Instant> ran = new AtomicReference<>();
        try {
            boolean fired = database.inTransaction(WritePriority.DEADLINE, tx -> {
                // Only the leader fires; a replica that lost the lease meanwhile leaves it to the new one.
                database.leadership().fence(tx);
                Optional<Timer> timer = tx.queryOne(
                        "SELECT id, kind, subject, due_at FROM timer WHERE id = ? "
                                + "AND fired_at IS NULL AND cancelled_at IS NULL AND due_at <= ?" + tx.skipLocked(),
                        TimerService::map,
                        timerId,
                        now.toEpochMilli());
                if (timer.isEmpty()) {
                    return false;
                }
                if (tx.update(
                                "UPDATE timer SET fired_at = ? WHERE id = ? AND fired_at IS NULL",
                                now.toEpochMilli(),
                                timerId)
                        != 1) {
                    return false;
                }
                TimerHandler handler = handlers.get(timer.get().kind());
                if (handler == null) {
                    log.error(
                            "timer {} has kind {} that no handler knows; marked fired",
                            timerId,
                            timer.get().kind());
                    return true;
                }
                handler.onDue(tx, timer.get(), now);
                ran.set(timer.get().dueAt());
                return true;
            });
            // Counted once committed: a handler that failed leaves the timer pending, to fire (later) again.
            if (fired && ran.get() != null) {
                lateness.record(Duration.between(ran.get(), now));
            }
            return fired;
        } catch (LeaseLostException e) {
            log.info("timer {} not fired here: {}", timerId, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.error("timer {} failed and stays pending; the watchdog will try again", timerId, e);
            return false;
        }
    }

    /** Fires every timer that is due now, earliest first; the watchdog and tests call this. */
    public int runDue() {
        long now = clock.millis();
        List<Long> due = database.read(tx -> tx.query(
                "SELECT id FROM timer WHERE fired_at IS NULL "
                        + "AND cancelled_at IS NULL AND due_at <= ? ORDER BY due_at, id",
                rs -> rs.getLong(1),
                now));
        int fired = 0;
        for (long id : due) {
            if (fire(id)) {
                fired++;
            }
        }
        return fired;
    }

    /** Every timer not yet fired nor cancelled, for re-arming at start-up. */
    public List<Timer> pending() {
        return database.read(tx -> tx.query(
                "SELECT id, kind, subject, due_at FROM timer "
                        + "WHERE fired_at IS NULL AND cancelled_at IS NULL ORDER BY due_at, id",
                TimerService::map));
    }

    /**
     * At start-up: fires the timers that fell due while the bot was down, here and earliest
     * first (handed to the scheduler together they would race, and a mitigation-plan notice
     * could beat the assessment's), then arms the rest. Returns how many it fired and armed.
     */
    public int rearmAll() {
        int fired = runDue();
        List<Timer> pending = pending();
        pending.forEach(t -> arming.arm(t.id(), t.dueAt()));
        return fired + pending.size();
    }

    public Map<String, Long> pendingByKind() {
        return pending().stream().collect(Collectors.groupingBy(Timer::kind, Collectors.counting()));
    }

    private static Timer map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Timer(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("subject"),
                dev.phasebot.store.Columns.instant(rs, "due_at"));
    }
}
