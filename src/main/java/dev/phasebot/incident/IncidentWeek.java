package dev.phasebot.incident;

import java.time.Duration;
import java.util.List;

/** The incidents raised in a week, for the review: how fast each was handled and which deadlines slipped. */
public record IncidentWeek(List<Entry> incidents) {

    public IncidentWeek {
        incidents = List.copyOf(incidents);
    }

    /**
     * One incident. {@code title} is null for a security incident (the review is not in the
     * security channel); the durations run from the raise and are null when not reached.
     */
    public record Entry(
            long id,
            String severity,
            boolean security,
            String title,
            Duration assessedIn,
            Duration mitigatedIn,
            Duration resolvedIn,
            List<Missed> missed) {
        public Entry {
            missed = List.copyOf(missed);
        }
    }

    /** A deadline missed, and by how much (until met, resolved or now). */
    public record Missed(String milestone, Duration by) {}
}
