package dev.phasebot.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * When the daily standup runs. The reminder goes out {@code remindAt} of the way into the
 * window (0.8 of 15 minutes is 09:12 for the shipped plan).
 */
public record StandupSettings(
        String channel,
        LocalTime time,
        List<DayOfWeek> days,
        Duration window,
        double remindAt,
        List<LocalDate> holidays) {
}
