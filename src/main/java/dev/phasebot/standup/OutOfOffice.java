package dev.phasebot.standup;

import java.time.LocalDate;

/** Days an agent is away: no prompts, no reminders, listed as out in the summary. */
public record OutOfOffice(String agent, LocalDate firstDay, LocalDate lastDay, String reason) {

    public boolean covers(LocalDate day) {
        return !day.isBefore(firstDay) && !day.isAfter(lastDay);
    }
}
