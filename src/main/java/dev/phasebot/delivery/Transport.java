package dev.phasebot.delivery;

import java.util.Optional;

/**
 * Sends one outbox row to the outside world (Slack's Web API or the console). Called by the
 * delivery worker only, one row at a time, outside any database transaction.
 */
public interface Transport {

    /**
     * Makes the next call this delivery needs. A message sent in one call says
     * {@link DeliveryResult.Sent} with nothing more to do; one sent in parts (Slack's long
     * messages) says which part each call sent and whether more remain, and the worker, having
     * kept it, calls again with it among {@link OutgoingDelivery#sentParts}.
     */
    DeliveryResult deliver(OutgoingDelivery delivery);

    /**
     * The rate-limited call {@link #deliver} would make next for this delivery, so the worker can
     * pace it before making it; empty when this transport has no rate limits (the console), or
     * when nothing is left to send.
     */
    default Optional<ApiCall> call(OutgoingDelivery delivery) {
        return Optional.empty();
    }

    /**
     * Looks in the destination's history for a message an earlier, unrecorded attempt may have
     * posted. The worker asks before posting such a row again; a transport that cannot tell
     * says {@link Lookback.Unknown}, and the row is posted again.
     */
    default Lookback lookBack(UnrecordedAttempt attempt) {
        return new Lookback.Unknown("this transport cannot read back what it sent");
    }
}
