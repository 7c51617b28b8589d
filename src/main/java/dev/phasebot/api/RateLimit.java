package dev.phasebot.api;

import dev.phasebot.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} calls per {@code window} for each token, counted in fixed windows: a
 * program in a loop is stopped before it fills the audit log, and it is told when to retry.
 *
 * <p>One process counts in memory. Replicas sharing a store count in the store
 * ({@code api_call_window}), so a token gets {@code limit} calls from all replicas together,
 * not {@code limit} from each.
 */
final class RateLimit {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    /** Where calls are counted when replicas share the store; null when in memory. */
    private final Database store;

    private record Window(Instant start, long calls) {}

    /**
     * Counts in {@code database} when other processes may share it ({@link Database#shared()}), in
     * memory otherwise; {@code database} may be null (in memory).
     */
    RateLimit(int limit, Duration window, Database database, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.store = database != null && database.shared() ? database : null;
    }

    /** Counts a call by {@code key}; empty when it may go ahead, otherwise how long until it may. */
    Optional<Duration> take(String key) {
        Instant now = clock.instant();
        Window counted = store == null ? countInMemory(key, now) : countInStore(key, now);
        if (counted.calls() <= limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, counted.start().plus(window)));
    }

    private Window countInMemory(String key, Instant now) {
        return windows.compute(
                key,
                (k, w) -> w == null || !now.isBefore(w.start().plus(window))
                        ? new Window(now, 1)
                        : new Window(w.start(), w.calls() + 1));
    }

    /**
     * The same count as in memory, in one statement: the row is the caller's current window,
     * started again at this call once it has passed. PostgreSQL locks the row for the upsert, so
     * calls through several replicas at once are each counted once.
     */
    private Window countInStore(String key, Instant now) {
        long at = now.toEpochMilli();
        return store.inTransaction(tx -> tx.queryOne(
                        "INSERT INTO api_call_window (caller, window_start, calls) VALUES (?, ?, 1) "
                                + "ON CONFLICT (caller) DO UPDATE SET "
                                + "window_start = CASE WHEN api_call_window.window_start + ? <= excluded.window_start "
                                + "THEN excluded.window_start ELSE api_call_window.window_start END, "
                                + "calls = CASE WHEN api_call_window.window_start + ? <= excluded.window_start "
                                + "THEN 1 ELSE api_call_window.calls + 1 END "
                                + "RETURNING window_start, calls",
                        rs -> new Window(Instant.ofEpochMilli(rs.getLong(1)), rs.getLong(2)),
                        key,
                        at,
                        window.toMillis(),
                        window.toMillis())
                .orElseThrow());
    }
}
