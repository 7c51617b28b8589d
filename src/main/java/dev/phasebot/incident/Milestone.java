package dev.phasebot.incident;

import java.time.Instant;

/** One deadline of an incident's clock, copied from the policy when the incident was raised. */
public record Milestone(
        long incidentId,
        int index,
        String name,
        String act,
        Instant dueAt,
        Instant metAt,
        String metBy,
        String metText) {

    public boolean isMet() {
        return metAt != null;
    }
}
