package dev.phasebot.incident;

import java.time.Instant;
import java.util.List;

/** {@code /incident list}: the open incidents, with the moment their countdowns run from. */
public record OpenIncidents(List<Entry> open, Instant now) {

    public OpenIncidents {
        open = List.copyOf(open);
    }

    /** An open incident as the list shows it to one reader; {@code maySee} false means by id only. */
    public record Entry(Incident incident, List<Milestone> milestones, boolean maySee) {

        public Entry {
            milestones = List.copyOf(milestones);
        }
    }
}
