package dev.phasebot.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} calls per {@code window} for each token, counted in fixed windows: a
 * program in a loop is stopped before it fills the audit log, and it is told when to retry.
 */
final class RateLimit {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(Instant start, int calls) {}

    RateLimit(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Counts a call by {@code key}; empty when it may go ahead, otherwise how long until it may. */
    Optional<Duration> take(String key) {
        Instant now = clock.instant();
        Window counted = windows.compute(
                key,
                (k, w) -> w == null || !now.isBefore(w.start().plus(window))
                        ? new Window(now, 1)
                        : new Window(w.start(), w.calls() + 1));
        if (counted.calls() <= limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, counted.start().plus(window)));
    }
}
