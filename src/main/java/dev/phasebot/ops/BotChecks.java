package dev.phasebot.ops;

import dev.phasebot.delivery.DeliveryWorker;
import dev.phasebot.ops.HealthCheck.Verdict;
import dev.phasebot.schedule.PhaseScheduler;
import dev.phasebot.store.Database;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The bot's own readiness checks: the store takes writes, the scheduler runs, the delivery
 * worker runs and keeps up. Slack's token is checked by the Slack adapter, which owns it.
 */
public final class BotChecks {

    /** Longer than any Retry-After Slack sends and any backoff but the last, far shorter than a standup window. */
    public static final Duration STUCK_AFTER = Duration.ofMinutes(10);

    private BotChecks() {}

    public static Readiness of(
            Database database, PhaseScheduler scheduler, Supplier<DeliveryWorker> worker, StoreReadings readings) {
        return new Readiness(java.util.List.of(
                new HealthCheck("store", () -> storeWritable(database)),
                new HealthCheck("scheduler", () -> {
                    if (!database.leadership().held()) {
                        return Verdict.ok("standby: the leader runs the schedules and timers");
                    }
                    return scheduler.isRunning() ? Verdict.ok("running") : Verdict.failed("not running");
                }),
                new HealthCheck("delivery", () -> {
                    if (!database.leadership().held()) {
                        return Verdict.ok("standby: the leader delivers, " + readings.outboxDepth() + " pending");
                    }
                    return delivery(worker.get(), readings);
                })));
    }

    /** Thrown to end the probe's transaction: it rolls back, so the probe leaves nothing behind. */
    private static final class RollBack extends RuntimeException {
        RollBack() {
            super(null, null, false, false);
        }
    }

    /**
     * Opens a write transaction (BEGIN IMMEDIATE, as every transaction of ours) and makes a write
     * that matches no row, then rolls back: a read-only file, a connection that refuses writes or a
     * lock held elsewhere past the busy timeout all fail it, as they would fail the next command.
     */
    static Verdict storeWritable(Database database) {
        try {
            database.run(tx -> {
                tx.update("UPDATE timer SET due_at = due_at WHERE 1 = 0");
                throw new RollBack();
            });
        } catch (RollBack expected) {
            return Verdict.ok("writable");
        } catch (RuntimeException e) {
            return Verdict.failed("cannot write: " + firstLine(e.getMessage()));
        }
        throw new IllegalStateException("unreachable: the probe always rolls back");
    }

    static Verdict delivery(DeliveryWorker worker, StoreReadings readings) {
        if (worker == null) {
            return Verdict.failed("not started yet");
        }
        if (!worker.isRunning()) {
            return Verdict.failed("the delivery thread is not running");
        }
        Optional<Duration> oldest = readings.oldestPendingAge();
        if (oldest.isPresent() && oldest.get().compareTo(STUCK_AFTER) > 0) {
            return Verdict.failed("the oldest pending message has waited " + words(oldest.get()) + ", over the "
                    + words(STUCK_AFTER) + " limit");
        }
        return Verdict.ok("running, " + readings.outboxDepth() + " pending"
                + oldest.map(age -> ", the oldest for " + words(age)).orElse(""));
    }

    private static String words(Duration d) {
        return d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static String firstLine(String message) {
        return message == null ? "unknown error" : message.lines().findFirst().orElse("");
    }
}
