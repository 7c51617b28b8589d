package dev.phasebot.standup;

import dev.phasebot.message.Times;
import java.time.LocalDate;

/**
 * Days an agent is away: no prompts, no reminders, listed as out in the summary. {@code id}
 * is the row's, shown in {@code /standup ooo list} so a period can be cancelled by number;
 * 0 for a period not stored yet.
 */
public record OutOfOffice(long id, String agent, LocalDate firstDay, LocalDate lastDay, String reason) {

    public boolean covers(LocalDate day) {
        return !day.isBefore(firstDay) && !day.isAfter(lastDay);
    }

    /**
     * "Thu 24 Dec to Thu 31 Dec 2026": a period always carries its year, once, since people
     * plan leave around the turn of a year; twice when it spans one.
     */
    public String period() {
        if (firstDay.equals(lastDay)) {
            return Times.shortDay(firstDay, firstDay.plusYears(1));
        }
        return Times.shortDay(firstDay, lastDay) + " to " + Times.shortDay(lastDay, lastDay.plusYears(1));
    }
}
