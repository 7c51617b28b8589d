package dev.phasebot.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens another replica's store on a PostgreSQL database a first replica has open already.
 *
 * <p>Until the one-process lease of {@code Database.openPostgres} is gone (issue 20: replicas
 * become normal), a second opening is refused while the first holds it; this ends the session
 * holding the lease (the first replica's writer and readers are other sessions and go on), as a
 * lost connection would. Once the lease is gone there is no such session and this is a plain
 * {@code open()}; then it may be replaced by {@link PostgresServer.Database#open()}.
 */
public final class SecondReplica {

    private SecondReplica() {}

    public static dev.phasebot.store.Database open(PostgresServer.Database database) {
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
                Statement sql = c.createStatement()) {
            // An idle replica holds no transaction-scoped write lock, so only a session lease is ended here.
            sql.execute("SELECT pg_terminate_backend(pid, 5000) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                    + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                    + "AND pid <> pg_backend_pid()");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end the first replica's lease", e);
        }
        return database.open();
    }
}
