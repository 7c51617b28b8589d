package dev.phasebot.review;

import static dev.phasebot.store.Columns.instant;

import dev.phasebot.review.ReviewLog.Decision;
import dev.phasebot.review.ReviewLog.Metric;
import dev.phasebot.review.ReviewLog.Topic;
import dev.phasebot.store.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The review tables; every method runs in the caller's transaction. */
public final class ReviewRepository {

    record Note(long id, Instant at, String agent, String text, String actionOwner, String taskId) {}

    /** A week's review; {@code agenda} is the agenda as posted (a doc as JSON). */
    record Review(String day, Instant startsAt, Instant agendaAt, Instant openedAt, Instant closedAt, String agenda) {}

    long addDecision(Tx tx, Instant at, String agent, String text, String link) {
        return tx.insert(
                        "INSERT INTO decision(at, agent, text, link) VALUES (?, ?, ?, ?)",
                        at.toEpochMilli(),
                        agent,
                        text,
                        link)
                .orElseThrow();
    }

    public List<Decision> decisions(Tx tx, Instant from, Instant to) {
        return tx.query(
                "SELECT at, agent, text, link FROM decision WHERE at >= ? AND at < ? ORDER BY at",
                rs -> new Decision(instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4)),
                from.toEpochMilli(),
                to.toEpochMilli());
    }

    Optional<Metric> metric(Tx tx, String name) {
        return tx.queryOne(
                "SELECT name, unit, lower_is_better, baseline, baseline_at FROM metric WHERE name = ?",
                ReviewRepository::metric,
                name);
    }

    public List<Metric> metrics(Tx tx) {
        return tx.query(
                "SELECT name, unit, lower_is_better, baseline, baseline_at FROM metric ORDER BY name",
                ReviewRepository::metric);
    }

    void createMetric(Tx tx, String name, String unit, boolean lowerIsBetter, double baseline, Instant at) {
        tx.update(
                "INSERT INTO metric(name, unit, lower_is_better, baseline, baseline_at) VALUES (?, ?, ?, ?, ?)",
                name,
                unit,
                lowerIsBetter ? 1 : 0,
                baseline,
                at.toEpochMilli());
    }

    void setDirection(Tx tx, String name, boolean lowerIsBetter) {
        tx.update("UPDATE metric SET lower_is_better = ? WHERE name = ?", lowerIsBetter ? 1 : 0, name);
    }

    void addValue(Tx tx, String name, double value, Instant at, String agent) {
        tx.update(
                "INSERT INTO metric_value(name, value, at, agent) VALUES (?, ?, ?, ?)",
                name,
                value,
                at.toEpochMilli(),
                agent);
    }

    /** The latest value recorded before {@code before}, if any. */
    public Optional<Double> valueBefore(Tx tx, String name, Instant before) {
        return tx.queryOne(
                "SELECT value FROM metric_value WHERE name = ? AND at < ? ORDER BY at DESC, id DESC LIMIT 1",
                rs -> rs.getDouble(1),
                name,
                before.toEpochMilli());
    }

    /** The values of {@code name} recorded in [from, until) ({@code until} null: up to now), oldest first. */
    List<Double> valuesBetween(Tx tx, String name, Instant from, Instant until) {
        return tx.query(
                "SELECT value FROM metric_value WHERE name = ? AND at >= ? AND at < ? ORDER BY at, id",
                rs -> rs.getDouble(1),
                name,
                from.toEpochMilli(),
                until == null ? Long.MAX_VALUE : until.toEpochMilli());
    }

    long addItem(Tx tx, Instant at, String agent, String text) {
        return tx.insert("INSERT INTO review_item(at, agent, text) VALUES (?, ?, ?)", at.toEpochMilli(), agent, text)
                .orElseThrow();
    }

    List<Topic> items(Tx tx, Instant from, Instant to) {
        return tx.query(
                "SELECT at, agent, text FROM review_item WHERE at >= ? AND at < ? ORDER BY at",
                rs -> new Topic(instant(rs, 1), rs.getString(2), rs.getString(3)),
                from.toEpochMilli(),
                to.toEpochMilli());
    }

    boolean createReview(Tx tx, String day, Instant startsAt, Instant agendaAt, String agenda) {
        return tx.update(
                        "INSERT INTO review(day, starts_at, agenda_at, agenda) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        day,
                        startsAt.toEpochMilli(),
                        agendaAt.toEpochMilli(),
                        agenda)
                == 1;
    }

    Optional<Review> review(Tx tx, String day) {
        return tx.queryOne(
                "SELECT day, starts_at, agenda_at, opened_at, closed_at, agenda FROM review WHERE day = ?",
                rs -> new Review(
                        rs.getString(1),
                        instant(rs, 2),
                        instant(rs, 3),
                        instant(rs, 4),
                        instant(rs, 5),
                        rs.getString(6)),
                day);
    }

    boolean markOpened(Tx tx, String day, Instant at, String by) {
        return tx.update(
                        "UPDATE review SET opened_at = ?, opened_by = ? WHERE day = ? AND opened_at IS NULL",
                        at.toEpochMilli(),
                        by,
                        day)
                == 1;
    }

    boolean markClosed(Tx tx, String day, Instant at) {
        return tx.update("UPDATE review SET closed_at = ? WHERE day = ? AND closed_at IS NULL", at.toEpochMilli(), day)
                == 1;
    }

    void addNote(Tx tx, String day, Instant at, String agent, String text, String actionOwner) {
        tx.update(
                "INSERT INTO review_note(day, at, agent, text, action_owner) VALUES (?, ?, ?, ?, ?)",
                day,
                at.toEpochMilli(),
                agent,
                text,
                actionOwner);
    }

    List<Note> notes(Tx tx, String day) {
        return tx.query(
                "SELECT id, at, agent, text, action_owner, task_id FROM review_note WHERE day = ? ORDER BY id",
                rs -> new Note(
                        rs.getLong(1),
                        instant(rs, 2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)),
                day);
    }

    void setNoteTask(Tx tx, long noteId, String taskId) {
        tx.update("UPDATE review_note SET task_id = ? WHERE id = ?", taskId, noteId);
    }

    private static Metric metric(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Metric(rs.getString(1), rs.getString(2), rs.getInt(3) == 1, rs.getDouble(4), instant(rs, 5));
    }
}
