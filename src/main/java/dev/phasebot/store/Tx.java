package dev.phasebot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A tiny JDBC runner over the open transaction: parameters in, mapped rows out. */
public final class Tx {

    private final Connection connection;
    private final Map<String, PreparedStatement> statements;
    private final List<Runnable> afterCommit;
    private final Dialect dialect;

    /**
     * @param afterCommit where {@link #afterCommit} collects work for the writer to run once the
     *                    transaction is durable; null for a read, which has nothing to wait for
     */
    Tx(Connection connection, Map<String, PreparedStatement> statements, List<Runnable> afterCommit, Dialect dialect) {
        this.connection = connection;
        this.statements = statements;
        this.afterCommit = afterCommit;
        this.dialect = dialect;
    }

    /**
     * Runs {@code work} once this transaction has committed, and never if it rolls back: the place
     * to tell other threads about a change, which they would otherwise read before it is there
     * (readers see only committed state). It runs on the committing thread, so it must be short
     * and must not throw. In a read it runs at once.
     */
    public void afterCommit(Runnable work) {
        if (afterCommit == null) {
            work.run();
        } else {
            afterCommit.add(work);
        }
    }

    /**
     * Tells every replica sharing the store (this one included) about a change once this
     * transaction commits, and never if it rolls back: {@code topic} and {@code detail} reach what
     * {@link Database#listen} registered for the topic. PostgreSQL delivers it (NOTIFY); on a
     * SQLite file there is no other replica to tell, so nothing is sent.
     */
    public void announce(String topic, String detail) {
        if (dialect == Dialect.POSTGRESQL) {
            queryOne("SELECT pg_notify('" + Notifications.CHANNEL + "', ?)", rs -> true, topic + " " + detail);
        }
    }

    /** {@code " FOR UPDATE SKIP LOCKED"} where the store has it: a claim another writer holds is passed over. */
    public String skipLocked() {
        return dialect == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public int update(String sql, Object... args) {
        try {
            return prepare(sql, args).executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e.getMessage() + " in: " + sql, e);
        }
    }

    /**
     * Runs an INSERT into a table with a generated {@code id} and returns the new row's id, or
     * empty when ON CONFLICT DO NOTHING skipped it. A table without one is written with
     * {@link #update}, whose count says whether the row went in: PostgreSQL has no row id to return.
     */
    public Optional<Long> insert(String sql, Object... args) {
        try {
            if (prepare(sql, args).executeUpdate() == 0) {
                return Optional.empty();
            }
            try (ResultSet rs = prepare(dialect.lastInsertId).executeQuery()) {
                rs.next();
                return Optional.of(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new StoreException(e.getMessage() + " in: " + sql, e);
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        try (ResultSet rs = prepare(sql, args).executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException(e.getMessage() + " in: " + sql, e);
        }
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Statements are prepared once per connection and reused: our SQL is a small, fixed set. */
    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        ps.clearParameters();
        for (int i = 0; i < args.length; i++) {
            // Flags are stored as 0 and 1 in both stores; PostgreSQL will not take a boolean for a number.
            ps.setObject(i + 1, args[i] instanceof Boolean flag ? (flag ? 1 : 0) : args[i]);
        }
        return ps;
    }
}
