package dev.phasebot.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells a PostgreSQL connection that is gone (the server restarted, the session was terminated
 * or timed out, the network cut it) from a statement that merely failed on a healthy one. Only
 * the first is worth a new connection: a constraint violation on a fresh connection fails alike.
 */
final class LostConnection {

    /**
     * The session was ended by the server: 57P01 terminated by an administrator
     * (pg_terminate_backend, a fast shutdown), 57P02 a crash of another backend, 57P03 the server
     * not accepting connections yet, 57P05 idle_session_timeout, 25P03
     * idle_in_transaction_session_timeout. Class 08 (connection exception) is checked apart.
     */
    private static final Set<String> SESSION_ENDED = Set.of("57P01", "57P02", "57P03", "57P05", "25P03");

    private LostConnection() {}

    /**
     * Whether {@code failure}, thrown while using {@code connection}, means the connection is
     * gone. Asks the server ({@link Connection#isValid}) only when the failure came from SQL and
     * its SQLState does not say: a failure path, never a successful statement's.
     */
    static boolean lost(Connection connection, Throwable failure) {
        SQLException sql = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                if (sessionEnded(e)) {
                    return true;
                }
                sql = sql == null ? e : sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        try {
            return connection.isClosed() || (sql != null && !connection.isValid(2));
        } catch (SQLException e) {
            return true;
        }
    }

    /** Whether {@code e} or one chained to it (the driver chains the server's reason) ended the session. */
    static boolean sessionEnded(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            String state = next.getSQLState();
            if (state != null && (state.startsWith("08") || SESSION_ENDED.contains(state))) {
                return true;
            }
            if (next.getNextException() == next) {
                break;
            }
        }
        return false;
    }
}
