package dev.phasebot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The one SQLite file that holds all of phasebot's state, timers and outbox included.
 *
 * <p>One connection, used by one thread at a time: SQLite has a single writer anyway, and a
 * lock here turns "database is locked" races into plain waiting. WAL keeps readers of other
 * processes (sqlite3 on the file) from blocking us; {@code synchronous=FULL} because a page
 * that was recorded as due must survive a power cut, and about 5,000 commits a second is far
 * more than a team's Slack traffic.
 */
public final class Database implements AutoCloseable {

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private Database(Connection connection) {
        this.connection = connection;
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
        return new Database(connection);
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
                return work.run(new Tx(connection, statements));
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run(new Tx(connection, statements));
                connection.commit();
                return result;
            } catch (RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("transaction failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs read-only work without opening a write transaction. The lock keeps this process's
     * writers out for the duration, so the reads see one consistent state; inside a
     * transaction it simply joins it.
     */
    public <T> T read(TxWork<T> work) {
        lock.lock();
        try {
            return work.run(new Tx(connection, statements));
        } finally {
            lock.unlock();
        }
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
