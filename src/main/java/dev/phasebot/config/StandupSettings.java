package dev.phasebot.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * When the daily standup runs. The reminder goes out {@code remindAt} of the way into the
 * window (0.8 of 15 minutes is 09:12 for the shipped plan). {@code securityUpdate} says where
 * the security team's update is told in full: {@code private} (the security channel only; the
 * public summary says it was given) or {@code public} (in the summary, as any other update).
 * {@code thread} (true unless set false) makes the opening post the day's thread parent.
 */
public record StandupSettings(
        String channel,
        LocalTime time,
        List<DayOfWeek> days,
        Duration window,
        double remindAt,
        List<LocalDate> holidays,
        String securityUpdate,
        Boolean thread) {

    public static final String PRIVATE = "private";
    public static final String PUBLIC = "public";
    public static final List<String> SECURITY_UPDATES = List.of(PRIVATE, PUBLIC);

    public StandupSettings {
        // Absent means private, the plan's own rule ("Security issues: #alphapy-security
        // (private)"): a missing key must fail closed, since a security update posted to a
        // public channel cannot be taken back, while a team that wants it public says so in one line.
        securityUpdate = securityUpdate == null ? PRIVATE : securityUpdate;
        // Absent means threads: the open post gathers the day's replies, which keeps the channel quiet.
        thread = thread == null ? Boolean.TRUE : thread;
    }

    /** True when the day's replies (late-update notices) go in the thread of the opening post. */
    public boolean threads() {
        return thread;
    }

    /** True when the security team's update goes in full only to the security channel. */
    public boolean keepsSecurityUpdatePrivate() {
        return !PUBLIC.equals(securityUpdate);
    }
}
