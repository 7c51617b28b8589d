package dev.phasebot.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.store.Tx;
import java.time.Clock;
import java.util.List;

/**
 * Where the core puts what it wants said. Rows are written in the caller's transaction, so a
 * state change and its messages commit together; the delivery worker sends them later.
 * A {@code dedupeKey} makes a message once-only in the outbox: enqueuing the same key again
 * does nothing. How often a row reaches Slack is the delivery worker's business; the README's
 * "Outbox" paragraph states the guarantee.
 */
public final class Outbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Outbox(Clock clock) {
        this.clock = clock;
    }

    /** Called after something was enqueued, so a waiting delivery worker wakes up. */
    public void onEnqueue(Runnable listener) {
        listeners.add(listener);
    }

    /** Posts a new message; returns false when a message with this key was already enqueued. */
    public boolean post(Tx tx, String dedupeKey, Message message) {
        return insert(tx, dedupeKey, "post", null, message);
    }

    /**
     * Posts a new message as a reply in the thread of the message posted under {@code parentKey}
     * (Slack's thread_ts); false when a message with this key was already enqueued.
     */
    public boolean reply(Tx tx, String dedupeKey, String parentKey, Message message) {
        return insert(tx, dedupeKey, "post", null, parentKey, message);
    }

    /** Replaces the text of the message posted under {@code originalKey} (Slack's chat.update). */
    public void update(Tx tx, String originalKey, Message message) {
        insert(tx, null, "update", originalKey, message);
    }

    private boolean insert(Tx tx, String dedupeKey, String action, String updateOf, Message message) {
        return insert(tx, dedupeKey, action, updateOf, null, message);
    }

    private boolean insert(Tx tx, String dedupeKey, String action, String updateOf, String threadOf, Message message) {
        long now = clock.millis();
        boolean inserted = tx.insert("INSERT INTO outbox(dedupe_key, destination, action, update_of, thread_of, body, "
                        + "next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT(dedupe_key) DO NOTHING",
                dedupeKey, message.destination().key(), action, updateOf, threadOf, toJson(message), now, now).isPresent();
        if (inserted) {
            listeners.forEach(Runnable::run);
        }
        return inserted;
    }

    /**
     * The stored form keeps the doc, not a rendering: a surface renders it at delivery, so
     * mentions name whoever is linked then, and a rendering fix reaches queued rows too.
     */
    static String toJson(Message message) {
        try {
            return JSON.writeValueAsString(new Stored(message.doc()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads both stored forms: a doc, or the text and buttons written before messages were values. */
    public static Message fromJson(Destination destination, String json) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(json);
            if (node.has("doc")) {
                return new Message(destination, JSON.treeToValue(node, Stored.class).doc());
            }
            Body body = JSON.treeToValue(node, Body.class);
            return new Message(destination, body.text(), body.buttons() == null ? List.of() : body.buttons());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable outbox body: " + e.getMessage(), e);
        }
    }

    /** The stored form of a message body. */
    record Stored(Doc doc) {
    }

    /** The stored form before messages were values; still read, never written. */
    record Body(String text, List<Button> buttons) {
    }
}
