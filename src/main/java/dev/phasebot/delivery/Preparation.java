package dev.phasebot.delivery;

import dev.phasebot.delivery.OutboxRows.Original;
import dev.phasebot.delivery.OutboxRows.Row;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.delivery.Transport.SentRef;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns a due outbox row into the delivery to make: its message (rendered now when the row names
 * a doc source, outside any write), where the message it edits or replies under is, and which
 * parts of the message Slack has already. Or says why not yet, or never.
 */
final class Preparation {

    /** How soon to look again when the message a row refers to is still on its way. */
    private static final Duration WAIT_FOR_ORIGINAL = Duration.ofSeconds(1);

    private final OutboxRows rows;
    private final Outbox outbox;

    Preparation(OutboxRows rows, Outbox outbox) {
        this.rows = rows;
        this.outbox = outbox;
    }

    /** What {@link #prepare} found. */
    sealed interface Prepared {

        /** Ready to go; {@code messageId}: the row whose parts these are (for an update, the row it edits). */
        record Ready(OutgoingDelivery delivery, long messageId) implements Prepared {}

        /** The message it refers to is still pending elsewhere. */
        record NotYet(Duration after, String why) implements Prepared {}

        /** It can never go: the message it edits was never delivered. */
        record Never(String why) implements Prepared {}

        /** Its doc could not be read or rendered now (the store, a source's failure): try again later. */
        record Unrendered(String why) implements Prepared {}
    }

    Prepared prepare(Row row) {
        SentRef original = null;
        long messageId = row.id();
        String threadKey = row.threadOf();
        if (row.isUpdate()) {
            Optional<Original> found = rows.original(row.updateOf());
            if (found.isEmpty() || "failed".equals(found.get().status())) {
                return new Prepared.Never("the message to update (" + row.updateOf() + ") was never delivered");
            }
            if (!"sent".equals(found.get().status())) {
                // Its original sits in another destination's queue, or is still sending its parts.
                return new Prepared.NotYet(WAIT_FOR_ORIGINAL, "waiting for " + row.updateOf());
            }
            original = found.get().ref();
            messageId = found.get().id();
            // Parts an edit adds go where the original's other parts are.
            threadKey = found.get().threadOf();
        }
        SentRef thread = null;
        if (threadKey != null) {
            Optional<Original> parent = rows.original(threadKey);
            if (!row.isUpdate()
                    && parent.isPresent()
                    && "pending".equals(parent.get().status())) {
                return new Prepared.NotYet(WAIT_FOR_ORIGINAL, "waiting for " + threadKey);
            }
            // A parent that never reached Slack leaves the reply in the channel: said out of place beats unsaid.
            thread = parent.filter(p -> "sent".equals(p.status()))
                    .map(Original::ref)
                    .orElse(null);
        }
        Message message;
        try {
            message = outbox.message(Destination.parse(row.destination()), row.body());
        } catch (RuntimeException e) {
            return new Prepared.Unrendered(e.toString());
        }
        return new Prepared.Ready(
                new OutgoingDelivery(row.id(), row.isUpdate(), message, original, thread, rows.parts(messageId)),
                messageId);
    }
}
