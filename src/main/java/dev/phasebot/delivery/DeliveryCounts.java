package dev.phasebot.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code phasebot.deliveries} by result: what the delivery worker's attempts came to.
 * Registered at zero, so an alert on their rate has a series before the first failure.
 */
record DeliveryCounts(Counter sent, Counter retried, Counter rateLimited, Counter rejected) {

    static DeliveryCounts in(MeterRegistry meters) {
        return new DeliveryCounts(
                counter(meters, "sent"),
                counter(meters, "retried"),
                counter(meters, "rate_limited"),
                counter(meters, "rejected"));
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("phasebot.deliveries")
                .tag("result", result)
                .description("delivery attempts by result")
                .register(meters);
    }
}
