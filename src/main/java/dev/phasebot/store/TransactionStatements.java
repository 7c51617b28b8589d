package dev.phasebot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The writer's transaction statements, prepared once on its connection. The driver's
 * setAutoCommit/commit pair runs BEGIN, COMMIT, BEGIN, COMMIT for one group, each compiled
 * anew, and a savepoint executed as text is compiled for every request: together they were a
 * quarter of a group's time. The driver is left in autocommit; these are the transaction.
 */
record TransactionStatements(
        PreparedStatement begin,
        PreparedStatement lockWrites,
        PreparedStatement commit,
        PreparedStatement rollback,
        PreparedStatement savepoint,
        PreparedStatement release,
        PreparedStatement rollbackToSavepoint)
        implements AutoCloseable {

    static TransactionStatements prepare(Connection connection, Dialect dialect) throws SQLException {
        return new TransactionStatements(
                connection.prepareStatement(dialect.beginWrite),
                dialect.lockWrites == null ? null : connection.prepareStatement(dialect.lockWrites),
                connection.prepareStatement("COMMIT"),
                connection.prepareStatement("ROLLBACK"),
                connection.prepareStatement("SAVEPOINT request"),
                connection.prepareStatement("RELEASE request"),
                connection.prepareStatement("ROLLBACK TO request"));
    }

    /** Begins a write transaction, waiting for any other replica's write to end first. */
    void beginWrite() throws SQLException {
        begin.execute();
        if (lockWrites != null) {
            lockWrites.execute();
        }
    }

    @Override
    public void close() throws SQLException {
        if (lockWrites != null) {
            lockWrites.close();
        }
        for (PreparedStatement statement : List.of(begin, commit, rollback, savepoint, release, rollbackToSavepoint)) {
            statement.close();
        }
    }
}
