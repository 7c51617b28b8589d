package dev.phasebot.incident;

import java.time.Duration;
import java.util.List;

/**
 * What the review hears of incidents: those raised in the week (how fast each was handled and
 * which deadlines slipped) and every follow-up still open, whenever its incident was.
 */
public record IncidentWeek(List<Entry> incidents, List<FollowUp> openFollowUps) {

    public IncidentWeek {
        incidents = List.copyOf(incidents);
        openFollowUps = List.copyOf(openFollowUps);
    }

    /**
     * A follow-up task not done yet, as the plan has it: a security incident's task is titled
     * without its words already, so the line can be read by all. {@code due} is null when none.
     */
    public record FollowUp(String taskId, String title, String owner, String due, long incident) {}

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
