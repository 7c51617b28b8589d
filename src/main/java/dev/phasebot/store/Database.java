package dev.phasebot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The one SQLite file that holds all of phasebot's state, timers and outbox included.
 *
 * <p>One writer, many readers, as SQLite works best in WAL mode. Writes are queued to one
 * thread that commits them in groups ({@link WriteQueue}): a caller still blocks until its
 * work is durable, and sees the work's own exceptions, but one fsync covers every request
 * that queued meanwhile. Reads go to their own connections ({@link Readers}): they see the
 * last commit and never wait for the writer. {@code synchronous=FULL} because a page that
 * was recorded as due must survive a power cut.
 */
public final class Database implements AutoCloseable {

    /** Reading connections: two cores, and a read is short; more would only queue on the CPU. */
    private static final int READERS = 4;

    private final WriteQueue writes;
    private final Readers readers;
    private final Dialect dialect;
    private final Leadership leadership;
    private final Notifications notifications;

    private Database(
            WriteQueue writes, Readers readers, Dialect dialect, Leadership leadership, Notifications notifications) {
        this.writes = writes;
        this.readers = readers;
        this.dialect = dialect;
        this.leadership = leadership;
        this.notifications = notifications;
    }

    /** Opens (creating directories and the file if needed) and migrates to the newest schema. */
    public static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory for " + file, e);
        }
        SQLiteDataSource source = dataSource(file);
        Connection connection;
        try {
            connection = source.getConnection();
        } catch (SQLException e) {
            throw new StoreException("cannot open the database " + file + ": " + e.getMessage(), e);
        }
        try {
            new Migrations(source, Dialect.SQLITE.migrations).migrate();
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
        Readers readers;
        try {
            readers = new Readers(
                    dataSource(file, SQLiteConfig.TransactionMode.DEFERRED), READERS, Dialect.SQLITE, file.toString());
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
        try {
            return new Database(
                    new WriteQueue(connection, Dialect.SQLITE),
                    readers,
                    Dialect.SQLITE,
                    Leadership.alone(),
                    new Notifications(null));
        } catch (SQLException e) {
            readers.close();
            closeQuietly(connection);
            throw new StoreException("cannot open the database " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a PostgreSQL database ({@code jdbc:postgresql://host/name}) and migrates it to the
     * newest schema, as a role that owns it (no superuser needed). Any number of replicas may open
     * it: they all answer requests, each write waits for the others' ({@link Dialect#POSTGRESQL}),
     * and one at a time leads ({@link #leadership()}). Writes go through one writer connection,
     * committed in groups as on SQLite; reads through their own connections, each one snapshot.
     */
    public static Database openPostgres(String url, String user, String password) {
        String name = url.replaceAll("\\?.*$", "");
        // A replica frozen inside a transaction holds every replica's writes: the server ends it.
        PGSimpleDataSource source = postgres(url, user, password, "-c idle_in_transaction_session_timeout=10s");
        Readers readers = null;
        Connection writer = null;
        try {
            new Migrations(source, Dialect.POSTGRESQL.migrations).migrate();
            writer = source.getConnection();
            readers = new Readers(source, READERS, Dialect.POSTGRESQL, name);
            // The lease's session: silent (frozen, cut off) for longer than the heartbeat allows,
            // the server ends it and so frees the lock for a standby.
            PGSimpleDataSource lease = postgres(
                    url,
                    user,
                    password,
                    "-c idle_session_timeout=" + Leadership.SERVER_IDLE_TIMEOUT.toSeconds() + "s "
                            + "-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3");
            lease.setSocketTimeout((int) Leadership.VALID_FOR.toSeconds());
            lease.setConnectTimeout((int) Leadership.VALID_FOR.toSeconds());
            return new Database(
                    new WriteQueue(writer, source, Dialect.POSTGRESQL),
                    readers,
                    Dialect.POSTGRESQL,
                    Leadership.onPostgres(lease, name),
                    new Notifications(source));
        } catch (SQLException e) {
            closeAll(readers, writer);
            throw new StoreException("cannot open the database " + name + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(readers, writer);
            throw e;
        }
    }

    private static PGSimpleDataSource postgres(String url, String user, String password, String options) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url);
        source.setUser(user);
        source.setPassword(password);
        source.setApplicationName("phasebot");
        source.setOptions(options);
        return source;
    }

    private static void closeAll(Readers readers, Connection writer) {
        if (readers != null) {
            readers.close();
        }
        if (writer != null) {
            closeQuietly(writer);
        }
    }

    /**
     * Connections to {@code file} with the bot's settings. Flyway takes its connection from here
     * too, so a migration runs under the same rules as the bot's own statements, enforced foreign
     * keys included; it closes that connection when it is done.
     */
    static SQLiteDataSource dataSource(Path file) {
        return dataSource(file, SQLiteConfig.TransactionMode.IMMEDIATE);
    }

    /**
     * The same settings, with {@code mode} the way the driver begins a transaction: IMMEDIATE for
     * writing; DEFERRED for the readers, whose BEGIN must not take the write lock and make reads
     * wait for writers again.
     */
    static SQLiteDataSource dataSource(Path file, SQLiteConfig.TransactionMode mode) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5_000);
        config.setTransactionMode(mode);
        // Tx.insert asks SQLite for the new row's id itself; left on, the driver compiles and runs
        // its own "SELECT last_insert_rowid()" after every INSERT, wanted or not.
        config.setGetGeneratedKeys(false);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return source;
    }

    /**
     * Runs {@code work} as one atomic unit, all of it committed or none of it, and returns once it
     * is durable. Exceptions from the work reach the caller unchanged. Nested calls join the
     * outer transaction.
     */
    public <T> T inTransaction(TxWork<T> work) {
        return writes.submit(WritePriority.NORMAL, work);
    }

    /** Same as {@link #inTransaction(TxWork)}, taken by the writer before any write of a lower priority. */
    public <T> T inTransaction(WritePriority priority, TxWork<T> work) {
        return writes.submit(priority, work);
    }

    /**
     * Runs read-only work on a reading connection: it sees the last committed state, as one
     * snapshot, and never waits for a writer. Inside a transaction it joins that transaction
     * instead, so the work sees what the transaction has written so far.
     */
    public <T> T read(TxWork<T> work) {
        if (writes.isWriter()) {
            return writes.joined(work);
        }
        return readers.read(work);
    }

    /**
     * Runs read-only work on a reading connection even from inside a transaction: it sees the
     * last committed state only, never the open transaction's writes. For caches, which must not
     * hold what may still roll back.
     */
    public <T> T readCommitted(TxWork<T> work) {
        return readers.read(work);
    }

    /** Same as {@link #inTransaction(TxWork)} for work that returns nothing. */
    public void run(TxAction action) {
        run(WritePriority.NORMAL, action);
    }

    /** Same as {@link #inTransaction(WritePriority, TxWork)} for work that returns nothing. */
    public void run(WritePriority priority, TxAction action) {
        writes.submit(priority, tx -> {
            action.run(tx);
            return null;
        });
    }

    /**
     * Whether other processes may share this store (PostgreSQL, with replicas): then what one
     * process would keep in memory (a replayed request's signature, a token's calls this
     * minute) belongs in the store, and a commit elsewhere does not pass through this writer.
     */
    public boolean shared() {
        return dialect == Dialect.POSTGRESQL;
    }

    /** Who leads among the replicas sharing this store: on a file, this process, always. */
    public Leadership leadership() {
        return leadership;
    }

    /**
     * Calls {@code listener} with the detail of every {@link Tx#announce} of {@code topic} that any
     * replica commits (this one's included), and with an empty detail whenever some may have been
     * missed. On a file, where no other process writes, it is never called.
     */
    public void listen(String topic, java.util.function.Consumer<String> listener) {
        notifications.listen(topic, listener);
    }

    /** How many requests wait for the writer. */
    int queuedWrites() {
        return writes.queued();
    }

    /** How many transactions the writer has committed. */
    long commits() {
        return writes.commits();
    }

    /** Whether the calling thread is the writer, running a request's transaction. */
    boolean inWriter() {
        return writes.isWriter();
    }

    /** Writes what is already queued, then closes every connection. */
    @Override
    public void close() {
        leadership.close();
        notifications.close();
        try {
            writes.close();
        } finally {
            readers.close();
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the migration's failure is the one worth reporting
        }
    }

    /** Work inside a transaction that returns a value. */
    @FunctionalInterface
    public interface TxWork<T> {
        T run(Tx tx);
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    public interface TxAction {
        void run(Tx tx);
    }
}
