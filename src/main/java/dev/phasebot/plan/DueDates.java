package dev.phasebot.plan;

import dev.phasebot.config.BotConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the plan's due windows as instants: "24-48 hours" is 48 hours after the phase
 * starts, "Week 1" and "Week 1-2" end 7 and 14 days after it, "End of Week 2" too; a date is
 * the end of that day and a date-time is itself. Anything else has no due instant and is
 * never overdue.
 */
final class DueDates {

    private static final Pattern HOURS = Pattern.compile("(?:\\d+\\s*-\\s*)?(\\d+)\\s*h(?:ours?)?");
    private static final Pattern WEEKS = Pattern.compile("(?:end of )?week\\s*(?:\\d+\\s*-\\s*)?(\\d+)");
    private static final Pattern DAYS = Pattern.compile("(?:\\d+\\s*-\\s*)?(\\d+)\\s*days?");

    private final LocalDate phaseStart;
    private final ZoneId zone;

    /** The phase's due windows, counted from its start in its zone. */
    static DueDates of(BotConfig config) {
        return new DueDates(config.phase().start(), config.phase().zone());
    }

    DueDates(LocalDate phaseStart, ZoneId zone) {
        this.phaseStart = phaseStart;
        this.zone = zone;
    }

    Instant dueAt(String due) {
        if (due == null) {
            return null;
        }
        String text = due.strip().toLowerCase(Locale.ROOT);
        Instant start = phaseStart.atStartOfDay(zone).toInstant();
        Matcher m = HOURS.matcher(text);
        if (m.matches()) {
            return start.plusSeconds(3600L * Long.parseLong(m.group(1)));
        }
        m = WEEKS.matcher(text);
        if (m.matches()) {
            return phaseStart
                    .plusDays(7L * Long.parseLong(m.group(1)))
                    .atStartOfDay(zone)
                    .toInstant();
        }
        m = DAYS.matcher(text);
        if (m.matches()) {
            return phaseStart
                    .plusDays(Long.parseLong(m.group(1)))
                    .atStartOfDay(zone)
                    .toInstant();
        }
        try {
            return LocalDate.parse(text).plusDays(1).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notADate) {
            // try a date-time next
        }
        try {
            return LocalDateTime.parse(text.toUpperCase(Locale.ROOT))
                    .atZone(zone)
                    .toInstant();
        } catch (DateTimeParseException notADateTime) {
            return null;
        }
    }
}
