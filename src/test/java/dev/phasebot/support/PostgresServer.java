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
 * A test that just needs a working store takes a {@link #migratedDatabase()}, copied from a
 * template the bot migrated once per JVM; one that tests migrating or copying into an empty
 * database takes a {@link #freshDatabase()}.
 */
public final class PostgresServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** Owner of the migrated template and of every copy of it (see {@link #migratedDatabase()}). */
    private static final String MIGRATED_OWNER = "phasebot_migrated_owner";

    private static EmbeddedPostgres server;
    /** The migrated template's name, once made. */
    private static String template;

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
        return database(name, role);
    }

    /**
     * A new database already migrated to the newest schema, owned by an ordinary role (not a
     * superuser): a copy ({@code CREATE DATABASE ... TEMPLATE}, tens of milliseconds) of a template the bot
     * itself migrated at the first call in this JVM, so the bot's first open finds its history
     * table up to date and only validates, instead of running every migration again (a second or
     * more each time).
     *
     * <p>All of them belong to one role, {@link #MIGRATED_OWNER}, which also owns the template and
     * so every table the migrations made there: a copy keeps each object's owner, so a copy owned
     * by a role of its own would hold tables that role could not alter or drop. The role is a plain LOGIN role, as
     * in production, because the tests mean to show that owning the database is all the bot needs.
     * Sharing the role does not join the tests: each database has its own rows, advisory locks
     * and notifications, and sessions are ended by database ({@link #terminateConnections}).
     */
    public static synchronized Database migratedDatabase() {
        String name = "phasebot_test_" + DATABASES.incrementAndGet();
        String from = migratedTemplate();
        try (Connection admin = server().getPostgresDatabase().getConnection();
                Statement sql = admin.createStatement()) {
            // A copy of files, not every page written to the WAL as well (the default, WAL_LOG): for
            // a few megabytes of catalogs this is the faster, and without fsync (the embedded
            // server's setting) the checkpoints FILE_COPY takes are cheap.
            sql.execute("CREATE DATABASE " + name + " OWNER " + MIGRATED_OWNER + " TEMPLATE " + from
                    + " STRATEGY FILE_COPY");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy the migrated template to a test database", e);
        }
        return database(name, MIGRATED_OWNER);
    }

    /** Makes the template at the first call: an empty database the bot opens (and so migrates) and closes. */
    private static String migratedTemplate() {
        if (template == null) {
            String name = "phasebot_template";
            try (Connection admin = server().getPostgresDatabase().getConnection();
                    Statement sql = admin.createStatement()) {
                sql.execute("CREATE ROLE " + MIGRATED_OWNER + " LOGIN PASSWORD 'test'");
                sql.execute("CREATE DATABASE " + name + " OWNER " + MIGRATED_OWNER + " TEMPLATE template0");
                Database empty = database(name, MIGRATED_OWNER);
                dev.phasebot.store.Database.openPostgres(empty.url(), empty.user(), empty.password())
                        .close();
                // A copy needs the template without sessions; none may start from here on.
                sql.execute("ALTER DATABASE " + name + " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
                terminateConnections(name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot make the migrated template database", e);
            }
            template = name;
        }
        return template;
    }

    private static Database database(String name, String role) {
        return new Database("jdbc:postgresql://localhost:" + server().getPort() + "/" + name, role, "test");
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
     * A test's store on PostgreSQL: the database (already migrated) is made at the first opening,
     * and a later one (a restart in the test) opens the same database again, as a new process would.
     */
    public static final class TestStore {

        private Database database;

        public dev.phasebot.store.Database open() {
            if (database == null) {
                database = migratedDatabase();
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
