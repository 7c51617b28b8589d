package dev.phasebot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Instants as the schema stores them: epoch milliseconds (UTC) in an INTEGER column, NULL
 * for "not yet"; days as ISO text ({@code 2026-11-24}). The one place that knows this, so the
 * repositories do not each carry a copy of the {@code wasNull} dance.
 */
public final class Columns {

    private Columns() {}

    /** The instant in {@code column}, or null when the column is NULL. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        // getLong reads NULL as 0, which is a real instant (1970); only wasNull tells them apart.
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    /** The instant in the {@code index}th column (from 1), or null when it is NULL. */
    public static Instant instant(ResultSet rs, int index) throws SQLException {
        long millis = rs.getLong(index);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    /**
     * The day in {@code column}. Read by hand when it has the form the store writes: every
     * status and summary reads a day per row, and the ISO formatter took a tenth of a status.
     */
    public static java.time.LocalDate day(ResultSet rs, String column) throws SQLException {
        return day(rs.getString(column));
    }

    /** As {@link #day(ResultSet, String)}, for the {@code index}th column (from 1). */
    public static java.time.LocalDate day(ResultSet rs, int index) throws SQLException {
        return day(rs.getString(index));
    }

    static java.time.LocalDate day(String iso) {
        if (iso != null && iso.length() == 10 && iso.charAt(4) == '-' && iso.charAt(7) == '-') {
            int year = digits(iso, 0, 4);
            int month = digits(iso, 5, 7);
            int day = digits(iso, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return java.time.LocalDate.of(year, month, day);
            }
        }
        // Anything else (NULL included) fails or reads exactly as the ISO parser says.
        return java.time.LocalDate.parse(iso);
    }

    /** The decimal number in {@code text[from, to)}, or -1 when some character is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The value to bind for {@code at}: its epoch milliseconds, or null to store NULL. */
    public static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }
}
