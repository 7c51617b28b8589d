package dev.phasebot.delivery;

import dev.phasebot.delivery.OutboxRows.Row;
import dev.phasebot.delivery.Transport.Lookback;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.delivery.Transport.UnrecordedAttempt;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check before posting a row again that was in flight when its outcome went unrecorded
 * (the process died during the call, or the call got no answer): is it in Slack already?
 */
final class InFlightLookup {

    // Logged as the delivery worker, where an operator reading about a row looks.
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Transport transport;
    private final OutboxRows rows;

    InFlightLookup(Transport transport, OutboxRows rows) {
        this.transport = transport;
        this.rows = rows;
    }

    /**
     * An earlier attempt at this row began but its outcome was never written. Asks the
     * transport whether the message is in Slack after all; empty means post it (again).
     */
    Optional<Lookback.Found> find(Row row, OutgoingDelivery delivery) {
        Instant startedAt = row.attemptStartedAt();
        Lookback found;
        try {
            found = transport.lookBack(
                    new UnrecordedAttempt(delivery, startedAt, rows.knownChannel(row.destination())));
        } catch (RuntimeException e) {
            found = new Lookback.Unknown(e.toString());
        }
        if (found instanceof Lookback.Found already) {
            log.info(
                    "outbox row {} to {} is already in Slack (ts {}) from an attempt at {} whose answer was never "
                            + "recorded; not posting it again",
                    row.id(),
                    row.destination(),
                    already.ref().ts(),
                    startedAt);
            return Optional.of(already);
        }
        if (found instanceof Lookback.Unknown unknown) {
            log.info(
                    "outbox row {} to {} may already be in Slack from an attempt at {} whose answer was never "
                            + "recorded, and its history cannot tell ({}); posting it again, so a duplicate is possible",
                    row.id(),
                    row.destination(),
                    startedAt,
                    unknown.why());
        }
        return Optional.empty();
    }
}
