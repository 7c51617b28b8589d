package dev.phasebot.standup;

import java.time.LocalDate;
import java.util.List;

/**
 * Standup participation between two days for the weekly review: how many standups were held,
 * and per agent how many of them they posted in and the blockers of their latest update
 * (for a withheld update only what a public place may say of it).
 */
public record Participation(LocalDate first, LocalDate last, int held, List<Agent> agents) {

    public Participation {
        agents = List.copyOf(agents);
    }

    /** {@code stillBlocked} is null when the latest update names no blocker. */
    public record Agent(String agent, int posted, String stillBlocked) {}
}
