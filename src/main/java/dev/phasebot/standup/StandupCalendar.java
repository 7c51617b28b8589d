package dev.phasebot.standup;

import dev.phasebot.config.StandupSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The standup's days and instants, computed in the plan's zone so DST never moves 09:00. */
public final class StandupCalendar {

    private final StandupSettings settings;
    private final ZoneId zone;

    public StandupCalendar(StandupSettings settings, ZoneId zone) {
        this.settings = settings;
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate dayOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    public boolean isStandupDay(LocalDate day) {
        return settings.days().contains(day.getDayOfWeek())
                && !settings.holidays().contains(day);
    }

    public boolean isHoliday(LocalDate day) {
        return settings.holidays().contains(day);
    }

    public Instant openAt(LocalDate day) {
        return ZonedDateTime.of(day, settings.time(), zone).toInstant();
    }

    public Instant closeAt(Instant opened) {
        return opened.plus(settings.window());
    }

    public Instant remindAt(Instant opened) {
        long millis = Math.round(settings.window().toMillis() * settings.remindAt());
        return opened.plus(Duration.ofMillis(millis));
    }

    /** The first standup day after {@code day}. */
    public LocalDate nextStandupDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        for (int i = 0; i < 366 && !isStandupDay(next); i++) {
            next = next.plusDays(1);
        }
        return next;
    }
}
