package dev.phasebot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.sql.DataSource;

/**
 * A small pool of connections that only read. In WAL mode a reader sees the last committed
 * state and never waits for the writer, not even for its fsync; each read runs in one
 * DEFERRED transaction so that all of its queries see the same snapshot.
 *
 * <p>On PostgreSQL a reader's connection can be lost (a server restart, a terminated session); a
 * read that finds it so replaces it with a new connection and runs once more there, which is
 * safe because a read changes nothing. If no new connection opens, the read fails and the lost
 * reader stays in the pool, to be replaced by the next read that takes it.
 */
final class Readers implements AutoCloseable {

    /**
     * One reading connection and the statements prepared on it; BEGIN and COMMIT are prepared
     * too, so a read does not have SQLite compile them each time.
     */
    private record Reader(
            Connection connection,
            PreparedStatement begin,
            PreparedStatement commit,
            Map<String, PreparedStatement> statements) {}

    private final BlockingQueue<Reader> idle;
    /** Every open reader, idle or reading; guarded by itself, as reads replace lost ones. */
    private final List<Reader> all = new ArrayList<>();

    private final Dialect dialect;
    private final DataSource source;
    /** Whether a lost connection is replaced: on PostgreSQL; a SQLite connection is not lost. */
    private final boolean reconnects;

    /** {@code size} connections from {@code source}; {@code name} says which database in an error. */
    Readers(DataSource source, int size, Dialect dialect, String name) {
        this.dialect = dialect;
        this.source = source;
        this.reconnects = dialect == Dialect.POSTGRESQL;
        idle = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                Reader reader = open();
                synchronized (all) {
                    all.add(reader);
                }
                idle.add(reader);
            }
        } catch (SQLException e) {
            close();
            throw new StoreException("cannot open a reading connection to " + name + ": " + e.getMessage(), e);
        }
    }

    /** A new reading connection with its BEGIN and COMMIT prepared. */
    private Reader open() throws SQLException {
        Connection connection = source.getConnection();
        try {
            return new Reader(
                    connection,
                    connection.prepareStatement(dialect.beginRead),
                    connection.prepareStatement("COMMIT"),
                    new HashMap<>());
        } catch (SQLException e) {
            // not in all yet, so close() would miss it; closing it closes its statements
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    <T> T read(Database.TxWork<T> work) {
        Reader reader;
        try {
            reader = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a reading connection", e);
        }
        try {
            try {
                return readOn(reader, work);
            } catch (RuntimeException e) {
                if (!reconnects || !LostConnection.lost(reader.connection(), e)) {
                    throw e;
                }
                reader = replace(reader, e);
            }
            // once only: a read that fails on a new connection too fails for another reason
            return readOn(reader, work);
        } finally {
            idle.add(reader);
        }
    }

    private <T> T readOn(Reader reader, Database.TxWork<T> work) {
        try {
            // BEGIN and COMMIT by hand: the driver's setAutoCommit/commit pair costs twice the
            // statements, and a status request makes three queries
            reader.begin().execute();
            try {
                return work.run(new Tx(reader.connection(), reader.statements(), null, dialect));
            } finally {
                // ends the snapshot, so the next read sees what was committed since
                reader.commit().execute();
            }
        } catch (SQLException e) {
            throw new StoreException("read failed: " + e.getMessage(), e);
        }
    }

    /**
     * A new reader in place of {@code lost}, or a failure saying the connection was lost; then
     * {@code lost} stays in the pool and the next read that takes it tries again.
     */
    private Reader replace(Reader lost, RuntimeException failure) {
        Reader fresh;
        try {
            fresh = open();
        } catch (SQLException e) {
            e.addSuppressed(failure);
            throw new StoreException("the connection to the store was lost; cannot reconnect: " + e.getMessage(), e);
        }
        synchronized (all) {
            all.remove(lost);
            all.add(fresh);
        }
        close(lost);
        return fresh;
    }

    @Override
    public void close() {
        synchronized (all) {
            for (Reader reader : all) {
                close(reader);
            }
            all.clear();
        }
    }

    private static void close(Reader reader) {
        try {
            for (PreparedStatement ps : reader.statements().values()) {
                ps.close();
            }
            reader.begin().close();
            reader.commit().close();
            reader.connection().close();
        } catch (SQLException ignored) {
            // closing: the other connections still need closing
        }
    }
}
