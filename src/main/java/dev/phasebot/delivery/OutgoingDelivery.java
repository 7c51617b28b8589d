package dev.phasebot.delivery;

import dev.phasebot.message.Message;

/**
 * One outbox row on its way out. For an update, {@code original} is where the message being
 * replaced was posted.
 */
public record OutgoingDelivery(long id, boolean isUpdate, Message message, SentRef original) {
}
