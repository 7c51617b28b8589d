package dev.phasebot.ops;

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
    private final Clock clock;

    public StoreReadings(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Messages written but not yet sent (waiting, retrying or held back by a rate limit). */
    public long outboxDepth() {
        return count("SELECT count(*) FROM outbox WHERE status = 'pending'");
    }

    /** How long the oldest unsent message has waited; empty when nothing waits. */
    public Optional<Duration> oldestPendingAge() {
        // No row (rather than min()'s NULL) when nothing waits: the mapper may not return null.
        return database.read(tx -> tx.queryOne(
                        "SELECT created_at FROM outbox WHERE status = 'pending' " + "ORDER BY created_at LIMIT 1",
                        rs -> rs.getLong(1)))
                .map(createdAt -> Duration.ofMillis(Math.max(0, clock.millis() - createdAt)));
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
