package dev.phasebot.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Makes a database file as phasebot's own migrator did before Flyway, copied from it: its list
 * of files, its statement splitting, one transaction per file and a {@code schema_version} row
 * for each, on a connection with the bot's settings. The list stops at V7 because that migrator
 * never knew more; those files are frozen.
 */
final class OldMigratorFixture {

    static final List<String> MIGRATIONS = List.of(
            "V1__foundation.sql",
            "V2__incidents.sql",
            "V3__plan.sql",
            "V4__review.sql",
            "V5__incident_cancel.sql",
            "V6__plan_history.sql",
            "V7__outbox_in_flight.sql");

    private OldMigratorFixture() {}

    /** Applies V1 to V{@code upTo} to {@code file} the old way. */
    static void migrate(Path file, int upTo) throws SQLException, IOException {
        try (Connection connection = Database.dataSource(file).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
            for (String name : MIGRATIONS.subList(0, upTo)) {
                int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
                connection.setAutoCommit(false);
                for (String sql : read(name).split(";\\s*(\\n|$)")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
                try (PreparedStatement row = connection.prepareStatement(
                        "INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)")) {
                    row.setInt(1, version);
                    row.setString(2, name);
                    row.setLong(3, System.currentTimeMillis());
                    row.executeUpdate();
                }
                connection.commit();
                connection.setAutoCommit(true);
            }
        }
    }

    private static String read(String name) throws IOException {
        try (InputStream in = OldMigratorFixture.class.getResourceAsStream("/db/migration/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
