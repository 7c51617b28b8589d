package dev.phasebot.review;

import dev.phasebot.config.ReviewSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/** When reviews are: the weekly day and time in the plan's zone, and which week a day belongs to. */
final class ReviewCalendar {

    private final ReviewSettings settings;
    private final ZoneId zone;

    ReviewCalendar(ReviewSettings settings, ZoneId zone) {
        this.settings = settings;
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    LocalDate day(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    /** The scheduled start on {@code day}. */
    Instant startOn(LocalDate day) {
        return ZonedDateTime.of(day, settings.time(), zone).toInstant();
    }

    /**
     * Which week's review a day belongs to, named by its scheduled day: a review run by hand on
     * Wednesday is that week's review, and Friday's schedule then posts nothing more.
     */
    LocalDate weekKey(LocalDate day) {
        return day.with(TemporalAdjusters.nextOrSame(settings.day()));
    }

    /** The start of this week's review if it is still ahead (or running), else next week's. */
    Instant nextStart(Instant now) {
        LocalDate day = weekKey(day(now));
        Instant starts = startOn(day);
        return now.isAfter(starts.plus(settings.duration())) ? startOn(day.plusDays(7)) : starts;
    }
}
