package dev.phasebot.incident;

import java.util.List;

/**
 * An incident just raised: its id, where its card went ({@code channel} is the channel's
 * name), the deadlines its clock set (none below CRITICAL) and who was paged by DM.
 */
public record IncidentRaised(
        long id, String severity, boolean security, String channel, List<Deadline> deadlines, List<String> paged) {

    public IncidentRaised {
        deadlines = List.copyOf(deadlines);
        paged = List.copyOf(paged);
    }
}
