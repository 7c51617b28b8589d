package dev.phasebot.phase;

import dev.phasebot.plan.Gate;
import java.time.Instant;
import java.util.List;

/**
 * What happens next, as of {@code now}: the standup, the review (and who leads it), each open
 * CRITICAL incident's next deadline (as the reader may see it), the gates due this week.
 */
public record NextUpView(
        Instant now,
        When standup,
        When review,
        String reviewLeader,
        List<dev.phasebot.incident.IncidentQueries.NextDeadline> incidentDeadlines,
        List<Gate> gatesDue) {

    /** When something is: running until {@code at}, later today at {@code at}, another day at {@code at}, or never. */
    public record When(Kind kind, Instant at) {

        public enum Kind {
            NOW_UNTIL,
            TODAY_AT,
            AT,
            NONE
        }

        static When nowUntil(Instant until) {
            return new When(Kind.NOW_UNTIL, until);
        }

        static When todayAt(Instant at) {
            return new When(Kind.TODAY_AT, at);
        }

        static When at(Instant at) {
            return new When(Kind.AT, at);
        }

        static When none() {
            return new When(Kind.NONE, null);
        }
    }
}
