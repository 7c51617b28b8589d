package dev.phasebot.delivery;

import java.time.Duration;

/** What happened to one delivery attempt. */
public sealed interface DeliveryResult {

    /** Slack said ok; the row is done. */
    record Sent(SentRef ref) implements DeliveryResult {
    }

    /** A network error, a 5xx or a 429: try again after {@code after} (null: use the backoff). */
    record RetryLater(Duration after, String reason) implements DeliveryResult {
    }

    /** Slack refused the message for good (channel_not_found, not_in_channel, ...). */
    record Rejected(String reason) implements DeliveryResult {
    }
}
