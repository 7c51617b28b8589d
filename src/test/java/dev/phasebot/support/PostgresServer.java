package dev.phasebot.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for the tests, from the embedded binaries on the test class path: started
 * once per test JVM (a few seconds), each test then gets a database of its own (tens of
 * milliseconds), so tests never see each other's rows. Nothing is installed on the machine.
 */
public final class PostgresServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresServer() {}

    /** A new, empty database owned by an ordinary role (not a superuser); its JDBC URL. */
    public static synchronized Database freshDatabase() {
        String name = "phasebot_test_" + DATABASES.incrementAndGet();
        String role = name + "_owner";
        try (Connection admin = server().getPostgresDatabase().getConnection();
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'test'");
            sql.execute("CREATE DATABASE " + name + " OWNER " + role + " TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database", e);
        }
        return new Database("jdbc:postgresql://localhost:" + server.getPort() + "/" + name, role, "test");
    }

    /**
     * Ends every session on {@code database} as an administrator would (pg_terminate_backend),
     * waiting until each is gone; how many there were. The bot sees what a server restart or a
     * cut connection shows it: the next statement on each of its connections fails.
     */
    public static synchronized int terminateConnections(String database) {
        try (Connection admin = server().getPostgresDatabase().getConnection();
                PreparedStatement terminate = admin.prepareStatement(
                        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
                                + "WHERE datname = ? AND pid <> pg_backend_pid()")) {
            terminate.setString(1, database);
            try (ResultSet rs = terminate.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot terminate the sessions on " + database, e);
        }
    }

    /**
     * Whether {@code database} takes new sessions (ALTER DATABASE ... ALLOW_CONNECTIONS): with
     * {@code false}, a connection attempt fails as if the server were down; open sessions stay.
     */
    public static synchronized void allowConnections(String database, boolean allowed) {
        try (Connection admin = server().getPostgresDatabase().getConnection();
                Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + allowed);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change whether " + database + " takes connections", e);
        }
    }

    /** A database of the embedded server: where it is and who may log in. */
    public record Database(String url, String user, String password) {

        /** The database's name, as the server knows it (the URL's last part). */
        public String name() {
            return url.substring(url.lastIndexOf('/') + 1);
        }

        /**
         * The bot's store over this database, migrated as the bot opens it, taking part in the
         * leadership at once: the first opened leads, as the only process on a file does (tests
         * fire timers and deliver without starting a bot); a second opened is a standby.
         */
        public dev.phasebot.store.Database open() {
            dev.phasebot.store.Database opened = dev.phasebot.store.Database.openPostgres(url, user, password);
            opened.leadership().start();
            return opened;
        }
    }

    /**
     * A test's store on PostgreSQL: the database is made at the first opening, and a later one (a
     * restart in the test) opens the same database again, as a new process would.
     */
    public static final class TestStore {

        private Database database;

        public dev.phasebot.store.Database open() {
            if (database == null) {
                database = freshDatabase();
            }
            return database.open();
        }
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is ending; the server's files are in a temporary directory
                }
            }));
        }
        return server;
    }
}
