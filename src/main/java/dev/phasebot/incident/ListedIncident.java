package dev.phasebot.incident;

import java.util.List;

/** An open incident as a list shows it to one reader; {@code maySee} false means by id only. */
public record ListedIncident(Incident incident, List<Milestone> milestones, boolean maySee) {

    public ListedIncident {
        milestones = List.copyOf(milestones);
    }
}
