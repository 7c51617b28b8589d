package dev.phasebot.incident;

import java.time.Instant;
import java.util.List;

/** {@code /incident show}: the card and timeline, or for a non-member who may see it. */
public sealed interface IncidentDetail {

    record Visible(Incident incident, List<Milestone> milestones, List<IncidentEvent> events, Instant now)
            implements IncidentDetail {
        public Visible {
            milestones = List.copyOf(milestones);
            events = List.copyOf(events);
        }
    }

    /**
     * A security incident shown to someone outside its channel: who may see it, and who holds its
     * roles (agent ids are no secret; null as in {@link Incident}: the lead commands, no one communicates).
     */
    record Hidden(long id, List<String> members, String commander, String communications) implements IncidentDetail {
        public Hidden {
            members = List.copyOf(members);
        }

        /** No roles handed on. */
        public Hidden(long id, List<String> members) {
            this(id, members, null, null);
        }
    }

    /** A line of an incident's timeline: append-only. */
    public record IncidentEvent(Instant at, String actor, String kind, String detail) {}
}
