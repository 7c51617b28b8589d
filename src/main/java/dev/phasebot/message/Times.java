package dev.phasebot.message;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How dates and times read in messages: in the plan's zone, in words people use. */
public final class Times {

    /**
     * The zone's short name ("EST"). The short day and the clock are put together by hand: they
     * are in every answer a command gives, where the text-field formatter cost a tenth of it.
     */
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

    private static final String[] DAY_NAMES = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTH_NAMES = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };
    private static final String[] FULL_DAY_NAMES = {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
    };
    private static final String[] FULL_MONTH_NAMES = {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December"
    };
    /**
     * A zone's short names, standard and daylight, as the formatter gives them: a fact of the
     * JDK's zone data that never changes while we run, asked for in every time a command shows.
     */
    private static final java.util.Map<ZoneId, String[]> ZONE_NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private Times() {}

    /** "Tuesday 24 November 2026". */
    public static String longDay(LocalDate day) {
        return FULL_DAY_NAMES[day.getDayOfWeek().ordinal()] + " " + day.getDayOfMonth() + " "
                + FULL_MONTH_NAMES[day.getMonthValue() - 1] + " " + year(day.getYear());
    }

    /** "Tue 24 Nov". */
    public static String shortDay(LocalDate day) {
        return DAY_NAMES[day.getDayOfWeek().ordinal()] + " " + day.getDayOfMonth() + " "
                + MONTH_NAMES[day.getMonthValue() - 1];
    }

    /** "Tue 24 Nov", with the year when it is not {@code today}'s: "Thu 24 Dec 2025". */
    public static String shortDay(LocalDate day, LocalDate today) {
        return day.getYear() == today.getYear() ? shortDay(day) : shortDay(day) + " " + year(day.getYear());
    }

    /** As the pattern {@code yyyy} writes it: four digits at least, a sign only before year 0. */
    private static String year(int year) {
        if (year < 0) {
            return "-" + year(-year);
        }
        String digits = Integer.toString(year);
        return "0".repeat(Math.max(0, 4 - digits.length())) + digits;
    }

    /** "Tue 24 Nov 09:15 EST": a moment on another day, with its zone (and year when not this one). */
    public static String dayAndClock(Instant instant, ZoneId zone, Instant now) {
        return shortDay(instant.atZone(zone).toLocalDate(), now.atZone(zone).toLocalDate()) + " "
                + clockWithZone(instant, zone);
    }

    /** "09:05". */
    public static String clock(Instant instant, ZoneId zone) {
        return clock(instant.atZone(zone));
    }

    /** "10:32 EST": a deadline people in other zones can still read. */
    public static String clockWithZone(Instant instant, ZoneId zone) {
        java.time.ZonedDateTime at = instant.atZone(zone);
        return clock(at) + " " + zoneName(at);
    }

    private static String zoneName(java.time.ZonedDateTime at) {
        if (at.getZone() instanceof java.time.ZoneOffset) {
            return ZONE_NAME.format(at);
        }
        boolean daylight = at.getZone().getRules().isDaylightSavings(at.toInstant());
        String[] names = ZONE_NAMES.computeIfAbsent(at.getZone(), zone -> new String[2]);
        int which = daylight ? 1 : 0;
        if (names[which] == null) {
            // A race only formats the same name twice.
            names[which] = ZONE_NAME.format(at);
        }
        return names[which];
    }

    private static String clock(java.time.ZonedDateTime at) {
        int hour = at.getHour();
        int minute = at.getMinute();
        return (hour < 10 ? "0" : "") + hour + (minute < 10 ? ":0" : ":") + minute;
    }

    /** Late by less than this is on time: Quartz fires within milliseconds; a second or more means we were held up. */
    public static final java.time.Duration NOTICEABLY_LATE = java.time.Duration.ofSeconds(2);

    public static boolean isNoticeablyLate(java.time.Duration late) {
        return late != null && late.compareTo(NOTICEABLY_LATE) >= 0;
    }

    /** How late, to the second under a minute ("18 s"), as {@link #duration} from there. */
    public static String lateness(java.time.Duration late) {
        return late.toMinutes() < 1 ? late.toSeconds() + " s" : duration(late);
    }

    /** "1 h 38 min", "22 min", "under a minute"; "4 d 1 h" from two days on. */
    public static String duration(java.time.Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return "under a minute";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes >= 48 * 60) {
            long hours = minutes / 60;
            return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
        }
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
}
