package dev.phasebot.incident;

import static dev.phasebot.store.Columns.instant;

import dev.phasebot.incident.IncidentDetail.IncidentEvent;
import dev.phasebot.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The incident tables; every method runs in the caller's transaction. */
public final class IncidentRepository {

    long insert(
            Tx tx,
            String title,
            String severity,
            boolean security,
            String description,
            String affects,
            String raisedBy,
            Instant at,
            String owner,
            String assignee) {
        return tx.insert(
                        "INSERT INTO incident(title, severity, security, description, affects, raised_by, raised_at, "
                                + "owner, assignee) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        title,
                        severity,
                        security ? 1 : 0,
                        description,
                        affects,
                        raisedBy,
                        at.toEpochMilli(),
                        owner,
                        assignee)
                .orElseThrow();
    }

    /** An incident's row with its room's Slack id, once Slack made the room (null before, or without one). */
    private static final String INCIDENTS =
            "SELECT i.*, r.channel_id AS room FROM incident i " + "LEFT JOIN incident_room r ON r.incident_id = i.id ";

    Optional<Incident> find(Tx tx, long id) {
        return tx.queryOne(INCIDENTS + "WHERE i.id = ?", IncidentRepository::incident, id);
    }

    List<Incident> open(Tx tx) {
        return tx.query(INCIDENTS + "WHERE i.status = 'open' ORDER BY i.id", IncidentRepository::incident);
    }

    /** Incidents open at some moment of [from, to), cancelled ones left out. */
    public List<Incident> between(Tx tx, Instant from, Instant to) {
        return tx.query(
                INCIDENTS + "WHERE i.raised_at < ? AND (i.resolved_at IS NULL OR i.resolved_at >= ?) "
                        + "AND i.cancelled_at IS NULL ORDER BY i.id",
                IncidentRepository::incident,
                to.toEpochMilli(),
                from.toEpochMilli());
    }

    /** Incidents raised in [from, until) ({@code until} null: up to now), whatever became of them. */
    List<Incident> raisedBetween(Tx tx, Instant from, Instant until) {
        return tx.query(
                INCIDENTS + "WHERE i.raised_at >= ? AND i.raised_at < ? ORDER BY i.id",
                IncidentRepository::incident,
                from.toEpochMilli(),
                until == null ? Long.MAX_VALUE : until.toEpochMilli());
    }

    void addMilestone(Tx tx, long incident, int index, String name, String act, Instant due) {
        tx.update(
                "INSERT INTO incident_milestone(incident_id, idx, name, act, due_at) VALUES (?, ?, ?, ?, ?)",
                incident,
                index,
                name,
                act,
                due.toEpochMilli());
    }

    public List<Milestone> milestones(Tx tx, long incident) {
        return tx.query(
                "SELECT * FROM incident_milestone WHERE incident_id = ? ORDER BY idx",
                IncidentRepository::milestone,
                incident);
    }

    boolean meet(Tx tx, long incident, int index, Instant at, String by, String text) {
        return tx.update(
                        "UPDATE incident_milestone SET met_at = ?, met_by = ?, met_text = ? "
                                + "WHERE incident_id = ? AND idx = ? AND met_at IS NULL",
                        at.toEpochMilli(),
                        by,
                        text,
                        incident,
                        index)
                == 1;
    }

    void updateMetText(Tx tx, long incident, int index, String text) {
        tx.update(
                "UPDATE incident_milestone SET met_text = ? WHERE incident_id = ? AND idx = ?", text, incident, index);
    }

    boolean acknowledge(Tx tx, long incident, Instant at, String by) {
        return tx.update(
                        "UPDATE incident SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? "
                                + "AND acknowledged_at IS NULL",
                        at.toEpochMilli(),
                        by,
                        incident)
                == 1;
    }

    void assign(Tx tx, long incident, String assignee) {
        tx.update("UPDATE incident SET assignee = ? WHERE id = ?", assignee, incident);
    }

    boolean resolve(Tx tx, long incident, Instant at, String by, String resolution) {
        return tx.update(
                        "UPDATE incident SET status = 'resolved', resolved_at = ?, resolved_by = ?, resolution = ? "
                                + "WHERE id = ? AND status = 'open'",
                        at.toEpochMilli(),
                        by,
                        resolution,
                        incident)
                == 1;
    }

    /** Closes an open incident as raised in error; false when it was no longer open. */
    boolean cancel(Tx tx, long incident, Instant at, String by, String reason) {
        return tx.update(
                        "UPDATE incident SET status = 'resolved', cancelled_at = ?, cancelled_by = ?, cancel_reason = ? "
                                + "WHERE id = ? AND status = 'open'",
                        at.toEpochMilli(),
                        by,
                        reason,
                        incident)
                == 1;
    }

    /** Sets the commander or the communications role (the assignee is {@link #assign}). */
    void setRole(Tx tx, long incident, String role, String agent) {
        String column = switch (role) {
            case "commander" -> "commander";
            case "communications" -> "communications";
            default -> throw new IllegalArgumentException("no incident role column " + role);
        };
        tx.update("UPDATE incident SET " + column + " = ? WHERE id = ?", agent, incident);
    }

    void changeSeverity(Tx tx, long incident, String severity) {
        tx.update("UPDATE incident SET severity = ? WHERE id = ?", severity, incident);
    }

    /** Drops the deadlines not met yet (and their notices), when the clock stops for a lower severity. */
    void dropUnmetMilestones(Tx tx, long incident) {
        tx.update(
                "DELETE FROM incident_notice WHERE incident_id = ? AND milestone IN (SELECT idx FROM "
                        + "incident_milestone WHERE incident_id = ? AND met_at IS NULL)",
                incident,
                incident);
        tx.update("DELETE FROM incident_milestone WHERE incident_id = ? AND met_at IS NULL", incident);
    }

    void event(Tx tx, long incident, Instant at, String actor, String kind, String detail) {
        tx.update(
                "INSERT INTO incident_event(incident_id, at, actor, kind, detail) VALUES (?, ?, ?, ?, ?)",
                incident,
                at.toEpochMilli(),
                actor,
                kind,
                detail);
    }

    List<IncidentEvent> events(Tx tx, long incident) {
        return tx.query(
                "SELECT at, actor, kind, detail FROM incident_event WHERE incident_id = ? ORDER BY id",
                rs -> new IncidentEvent(instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4)),
                incident);
    }

    /** Claims a notice; false when this (incident, milestone, attempt) was already sent. */
    boolean claimNotice(Tx tx, long incident, int milestone, int attempt, Instant at, long lateMillis) {
        return tx.update(
                        "INSERT INTO incident_notice(incident_id, milestone, attempt, sent_at, late_ms) "
                                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        incident,
                        milestone,
                        attempt,
                        at.toEpochMilli(),
                        lateMillis)
                == 1;
    }

    private static Incident incident(ResultSet rs) throws SQLException {
        return new Incident(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getString("severity"),
                rs.getInt("security") == 1,
                rs.getString("description"),
                rs.getString("affects"),
                rs.getString("raised_by"),
                instant(rs, "raised_at"),
                rs.getString("owner"),
                rs.getString("assignee"),
                instant(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"),
                "resolved".equals(rs.getString("status")) && rs.getObject("cancelled_at") == null,
                instant(rs, "resolved_at"),
                rs.getString("resolved_by"),
                rs.getString("resolution"),
                instant(rs, "cancelled_at"),
                rs.getString("cancelled_by"),
                rs.getString("cancel_reason"),
                rs.getString("commander"),
                rs.getString("communications"),
                rs.getString("room"));
    }

    private static Milestone milestone(ResultSet rs) throws SQLException {
        return new Milestone(
                rs.getLong("incident_id"),
                rs.getInt("idx"),
                rs.getString("name"),
                rs.getString("act"),
                instant(rs, "due_at"),
                instant(rs, "met_at"),
                rs.getString("met_by"),
                rs.getString("met_text"));
    }
}
