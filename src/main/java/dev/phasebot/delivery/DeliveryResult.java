package dev.phasebot.delivery;

import java.time.Duration;
import java.util.List;

/** What happened to one delivery attempt. */
public sealed interface DeliveryResult {

    /**
     * Slack said ok. {@code ref}: where the message (its part 0) is. {@code parts}: the parts of
     * the message this call sent, for the worker to record. {@code done}: nothing is left to send;
     * otherwise the worker records the parts and asks again (paced) for the next call.
     */
    record Sent(SentRef ref, List<SentPart> parts, boolean done) implements DeliveryResult {

        public Sent {
            parts = List.copyOf(parts);
        }

        /** A message sent whole in one call, with no parts to keep (the console). */
        public Sent(SentRef ref) {
            this(ref, List.of(), true);
        }
    }

    /**
     * A network error or a 5xx: try again after {@code after} (null: use the backoff).
     * {@code mayHavePosted}: no answer came (a timeout, a lost connection), so Slack may have
     * posted it anyway and the next attempt looks for it first. An HTTP answer, 5xx included,
     * says it was not posted.
     */
    record RetryLater(Duration after, String reason, boolean mayHavePosted) implements DeliveryResult {

        /** Slack answered, and did not post it. */
        public RetryLater(Duration after, String reason) {
            this(after, reason, false);
        }
    }

    /**
     * Slack answered 429: nothing was posted, and no call of the same method may go before
     * {@code retryAfter} has passed. Not a failure of this row, so it does not grow its backoff.
     */
    record RateLimited(Duration retryAfter) implements DeliveryResult {}

    /** Slack refused the message for good (channel_not_found, not_in_channel, ...). */
    record Rejected(String reason) implements DeliveryResult {}
}
