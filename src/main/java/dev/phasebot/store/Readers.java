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
    private final List<Reader> all = new ArrayList<>();

    private final Dialect dialect;

    /** {@code size} connections from {@code source}; {@code name} says which database in an error. */
    Readers(DataSource source, int size, Dialect dialect, String name) {
        this.dialect = dialect;
        idle = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                Connection connection = source.getConnection();
                Reader reader;
                try {
                    reader = new Reader(
                            connection,
                            connection.prepareStatement(dialect.beginRead),
                            connection.prepareStatement("COMMIT"),
                            new HashMap<>());
                } catch (SQLException e) {
                    // not in all yet, so close() below would miss it; closing it closes its statements
                    try {
                        connection.close();
                    } catch (SQLException closing) {
                        e.addSuppressed(closing);
                    }
                    throw e;
                }
                all.add(reader);
                idle.add(reader);
            }
        } catch (SQLException e) {
            close();
            throw new StoreException("cannot open a reading connection to " + name + ": " + e.getMessage(), e);
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
        } finally {
            idle.add(reader);
        }
    }

    @Override
    public void close() {
        for (Reader reader : all) {
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
        all.clear();
    }
}
