package dev.phasebot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ColumnsTest {

    @Test
    void aStoredDayReadsAsTheIsoParserReadsIt() {
        for (LocalDate day = LocalDate.of(1999, 12, 25);
                day.isBefore(LocalDate.of(2031, 1, 10));
                day = day.plusDays(3)) {
            assertEquals(LocalDate.parse(day.toString()), Columns.day(day.toString()));
        }
        assertEquals(LocalDate.of(2028, 2, 29), Columns.day("2028-02-29"));
    }

    @Test
    void aDayThatIsNotOneIsRefusedAsTheIsoParserRefusesIt() {
        for (String notADay : new String[] {
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "2026-1-05",
            "2026/11/24",
            "20x6-11-24",
            "2026-11-2a",
            "",
            "2026-11-24T09:00"
        }) {
            assertThrows(DateTimeException.class, () -> Columns.day(notADay), notADay);
            assertThrows(DateTimeException.class, () -> LocalDate.parse(notADay), notADay);
        }
        assertEquals(LocalDate.parse("+12026-11-24"), Columns.day("+12026-11-24"));
    }
}
