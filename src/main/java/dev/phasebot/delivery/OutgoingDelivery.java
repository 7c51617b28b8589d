package dev.phasebot.delivery;

import dev.phasebot.message.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One outbox row on its way out. For an update, {@code original} is where the message being
 * replaced was posted; for a reply, {@code thread} is the message whose thread it goes in
 * (null for none); for an update of a reply, the thread the original is in. {@code sentParts}
 * are the parts of the message Slack has already: for a post, those an earlier attempt sent
 * before it was cut short; for an update, those of the message it edits.
 */
public record OutgoingDelivery(
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
