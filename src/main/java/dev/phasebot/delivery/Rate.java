package dev.phasebot.delivery;

import java.time.Duration;

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
