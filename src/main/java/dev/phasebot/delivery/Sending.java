package dev.phasebot.delivery;

import dev.phasebot.delivery.OutboxRows.Row;
import dev.phasebot.delivery.Pacer.HeldUntil;
import dev.phasebot.delivery.Transport.ApiCall;
import dev.phasebot.delivery.Transport.DeliveryResult;
import dev.phasebot.delivery.Transport.Lookback;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.delivery.Transport.UnrecordedAttempt;
import dev.phasebot.store.Leadership;
import dev.phasebot.store.LeaseLostException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at a row, one call at a time, each paced: a message of several parts, or an edit
 * of several, is several calls. Each part is recorded as soon as Slack has it, so a hold, a
 * failure or a crash between parts leaves the next attempt only what is still missing; the
 * message is never posted again for a later part's sake. A row left in flight (the process died
 * during the call, or the call got no answer) is first looked for in Slack, so it is not posted twice.
 * A file upload ({@link Transport.ApiCall#FILE_UPLOAD}) is not: it may be posted twice.
 */
final class Sending {

    // Logged as the delivery worker, where an operator reading about a row looks.
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    /** Far past any doc Slack would show: a transport that asks for more calls is broken. */
    private static final int MAX_CALLS_PER_ATTEMPT = 1_000;

    private final OutboxRows rows;
    private final Transport transport;
    private final Pacer pacer;
    private final Leadership leadership;

    Sending(OutboxRows rows, Transport transport, Pacer pacer, Leadership leadership) {
        this.rows = rows;
        this.transport = transport;
        this.pacer = pacer;
        this.leadership = leadership;
    }

    /**
     * How an attempt ended: the pacer held its next call back ({@code held}; nothing more to
     * write), or its last call had {@code result} (a final {@link DeliveryResult.Sent} or a failure).
     */
    record Ended(Optional<ApiCall> call, DeliveryResult result, HeldUntil held) {}

    /** {@code messageId}: the row whose parts these are (for an update, the row it edits). */
    Ended send(Row row, OutgoingDelivery first, long messageId) {
        OutgoingDelivery delivery = first;
        for (int calls = 0; calls < MAX_CALLS_PER_ATTEMPT; calls++) {
            Optional<ApiCall> call = Optional.empty();
            DeliveryResult result;
            try {
                call = transport.call(delivery);
                if (call.isPresent()) {
                    Optional<HeldUntil> held = pacer.tryTake(call.get());
                    if (held.isPresent()) {
                        return new Ended(call, null, held.get());
                    }
                }
                // A post (the message, or a part in its thread) carries the row's metadata, so it is
                // marked in flight and looked for after a crash, whatever call comes first now (the
                // doc may have changed since). An edit needs no mark: the same text again changes nothing.
                // A transport that names no calls (the console) posts each new message in one go.
                // A file upload is not marked either: Slack keeps no metadata with a shared file to find it
                // by, so one cut short by a crash is uploaded again (it may then be in Slack twice).
                boolean posts = call.map(c -> ApiCall.POST_MESSAGE.equals(c.method()))
                        .orElse(!delivery.isUpdate() && delivery.part(0).isEmpty());
                Optional<Lookback.Found> found =
                        calls == 0 && row.attemptStartedAt() != null ? alreadyPosted(row, delivery) : Optional.empty();
                if (found.isPresent()) {
                    result = new DeliveryResult.Sent(
                            found.get().ref(), found.get().parts(), found.get().done());
                } else {
                    if (posts) {
                        rows.markInFlight(row);
                    }
                    if (!leadership.held()) {
                        throw new LeaseLostException(row.destination());
                    }
                    result = transport.deliver(delivery);
                }
            } catch (LeaseLostException e) {
                // Not sent, and nothing to record: the new leader sends it.
                throw e;
            } catch (RuntimeException e) {
                // Thrown from anywhere, perhaps after the request went out: treat as unanswered.
                result = new DeliveryResult.RetryLater(null, e.toString(), true);
            }
            if (result instanceof DeliveryResult.Sent sent && !sent.done()) {
                rows.recordParts(row, messageId, sent.parts());
                delivery = delivery.with(sent.parts());
                continue;
            }
            if (result instanceof DeliveryResult.Rejected refused
                    && !row.isUpdate()
                    && delivery.part(0).isPresent()) {
                // The message is in Slack and only a later part was refused: marked sent, so edits still reach it.
                log.error(
                        "outbox row {} to {}: a part after the first was refused ({}); the message stays as far "
                                + "as it got",
                        row.id(),
                        row.destination(),
                        refused.reason());
                result = new DeliveryResult.Sent(delivery.part(0).get().ref());
            }
            return new Ended(call, result, null);
        }
        throw new IllegalStateException(
                "outbox row " + row.id() + " still had calls to make after " + MAX_CALLS_PER_ATTEMPT);
    }

    /**
     * An earlier attempt at this row began but its outcome was never written. Asks the
     * transport whether the message is in Slack after all; empty means post it (again).
     */
    private Optional<Lookback.Found> alreadyPosted(Row row, OutgoingDelivery delivery) {
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
