package dev.phasebot.incident;

import java.time.Instant;

/**
 * An incident as stored. Only a CRITICAL one runs the escalation clock. It is closed once
 * resolved, or cancelled as raised in error (then {@code resolved} is false and the
 * {@code cancelled*} fields say by whom, when and why).
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
        String cancelReason) {

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
