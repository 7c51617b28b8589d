package dev.phasebot.delivery;

import java.time.Duration;

/** What happened to one delivery attempt. */
public sealed interface DeliveryResult {

    /** Slack said ok; the row is done. */
    record Sent(SentRef ref) implements DeliveryResult {
    }

    /** A network error or a 5xx: try again after {@code after} (null: use the backoff). */
    record RetryLater(Duration after, String reason) implements DeliveryResult {
    }

    /**
     * Slack answered 429: nothing was posted, and no call of the same method may go before
     * {@code retryAfter} has passed. Not a failure of this row, so it does not grow its backoff.
     */
    record RateLimited(Duration retryAfter) implements DeliveryResult {
    }

    /** Slack refused the message for good (channel_not_found, not_in_channel, ...). */
    record Rejected(String reason) implements DeliveryResult {
    }
}
