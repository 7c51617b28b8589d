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

    /** Without roles set (the lead commands, no one holds communications) and without a room. */
    public Incident(
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
            String cancelReason) {
        this(
                id,
                title,
                severity,
                security,
                description,
                affects,
                raisedBy,
                raisedAt,
                owner,
                assignee,
                acknowledgedAt,
                acknowledgedBy,
                resolved,
                resolvedAt,
                resolvedBy,
                resolution,
                cancelledAt,
                cancelledBy,
                cancelReason,
                null,
                null,
                null);
    }

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
