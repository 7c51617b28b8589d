package dev.phasebot.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * The {@code schema_version} table in which phasebot's own migrator, before Flyway, recorded
 * the migrations it applied (V1 to V7, one row each, always in order from V1). Read once, when
 * Flyway first meets a file that migrator made, to know how far that file already is.
 */
final class OldMigratorRecord {

    static final String TABLE = "schema_version";

    private OldMigratorRecord() {}

    /**
     * The highest version recorded: empty when the old migrator never ran on this file, 0 when
     * it created its table but recorded nothing (its first migration failed).
     *
     * @throws MigrationException when the record has a hole: the old migrator applied in order
     *     and stopped at the first failure, so a hole means the table was edited by hand, and
     *     adopting the file at its highest version would skip the missing ones for good
     */
    static OptionalInt highestVersion(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet table = statement.executeQuery(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + TABLE + "'")) {
                if (!table.next()) {
                    return OptionalInt.empty();
                }
            }
            List<Integer> versions = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT version FROM " + TABLE + " ORDER BY version")) {
                while (rows.next()) {
                    versions.add(rows.getInt(1));
                }
            }
            for (int i = 0; i < versions.size(); i++) {
                if (versions.get(i) != i + 1) {
                    throw new MigrationException(TABLE + " records versions " + versions + ", not V1 to V"
                            + versions.get(versions.size() - 1) + " in a row as phasebot wrote them; "
                            + "restore the file from a backup rather than guess which migrations it has");
                }
            }
            return OptionalInt.of(versions.size());
        } catch (SQLException e) {
            throw new StoreException("cannot read " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Drops a record that holds no version. It is all the old migrator left when its first
     * migration failed, it records nothing worth keeping, and Flyway refuses to start on a file
     * holding a table it does not know.
     */
    static void dropEmpty(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + TABLE);
        } catch (SQLException e) {
            throw new StoreException("cannot drop the empty " + TABLE + ": " + e.getMessage(), e);
        }
    }
}
