package dev.phasebot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Instants as the schema stores them: epoch milliseconds (UTC) in an INTEGER column, NULL
 * for "not yet". The one place that knows this, so the repositories do not each carry a copy
 * of the {@code wasNull} dance.
 */
public final class Columns {

    private Columns() {
    }

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

    /** The value to bind for {@code at}: its epoch milliseconds, or null to store NULL. */
    public static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }
}
