package dev.phasebot.delivery;

import dev.phasebot.message.Message;

/**
 * One outbox row on its way out. For an update, {@code original} is where the message being
 * replaced was posted; for a reply, {@code thread} is the message whose thread it goes in
 * (null for none).
 */
public record OutgoingDelivery(long id, boolean isUpdate, Message message, SentRef original, SentRef thread) {

    /** A post or update in no thread. */
    public OutgoingDelivery(long id, boolean isUpdate, Message message, SentRef original) {
        this(id, isUpdate, message, original, null);
    }
}
