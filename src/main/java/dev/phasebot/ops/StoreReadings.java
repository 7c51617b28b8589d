package dev.phasebot.ops;

import dev.phasebot.delivery.OutboxRows;
import dev.phasebot.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The counts an operator watches, read straight from the tables whenever a gauge or a check
 * asks: the rows are the truth (a restart keeps them), and each is one indexed count, so a
 * scrape costs a few milliseconds under the store's lock and no feature code runs for it.
 */
public final class StoreReadings {

    private final Database database;
    /** The outbox's own queries: its table belongs to the delivery package. */
    private final OutboxRows outbox;

    public StoreReadings(Database database, Clock clock) {
        this.database = database;
        this.outbox = new OutboxRows(database, clock);
    }

    /** Messages written but not yet sent (waiting, retrying or held back by a rate limit). */
    public long outboxDepth() {
        return outbox.pendingCount();
    }

    /** How long the oldest unsent message has waited; empty when nothing waits. */
    public Optional<Duration> oldestPendingAge() {
        return outbox.oldestPendingAge();
    }

    /** Timers neither fired nor cancelled. */
    public long pendingTimers() {
        return count("SELECT count(*) FROM timer WHERE fired_at IS NULL AND cancelled_at IS NULL");
    }

    public long openIncidents() {
        return count("SELECT count(*) FROM incident WHERE status = 'open'");
    }

    private long count(String sql) {
        return database.read(tx -> tx.queryOne(sql, rs -> rs.getLong(1)).orElse(0L));
    }
}
