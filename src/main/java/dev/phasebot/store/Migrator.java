package dev.phasebot.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.HashSet;

/**
 * Applies {@code db/migration/V<n>__<name>.sql} in order, each in its own transaction, and
 * records it in {@code schema_version}. Released migrations are never edited: a change to
 * the schema is a new file, added to {@link #MIGRATIONS}.
 *
 * <p>Hand-written rather than Flyway: Flyway's SQLite support lives in a community driver
 * that is not served to our machines, and this needs forty lines.
 */
final class Migrator {

    static final List<String> MIGRATIONS = List.of("V1__foundation.sql", "V2__incidents.sql", "V3__plan.sql",
            "V4__review.sql", "V5__incident_cancel.sql", "V6__plan_history.sql", "V7__outbox_in_flight.sql");

    private final Database database;

    Migrator(Database database) {
        this.database = database;
    }

    void migrate() {
        database.run(tx -> tx.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                + "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"));
        Set<Integer> applied = new HashSet<>(database.inTransaction(tx ->
                tx.query("SELECT version FROM schema_version", rs -> rs.getInt(1))));
        for (String file : MIGRATIONS) {
            int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
            if (applied.contains(version)) {
                continue;
            }
            String script = read(file);
            database.run(tx -> {
                for (String statement : script.split(";\\s*(\\n|$)")) {
                    if (!statement.isBlank()) {
                        tx.execute(statement);
                    }
                }
                tx.update("INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)",
                        version, file, System.currentTimeMillis());
            });
        }
    }

    private static String read(String file) {
        try (InputStream in = Migrator.class.getResourceAsStream("/db/migration/" + file)) {
            if (in == null) {
                throw new IllegalStateException("migration " + file + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + file, e);
        }
    }
}
