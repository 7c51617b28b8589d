package dev.phasebot.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Message;
import dev.phasebot.message.Page;
import dev.phasebot.message.Upload;
import dev.phasebot.store.Tx;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the core puts what it wants said. Rows are written in the caller's transaction, so a
 * state change and its messages commit together; the delivery worker sends them later.
 * A {@code dedupeKey} makes a message once-only in the outbox: enqueuing the same key again
 * does nothing. How often a row reaches Slack is the delivery worker's business; the README's
 * "Outbox" paragraph states the guarantee.
 *
 * <p>A row holds its doc, or names a {@link DocSource} that renders it at delivery
 * ({@link DeferredDoc}): the write that causes a costly message (a large standup's summary)
 * then stays small, and the rendering runs outside it, on the state as it is when sent.
 */
public final class Outbox {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * Renders a doc at delivery, for a message too costly to render inside the write that causes it
     * (the closing summary of a large standup). A feature registers one under a name
     * ({@link Outbox#register}); an outbox row names it and an argument ({@link DeferredDoc}), and
     * the delivery worker asks for the doc when it sends the row, outside any write, so it reads the
     * state as it is then.
     */
    @FunctionalInterface
    public interface DocSource {

        /** The doc for {@code argument} as of now; reads through the database's read connections only. */
        Doc render(String argument);
    }

    /**
     * A doc an outbox row names instead of holding: the {@link DocSource} registered as
     * {@code source} renders it from {@code argument} (such as a day) when the row is delivered.
     */
    public record DeferredDoc(String source, String argument) {}

    private final Clock clock;
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, DocSource> sources = new ConcurrentHashMap<>();

    public Outbox(Clock clock) {
        this.clock = clock;
    }

    /** Called after something was enqueued, so a waiting delivery worker wakes up. */
    public void onEnqueue(Runnable listener) {
        listeners.add(listener);
    }

    /** Names {@code source} as the renderer of rows whose {@link DeferredDoc} says {@code name}. */
    public void register(String name, DocSource source) {
        if (sources.putIfAbsent(name, source) != null) {
            throw new IllegalStateException("a doc source named " + name + " is registered already");
        }
    }

    /** Posts a new message; returns false when a message with this key was already enqueued. */
    public boolean post(Tx tx, String dedupeKey, Message message) {
        return insert(tx, dedupeKey, "post", null, null, message);
    }

    /**
     * Posts {@code file} to {@code destination} with {@code comment} said along with it (Slack's
     * initial comment; on the console, printed with where the file was written); false when a
     * message with this key was already enqueued. Unlike a post, an upload cut short by a crash
     * is not looked for before it is sent again: the file may then be posted twice.
     */
    public boolean upload(Tx tx, String dedupeKey, Destination destination, Doc comment, Upload file) {
        return insert(tx, dedupeKey, "post", null, null, Message.upload(destination, comment, file));
    }

    /**
     * Posts a new message as a reply in the thread of the message posted under {@code parentKey}
     * (Slack's thread_ts); false when a message with this key was already enqueued.
     */
    public boolean reply(Tx tx, String dedupeKey, String parentKey, Message message) {
        return insert(tx, dedupeKey, "post", null, parentKey, message);
    }

    /**
     * Posts a message whose doc {@code doc}'s source renders when it is delivered; false when a
     * message with this key was already enqueued.
     */
    public boolean post(Tx tx, String dedupeKey, Destination destination, DeferredDoc doc) {
        return insert(tx, dedupeKey, "post", null, null, destination, toJson(doc));
    }

    /** Replaces the text of the message posted under {@code originalKey} (Slack's chat.update). */
    public void update(Tx tx, String originalKey, Message message) {
        insert(tx, null, "update", originalKey, null, message.destination(), toJson(message));
    }

    /**
     * Edits the message posted under {@code originalKey} to what {@code doc}'s source renders
     * when the edit is delivered. While such an edit is still pending, no second one is queued:
     * the pending one is asked for again (its revision goes up, in this transaction), so a burst
     * of changes is rendered and sent once, after the last of them, and a change committed while
     * that edit was being sent gets it sent again.
     */
    public void refresh(Tx tx, String originalKey, Destination destination, DeferredDoc doc) {
        String body = toJson(doc);
        int askedAgain = tx.update(
                "UPDATE outbox SET revision = revision + 1 WHERE status = 'pending' "
                        + "AND destination = ? AND action = 'update' AND update_of = ? AND body = ?",
                destination.key(),
                originalKey,
                body);
        if (askedAgain == 0) {
            insert(tx, null, "update", originalKey, null, destination, body);
        } else {
            listeners.forEach(Runnable::run);
        }
    }

    private boolean insert(Tx tx, String dedupeKey, String action, String updateOf, String threadOf, Message message) {
        return insert(tx, dedupeKey, action, updateOf, threadOf, message.destination(), toJson(message));
    }

    private boolean insert(
            Tx tx,
            String dedupeKey,
            String action,
            String updateOf,
            String threadOf,
            Destination destination,
            String body) {
        long now = clock.millis();
        boolean inserted = tx.insert(
                        "INSERT INTO outbox(dedupe_key, destination, action, update_of, thread_of, body, "
                                + "next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                                + "ON CONFLICT(dedupe_key) DO NOTHING",
                        dedupeKey,
                        destination.key(),
                        action,
                        updateOf,
                        threadOf,
                        body,
                        now,
                        now)
                .isPresent();
        if (inserted) {
            listeners.forEach(Runnable::run);
            // The leader may be another replica: it wakes as this commits (the same detail twice in one
            // transaction is one notification).
            tx.announce("outbox", "new");
        }
        return inserted;
    }

    /** Whether a message whose dedupe key starts with {@code keyPrefix} was ever enqueued. */
    public boolean enqueued(Tx tx, String keyPrefix) {
        String escaped = keyPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return tx.queryOne("SELECT 1 FROM outbox WHERE dedupe_key LIKE ? ESCAPE '!' LIMIT 1", rs -> 1, escaped + "%")
                .isPresent();
    }

    /**
     * The message a stored body says: its doc, or for a {@link DeferredDoc} what the registered
     * source renders now. Call it outside any write: a source reads the store.
     */
    public Message message(Destination destination, String body) {
        DeferredDoc deferred = deferred(body);
        if (deferred == null) {
            return fromJson(destination, body);
        }
        DocSource source = sources.get(deferred.source());
        if (source == null) {
            throw new IllegalStateException("no doc source named " + deferred.source() + " is registered");
        }
        return new Message(destination, source.render(deferred.argument()));
    }

    /** The deferred doc a stored body names, or null when it holds its doc. */
    public static DeferredDoc deferred(String body) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(body);
            return node.has("deferred") ? JSON.treeToValue(node.get("deferred"), DeferredDoc.class) : null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable outbox body: " + e.getMessage(), e);
        }
    }

    private static String toJson(DeferredDoc doc) {
        try {
            return JSON.writeValueAsString(new Named(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The stored form keeps the doc, not a rendering: a surface renders it at delivery, so
     * mentions name whoever is linked then, and a rendering fix reaches queued rows too.
     */
    public static String toJson(Message message) {
        try {
            return JSON.writeValueAsString(new Stored(message.doc(), message.page(), message.upload(), message.room()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a stored body that holds its doc. A {@link DeferredDoc} is rendered by {@link #message}. */
    public static Message fromJson(Destination destination, String json) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(json);
            if (node.has("deferred")) {
                throw new IllegalStateException("a deferred doc is rendered by its source: Outbox#message");
            }
            Stored stored = JSON.treeToValue(node, Stored.class);
            return new Message(destination, stored.doc(), stored.page(), stored.upload(), stored.room());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable outbox body: " + e.getMessage(), e);
        }
    }

    /**
     * The stored form of a message body; a page to a pager keeps the page too, an upload its file,
     * an act on an incident's room the act.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Stored(Doc doc, Page page, Upload upload, dev.phasebot.message.RoomAct room) {}

    /** The stored form of a body rendered at delivery. */
    record Named(DeferredDoc deferred) {}
}
