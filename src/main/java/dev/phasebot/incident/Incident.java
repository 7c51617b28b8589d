package dev.phasebot.incident;

import java.time.Instant;

/** An incident as stored. Only a CRITICAL one runs the escalation clock. */
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
        String resolution) {

    public boolean isCritical() {
        return "CRITICAL".equals(severity);
    }
}
