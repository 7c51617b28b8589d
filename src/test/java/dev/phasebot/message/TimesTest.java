package dev.phasebot.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TimesTest {

    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_DAY_YEAR =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK_ZONE = DateTimeFormatter.ofPattern("HH:mm zzz", Locale.ENGLISH);

    @Test
    void daysReadAsTheEnglishPatternsWriteThem() {
        LocalDate today = LocalDate.of(2026, 11, 24);
        for (LocalDate day = LocalDate.of(2024, 12, 1); day.isBefore(LocalDate.of(2027, 3, 1)); day = day.plusDays(1)) {
            assertEquals(SHORT_DAY.format(day), Times.shortDay(day));
            assertEquals(LONG_DAY.format(day), Times.longDay(day));
            assertEquals(
                    day.getYear() == 2026 ? SHORT_DAY.format(day) : SHORT_DAY_YEAR.format(day),
                    Times.shortDay(day, today));
        }
        assertEquals(SHORT_DAY_YEAR.format(LocalDate.of(987, 1, 2)), Times.shortDay(LocalDate.of(987, 1, 2), today));
    }

    @Test
    void clocksReadAsTheEnglishPatternsWriteThemInEveryZone() {
        for (String zone : new String[] {
            "America/New_York",
            "UTC",
            "Europe/Berlin",
            "Asia/Kolkata",
            "Australia/Lord_Howe",
            "America/Sao_Paulo",
            "Europe/London",
            "+05:30",
            "Z"
        }) {
            ZoneId id = ZoneId.of(zone);
            for (Instant at = Instant.parse("2026-01-01T00:00:00Z");
                    at.isBefore(Instant.parse("2027-01-01T00:00:00Z"));
                    at = at.plusSeconds(7 * 3600 + 13 * 60)) {
                assertEquals(CLOCK.format(at.atZone(id)), Times.clock(at, id), zone + " " + at);
                assertEquals(CLOCK_ZONE.format(at.atZone(id)), Times.clockWithZone(at, id), zone + " " + at);
            }
        }
    }
}
