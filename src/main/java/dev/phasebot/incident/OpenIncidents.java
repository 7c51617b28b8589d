package dev.phasebot.incident;

import java.time.Instant;
import java.util.List;

/** {@code /incident list}: the open incidents, with the moment their countdowns run from. */
public record OpenIncidents(List<ListedIncident> open, Instant now) {

    public OpenIncidents {
        open = List.copyOf(open);
    }
}
