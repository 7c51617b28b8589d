package dev.phasebot.delivery;

import dev.phasebot.delivery.Transport.SentPart;
import dev.phasebot.delivery.Transport.SentRef;
import dev.phasebot.store.Columns;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import dev.phasebot.store.WritePriority;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox table as the delivery worker reads and marks it: queue heads that are due, and
 * each row's fate (in flight, sent, retried, held, failed). Marks are delivery bookkeeping,
 * written ahead of ordinary requests so a burst of updates never stalls the outbox. Public for
 * the operator's readings only ({@link #pendingCount}, {@link #oldestPendingAge}); the marks stay
 * the worker's.
 */
public final class OutboxRows {

    private final Database database;
    private final Clock clock;

    public OutboxRows(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * {@code attemptStartedAt}: when a post attempt began whose outcome was never written, or null.
     * {@code revision}: how often the row was asked for again while pending (see Outbox#refresh).
     */
    record Row(
            long id,
            String destination,
            String action,
            String updateOf,
            String threadOf,
            String body,
            int attempts,
            Instant attemptStartedAt,
            int revision) {

        boolean isUpdate() {
            return "update".equals(action);
        }
    }

    /** The state of a message another row refers to (the one it edits or replies under), and the thread it is in. */
    record Original(long id, String status, SentRef ref, String threadOf) {}

    /** The oldest pending row of each destination, if it is due. */
    List<Row> dueHeads() {
        long now = clock.millis();
        return database.read(tx -> tx.query(
                "SELECT o.id, o.destination, o.action, o.update_of, o.thread_of, o.body, o.attempts, o.attempt_started_at, "
                        + "o.revision "
                        + "FROM outbox o WHERE o.status = 'pending' AND o.id = (SELECT min(p.id) FROM outbox p "
                        + "WHERE p.status = 'pending' AND p.destination = o.destination) AND o.next_attempt_at <= ? "
                        + "ORDER BY o.id",
                rs -> new Row(
                        rs.getLong("id"),
                        rs.getString("destination"),
                        rs.getString("action"),
                        rs.getString("update_of"),
                        rs.getString("thread_of"),
                        rs.getString("body"),
                        rs.getInt("attempts"),
                        Columns.instant(rs, "attempt_started_at"),
                        rs.getInt("revision")),
                now));
    }

    /** Messages written but not yet sent (waiting, retrying or held back by a rate limit). */
    public int pendingCount() {
        return database.read(
                tx -> tx.queryOne("SELECT count(*) FROM outbox WHERE status = 'pending'", rs -> rs.getInt(1))
                        .orElse(0));
    }

    /** How long the oldest unsent message has waited; empty when nothing waits. */
    public Optional<Duration> oldestPendingAge() {
        // No row (rather than min()'s NULL) when nothing waits: the mapper may not return null.
        return database.read(tx -> tx.queryOne(
                        "SELECT created_at FROM outbox WHERE status = 'pending' " + "ORDER BY created_at LIMIT 1",
                        rs -> rs.getLong(1)))
                .map(createdAt -> Duration.ofMillis(Math.max(0, clock.millis() - createdAt)));
    }

    Optional<Original> original(String dedupeKey) {
        return database.read(tx -> tx.queryOne(
                "SELECT id, status, slack_channel, slack_ts, thread_of FROM outbox WHERE dedupe_key = ?",
                rs -> new Original(
                        rs.getLong(1), rs.getString(2), new SentRef(rs.getString(3), rs.getString(4)), rs.getString(5)),
                dedupeKey));
    }

    /** The parts of the message {@code messageId} posted that Slack has, by index. */
    List<SentPart> parts(long messageId) {
        return database.read(tx -> tx.query(
                "SELECT part, slack_channel, slack_ts, digest FROM outbox_part " + "WHERE message_id = ? ORDER BY part",
                rs -> new SentPart(rs.getInt(1), new SentRef(rs.getString(2), rs.getString(3)), rs.getString(4)),
                messageId));
    }

    /**
     * Parts that reached Slack, kept at once, one call at a time: a crash or a failure before the
     * next part then resumes after them. Part 0 of the row's own post is its message: the row
     * learns where it is, and is no longer in flight.
     */
    void recordParts(Row row, long messageId, List<SentPart> parts) {
        if (!parts.isEmpty()) {
            database.run(WritePriority.DELIVERY, tx -> keep(tx, row, messageId, parts));
        }
    }

    /** Where the last message delivered to this destination landed in Slack, if one was. */
    String knownChannel(String destination) {
        return database.read(tx -> tx.queryOne(
                        "SELECT slack_channel FROM outbox WHERE destination = ? "
                                + "AND status = 'sent' AND action = 'post' AND slack_channel IS NOT NULL ORDER BY id DESC LIMIT 1",
                        rs -> rs.getString(1),
                        destination))
                .orElse(null);
    }

    /** Written before the call, so a crash during it leaves a trace to look for at the next attempt. */
    void markInFlight(Row row) {
        long now = clock.millis();
        database.run(WritePriority.DELIVERY, tx -> {
            // The mark is the claim: only the leader's commits, so a replica that lost the lease posts nothing.
            database.leadership().fence(tx);
            tx.update("UPDATE outbox SET attempt_started_at = ? WHERE id = ?", now, row.id());
        });
    }

    /**
     * Done, with the parts the last call sent, unless the row was asked for again since it was
     * read (its revision moved on): then it stays pending, to be rendered and sent again, and
     * this returns false.
     */
    boolean markSent(Row row, SentRef ref, long messageId, List<SentPart> parts) {
        return database.inTransaction(WritePriority.DELIVERY, tx -> {
            keep(tx, row, messageId, parts);
            return tx.update(
                            "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, slack_channel = ?, "
                                    + "slack_ts = ?, last_error = NULL, attempt_started_at = NULL WHERE id = ? AND revision = ?",
                            clock.millis(),
                            ref.channel(),
                            ref.ts(),
                            row.id(),
                            row.revision())
                    == 1;
        });
    }

    private static void keep(Tx tx, Row row, long messageId, List<SentPart> parts) {
        for (SentPart part : parts) {
            tx.update(
                    "INSERT INTO outbox_part(message_id, part, slack_channel, slack_ts, digest) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT(message_id, part) DO UPDATE SET slack_channel = excluded.slack_channel, "
                            + "slack_ts = excluded.slack_ts, digest = excluded.digest",
                    messageId,
                    part.index(),
                    part.ref().channel(),
                    part.ref().ts(),
                    part.digest());
            if (part.index() == 0 && messageId == row.id()) {
                tx.update(
                        "UPDATE outbox SET slack_channel = ?, slack_ts = ? WHERE id = ?",
                        part.ref().channel(),
                        part.ref().ts(),
                        row.id());
            }
        }
        if (!parts.isEmpty()) {
            // the post that was in flight is now recorded: nothing to look for after a crash
            tx.update("UPDATE outbox SET attempt_started_at = NULL WHERE id = ?", row.id());
        }
    }

    /**
     * A failed attempt. When it got no answer, its in-flight mark stays, so the next attempt
     * first looks for the message in Slack; when Slack answered, nothing was posted.
     */
    void retry(Row row, Duration wait, String reason, boolean mayHavePosted) {
        write(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, "
                        + "attempt_started_at = CASE WHEN ? = 1 THEN attempt_started_at END WHERE id = ?",
                clock.millis() + wait.toMillis(),
                reason,
                mayHavePosted,
                row.id());
    }

    /**
     * Not before {@code until}, without counting an attempt: a hold is not a failure. Nothing
     * was posted (a 429 or no call at all), so the row is no longer in flight.
     */
    void holdBack(Row row, Instant until, String reason) {
        write(
                "UPDATE outbox SET next_attempt_at = ?, last_error = ?, attempt_started_at = NULL WHERE id = ?",
                until.toEpochMilli(),
                reason,
                row.id());
    }

    /** Given up for good; returns the row's dedupe key (null when it had none). */
    String reject(Row row, String reason) {
        write(
                "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?, attempt_started_at = NULL "
                        + "WHERE id = ?",
                reason,
                row.id());
        return database.read(tx ->
                        tx.queryOne("SELECT dedupe_key FROM outbox WHERE id = ?", rs -> rs.getString(1), row.id()))
                .orElse(null);
    }

    private void write(String sql, Object... args) {
        database.run(WritePriority.DELIVERY, tx -> tx.update(sql, args));
    }
}
