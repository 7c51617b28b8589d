package dev.phasebot.delivery;

import dev.phasebot.message.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Sends one outbox row to the outside world (Slack's Web API or the console). Called by the
 * delivery worker only, one row at a time, outside any database transaction. The values below are
 * what a transport is given ({@link OutgoingDelivery}, {@link UnrecordedAttempt}) and what it
 * answers ({@link DeliveryResult}, {@link Lookback}, {@link ApiCall}), kept with the contract so
 * an implementation reads one file.
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

    /**
     * The rate-limited Web API call a delivery will make: the method (chat.postMessage,
     * chat.update) and the channel it writes to, as the transport addresses it. Slack counts its
     * limits by these two, so the pacer does too.
     */
    record ApiCall(String method, String channel) {

        public static final String POST_MESSAGE = "chat.postMessage";
        public static final String UPDATE = "chat.update";
        /**
         * A file's two-step upload (files.getUploadURLExternal, then files.completeUploadExternal):
         * one delivery, paced as one method, so a 429 on either holds back uploads only.
         */
        public static final String FILE_UPLOAD = "files.uploadExternal";
    }

    /**
     * An earlier attempt to post {@code delivery} whose outcome was never written: the process
     * died during the call, or the call failed in a way that leaves open whether Slack posted it.
     * {@code knownChannel} is the Slack channel where earlier messages to the same destination
     * landed (null when none has), for destinations addressed by a name Slack's history does not take.
     */
    record UnrecordedAttempt(OutgoingDelivery delivery, Instant startedAt, String knownChannel) {}

    /** What Slack's history says about an earlier attempt to post a row whose outcome was never recorded. */
    sealed interface Lookback {

        /**
         * The message is there, at {@code ref}. {@code done}: the row is sent. Otherwise the message
         * is only the first of its parts: {@code parts} are to be recorded, and the rest sent.
         */
        record Found(SentRef ref, List<SentPart> parts, boolean done) implements Lookback {

            public Found {
                parts = List.copyOf(parts);
            }

            /** The whole message is there: the row is sent. */
            public Found(SentRef ref) {
                this(ref, List.of(), true);
            }
        }

        /** The history was read and the message is not in it: posting it now makes no duplicate. */
        record Absent() implements Lookback {}

        /** The history could not be read (no channel id, missing scope, an error): posting may duplicate. */
        record Unknown(String why) implements Lookback {}
    }

    /**
     * One outbox row on its way out. For an update, {@code original} is where the message being
     * replaced was posted; for a reply, {@code thread} is the message whose thread it goes in
     * (null for none); for an update of a reply, the thread the original is in. {@code sentParts}
     * are the parts of the message Slack has already: for a post, those an earlier attempt sent
     * before it was cut short; for an update, those of the message it edits.
     */
    record OutgoingDelivery(
            long id, boolean isUpdate, Message message, SentRef original, SentRef thread, List<SentPart> sentParts) {

        public OutgoingDelivery {
            sentParts = List.copyOf(sentParts);
        }

        /** A post or update in no thread, nothing of it sent yet. */
        public OutgoingDelivery(long id, boolean isUpdate, Message message, SentRef original) {
            this(id, isUpdate, message, original, null);
        }

        /** Nothing of it sent yet (an update: its original is all Slack has of it). */
        public OutgoingDelivery(long id, boolean isUpdate, Message message, SentRef original, SentRef thread) {
            this(id, isUpdate, message, original, thread, List.of());
        }

        /**
         * The parts Slack has, by index. An update whose original's parts were never recorded (it
         * was posted before parts were kept) has that original as its part 0, content unknown.
         */
        public List<SentPart> parts() {
            if (isUpdate && original != null && part(sentParts, 0).isEmpty()) {
                List<SentPart> withOriginal = new ArrayList<>(sentParts);
                withOriginal.add(new SentPart(0, original, null));
                withOriginal.sort(Comparator.comparingInt(SentPart::index));
                return List.copyOf(withOriginal);
            }
            return sentParts;
        }

        /** Part {@code index} as Slack has it, if it does. */
        public Optional<SentPart> part(int index) {
            return part(parts(), index);
        }

        /** The same delivery once {@code sent} are in Slack too (replacing what was known of those indexes). */
        public OutgoingDelivery with(List<SentPart> sent) {
            List<SentPart> parts = new ArrayList<>(sentParts.stream()
                    .filter(p -> sent.stream().noneMatch(s -> s.index() == p.index()))
                    .toList());
            parts.addAll(sent);
            parts.sort(Comparator.comparingInt(SentPart::index));
            return new OutgoingDelivery(id, isUpdate, message, original, thread, parts);
        }

        private static Optional<SentPart> part(List<SentPart> parts, int index) {
            return parts.stream().filter(p -> p.index() == index).findFirst();
        }
    }

    /** What happened to one delivery attempt. */
    sealed interface DeliveryResult {

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

    /** Where a delivered message lives, so it can be edited later: Slack's channel id and ts. */
    record SentRef(String channel, String ts) {}

    /**
     * One message of a delivered outbox row as Slack has it. A doc longer than one Slack message
     * goes out as parts: part 0 is the message, the others are replies in its thread. {@code digest}
     * says what was sent (the transport's own fingerprint of it), so an edit leaves an unchanged part
     * alone; null when unknown, as for a post found in Slack's history after a crash.
     */
    record SentPart(int index, SentRef ref, String digest) {}
}
