package dev.phasebot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The one SQLite file that holds all of phasebot's state, timers and outbox included.
 *
 * <p>One writing connection, used by one thread at a time: SQLite has a single writer anyway,
 * and a lock here turns "database is locked" races into plain waiting. Reads go to their own
 * connections: in WAL mode they see the last commit and never wait for a writer (nor a writer
 * for them); {@code synchronous=FULL} because a page
 * that was recorded as due must survive a power cut, and about 5,000 commits a second is far
 * more than a team's Slack traffic.
 */
public final class Database implements AutoCloseable {

    /** Reading connections: two cores, and a read is short; more would only queue on the CPU. */
    private static final int READERS = 4;

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Readers readers;
    /** The open transaction's after-commit work; guarded by {@link #lock}. */
    private List<Runnable> afterCommit;

    private Database(Connection connection, Readers readers) {
        this.connection = connection;
        this.readers = readers;
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
            new Migrations(source, Migrations.LOCATION).migrate();
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
        try {
            return new Database(connection, new Readers(file, READERS));
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Connections to {@code file} with the bot's settings. Flyway takes its connection from here
     * too, so a migration runs under the same rules as the bot's own statements, enforced foreign
     * keys included; it closes that connection when it is done.
     */
    static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return source;
    }

    /**
     * Runs {@code work} in one IMMEDIATE transaction: all of it commits or none of it does.
     * Nested calls join the outer transaction.
     */
    public <T> T inTransaction(TxWork<T> work) {
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                return work.run(new Tx(connection, statements, afterCommit));
            }
            afterCommit = new ArrayList<>();
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(new Tx(connection, statements, afterCommit));
                connection.commit();
            } catch (RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            List<Runnable> committed = afterCommit;
            afterCommit = null;
            AfterCommit.runAll(committed);
            return result;
        } catch (SQLException e) {
            throw new StoreException("transaction failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs read-only work on a reading connection: it sees the last committed state, as one
     * snapshot, and never waits for a writer. Inside a transaction it joins that transaction
     * instead, so the work sees what the transaction has written so far.
     */
    public <T> T read(TxWork<T> work) {
        if (lock.isHeldByCurrentThread()) {
            return work.run(new Tx(connection, statements, afterCommit));
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

    /** Same as {@link #inTransaction} for work that returns nothing. */
    public void run(TxAction action) {
        inTransaction(tx -> {
            action.run(tx);
            return null;
        });
    }

    @Override
    public void close() {
        readers.close();
        lock.lock();
        try {
            for (PreparedStatement ps : statements.values()) {
                ps.close();
            }
            statements.clear();
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the database: " + e.getMessage(), e);
        } finally {
            lock.unlock();
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
