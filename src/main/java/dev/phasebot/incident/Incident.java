package dev.phasebot.incident;

import java.time.Instant;

/**
 * An incident as stored. Only a CRITICAL one runs the escalation clock. It is closed once
 * resolved, or cancelled as raised in error (then {@code resolved} is false and the
 * {@code cancelled*} fields say by whom, when and why). {@code room} is the Slack id of its own
 * channel once Slack made it (null before, and for an incident without one).
 */
public record Incident(
        long id,
        String title,
        String severity,
        boolean security,
        String description,
        String affects,
        String raisedBy,
        Instant raisedAt,
        String owner,
        String assignee,
        Instant acknowledgedAt,
        String acknowledgedBy,
        boolean resolved,
        Instant resolvedAt,
        String resolvedBy,
        String resolution,
        Instant cancelledAt,
        String cancelledBy,
        String cancelReason,
        String commander,
        String communications,
        String room) {

    /** The commander: the one set by {@code /incident role}, else {@code lead}. */
    public String commanderOr(String lead) {
        return commander == null ? lead : commander;
    }

    public boolean isCritical() {
        return "CRITICAL".equals(severity);
    }

    public boolean cancelled() {
        return cancelledAt != null;
    }

    /** Resolved or cancelled: no clock, no acts. */
    public boolean closed() {
        return resolved || cancelled();
    }

    /** When it was resolved or cancelled; null while open. */
    public Instant closedAt() {
        return cancelled() ? cancelledAt : resolvedAt;
    }
}
