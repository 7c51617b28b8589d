package dev.phasebot.delivery;

import dev.phasebot.delivery.Transport.ApiCall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps delivery inside Slack's rate limits, which Slack counts per method and workspace, and
 * for chat.postMessage also per channel. Two things hold a call back:
 * <ul>
 *   <li>a 429 on its method: every call of that method waits out the Retry-After, not only the
 *       one that got it, because Slack would answer the others with 429 too;</li>
 *   <li>the pace set for its method, per channel and per workspace.</li>
 * </ul>
 * A call either takes its slot at once or is told until when it is held; the caller tries
 * again then, so nothing here waits or keeps a timer.
 *
 * <p>Paces use the generic cell rate algorithm: one "theoretical arrival time" per key, so
 * there is no token refill to run. State lives in memory: after a restart Slack says so again
 * with a 429 if we are still too fast.
 */
public final class Pacer {

    /**
     * Slack documents about one chat.postMessage a second per channel "with short bursts
     * allowed", and several hundred a minute per workspace. 300 a minute keeps a 500-agent DM
     * round (500 different channels) out of 429s and still sends it in under two minutes.
     * chat.update is Tier 3: 50 a minute.
     */
    static final Rate POST_PER_CHANNEL = new Rate(3, Duration.ofSeconds(1));

    static final Rate POST_PER_WORKSPACE = Rate.of(300, Duration.ofMinutes(1), 50);
    static final Rate UPDATE_PER_WORKSPACE = Rate.of(50, Duration.ofMinutes(1), 10);

    /** Forgotten keys are only those whose slots are all free again, so pruning changes nothing. */
    private static final int PRUNE_ABOVE = 1_024;

    private final Clock clock;
    private final Map<String, Rate> perChannel;
    private final Map<String, Rate> perWorkspace;
    private final Map<String, Instant> rateLimitedUntil = new HashMap<>();
    private final Map<String, Instant> arrivals = new HashMap<>();
    /** Held while the maps change; private, so no caller that holds the Pacer can stall deliveries. */
    private final Object lock = new Object();

    /** Paces by method name; a method in neither map is held back only by a 429. */
    public Pacer(Clock clock, Map<String, Rate> perChannel, Map<String, Rate> perWorkspace) {
        this.clock = clock;
        this.perChannel = Map.copyOf(perChannel);
        this.perWorkspace = Map.copyOf(perWorkspace);
    }

    /** Slack's Web API paces, see the constants above. */
    public static Pacer slack(Clock clock) {
        return new Pacer(
                clock,
                Map.of(ApiCall.POST_MESSAGE, POST_PER_CHANNEL),
                Map.of(ApiCall.POST_MESSAGE, POST_PER_WORKSPACE, ApiCall.UPDATE, UPDATE_PER_WORKSPACE));
    }

    /**
     * Takes a slot for {@code call} now and returns empty, or takes nothing and says until when
     * the call is held back.
     */
    public Optional<HeldUntil> tryTake(ApiCall call) {
        synchronized (lock) {
            Instant now = clock.instant();
            Instant limited = rateLimitedUntil.get(call.method());
            if (limited != null && limited.isAfter(now)) {
                return Optional.of(new HeldUntil(limited, call.method() + " is rate limited"));
            }
            List<Slot> slots = new ArrayList<>(2);
            Rate channelRate = perChannel.get(call.method());
            if (channelRate != null) {
                slots.add(new Slot(
                        call.method() + " " + call.channel(),
                        channelRate,
                        call.method() + " pace in " + call.channel()));
            }
            Rate workspaceRate = perWorkspace.get(call.method());
            if (workspaceRate != null) {
                slots.add(new Slot(call.method(), workspaceRate, call.method() + " pace in the workspace"));
            }
            // Check every pace before taking any slot, so a held call uses up none.
            HeldUntil held = null;
            for (Slot slot : slots) {
                Instant allowedAt = allowedAt(slot, now);
                if (allowedAt.isAfter(now) && (held == null || allowedAt.isAfter(held.until()))) {
                    held = new HeldUntil(allowedAt, slot.why());
                }
            }
            if (held != null) {
                return Optional.of(held);
            }
            for (Slot slot : slots) {
                Instant arrival = arrivals.getOrDefault(slot.key(), now);
                arrivals.put(
                        slot.key(),
                        (arrival.isAfter(now) ? arrival : now).plus(slot.rate().interval()));
            }
            if (arrivals.size() > PRUNE_ABOVE) {
                arrivals.values().removeIf(arrival -> !arrival.isAfter(now));
            }
            return Optional.empty();
        }
    }

    /** Slack answered a call of {@code method} with 429: hold every call of it for {@code retryAfter}. */
    public void rateLimited(String method, Duration retryAfter) {
        synchronized (lock) {
            Instant until = clock.instant().plus(retryAfter);
            rateLimitedUntil.merge(method, until, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    private Instant allowedAt(Slot slot, Instant now) {
        Instant arrival = arrivals.get(slot.key());
        if (arrival == null) {
            return now;
        }
        return arrival.minus(slot.rate().interval().multipliedBy(slot.rate().burst() - 1L));
    }

    private record Slot(String key, Rate rate, String why) {}

    /**
     * A pace: one call per {@code interval} on average, with up to {@code burst} calls at once
     * after a quiet spell.
     */
    public record Rate(int burst, Duration interval) {

        public Rate {
            if (burst < 1 || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException(
                        "a rate needs burst >= 1 and a positive interval: " + burst + ", " + interval);
            }
        }

        /** {@code count} calls per {@code per}, with a burst of {@code burst}. */
        public static Rate of(int count, Duration per, int burst) {
            return new Rate(burst, per.dividedBy(count));
        }
    }

    /** A call the pacer holds back: it may go at {@code until}, not before; {@code why} is for the log. */
    public record HeldUntil(Instant until, String why) {}
}
