package dev.phasebot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The one thread that writes, committing queued write work in groups.
 *
 * <p>With {@code synchronous=FULL} a commit costs an fsync, and the fsync, not the SQL, is what
 * limits how many writes a second the store takes. So the writer takes every request waiting
 * (up to {@link #MAX_GROUP}), runs each in its own SAVEPOINT inside one transaction, and commits
 * them with one fsync. A request that throws is rolled back to its savepoint and only its caller
 * hears of it; the others commit. No caller is answered before the commit that holds its work is
 * durable, so the durability promise is the same as one commit per request.
 *
 * <p>Work runs on the writer thread. A write (or read) made from inside that work joins the
 * request it is part of, as a nested transaction always did.
 *
 * <p>On PostgreSQL the connection can be lost (a server restart, a terminated or timed-out
 * session, a cut network); SQLite's cannot. A group that finds its connection gone at BEGIN has
 * run nothing yet, so the writer opens a new connection and runs it there. A group that loses it
 * later is answered with the loss, never run again, since its commit may have reached the server;
 * the next group opens a new connection. Opening one is tried a few times with a short backoff,
 * then that group is answered with the failure and the next tries again: the thread never dies.
 */
final class WriteQueue implements AutoCloseable {

    /**
     * At most this many requests per commit: enough to spread one fsync over a busy second's
     * requests, few enough that a deadline queued behind a group waits for a few milliseconds.
     */
    static final int MAX_GROUP = 64;

    private static final Comparator<Request<?>> ORDER =
            Comparator.<Request<?>>comparingInt(r -> r.rank).thenComparingLong(r -> r.sequence);
    /** Ranked after every priority, so that closing first writes everything already queued. */
    private static final int CLOSING_RANK = WritePriority.values().length;

    /**
     * Waits between attempts to open a new connection, in milliseconds: about a second and a half
     * in all, long enough for a connection refused while the server restarts to be worth retrying,
     * short enough that a caller (and the readiness probe) hears of a server that is down.
     */
    private static final long[] RECONNECT_WAITS = {100, 200, 400, 800};

    /** Null while the connection is lost and no new one could be opened yet. */
    private Connection connection;

    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private TransactionStatements transaction;
    /** Where a new connection comes from when this one is lost; null on SQLite, whose connection is not lost. */
    private final DataSource source;

    private final PriorityBlockingQueue<Request<?>> queue = new PriorityBlockingQueue<>(MAX_GROUP, ORDER);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final Thread writer;
    private final Dialect dialect;
    private boolean closing;
    /** The request the writer is running; read and written by the writer thread only. */
    private Tx current;

    WriteQueue(Connection connection, Dialect dialect) throws SQLException {
        this(connection, null, dialect);
    }

    /** Writes on {@code connection}, and on new connections from {@code source} if it is lost. */
    WriteQueue(Connection connection, DataSource source, Dialect dialect) throws SQLException {
        this.connection = connection;
        this.source = source;
        this.dialect = dialect;
        this.transaction = TransactionStatements.prepare(connection, dialect);
        this.writer = new Thread(this::writeUntilClosed, "phasebot-writer");
        // a caller waits for its own commit, so nothing durable is lost if the JVM exits
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues {@code work}, waits until the commit that holds it is durable, and returns its result. */
    <T> T submit(WritePriority priority, Database.TxWork<T> work) {
        if (isWriter()) {
            return joined(work);
        }
        Request<T> request = new Request<>(priority.ordinal(), sequence.getAndIncrement(), work);
        synchronized (this) {
            if (closing) {
                throw new StoreException("the database is closed", null);
            }
            queue.add(request);
        }
        Done<T> done = awaitUninterruptibly(request.answer);
        AfterCommit.runAll(done.afterCommit());
        return done.value();
    }

    boolean isWriter() {
        return Thread.currentThread() == writer;
    }

    /** Runs {@code work} inside the request the writer is running: a nested call joins it. */
    <T> T joined(Database.TxWork<T> work) {
        if (current == null) {
            throw new IllegalStateException("the writer thread has no request open");
        }
        return work.run(current);
    }

    /** How many requests wait for the writer; tests use it to know a group is queued. */
    int queued() {
        return queue.size();
    }

    /** Transactions committed, each counted before its callers are answered (CommittedCache relies on it). */
    long commits() {
        return commits.get();
    }

    /** Writes everything already queued, refuses what comes after, and closes the connection. */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            queue.add(new Request<>(CLOSING_RANK, Long.MAX_VALUE, null));
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            if (connection != null) {
                for (PreparedStatement ps : statements.values()) {
                    ps.close();
                }
                statements.clear();
                transaction.close();
                connection.close();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot close the database: " + e.getMessage(), e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeUntilClosed() {
        List<Request<?>> group = new ArrayList<>(MAX_GROUP);
        boolean closed = false;
        while (!closed) {
            Request<?> first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                continue; // nobody but close stops the writer, and close says so with a request
            }
            group.add(first);
            queue.drainTo(group, MAX_GROUP - 1);
            // the closing marker sorts last, so if it was taken it is the group's last element
            if (group.get(group.size() - 1).work == null) {
                group.remove(group.size() - 1);
                closed = true;
            }
            if (!group.isEmpty()) {
                try {
                    commit(group);
                } catch (RuntimeException | Error unexpected) {
                    // a writer that died would leave every caller waiting for ever
                    StoreException failure = new StoreException("the writer failed: " + unexpected, unexpected);
                    group.forEach(r -> r.answer.completeExceptionally(failure));
                }
            }
            group.clear();
        }
    }

    /** Runs a group in one transaction, each request in its own savepoint, and answers every caller. */
    private void commit(List<Request<?>> group) {
        if (connection == null && !reconnect(group, null)) {
            return;
        }
        List<Outcome> outcomes = new ArrayList<>(group.size());
        try {
            // By hand, the driver left in autocommit: SQLite's BEGIN and COMMIT are the transaction.
            // A BEGIN that fails (SQLITE_BUSY past the timeout, a read-only file) began nothing.
            transaction.beginWrite();
        } catch (SQLException e) {
            if (!beginAgain(group, e)) {
                return;
            }
        }
        SQLException lost = null;
        // where the connection was found lost: the request running then, or the commit
        int lostAt = -1;
        for (int i = 0; i < group.size() && lost == null; i++) {
            Request<?> request = group.get(i);
            List<Runnable> afterCommit = new ArrayList<>();
            try {
                transaction.savepoint().execute();
            } catch (SQLException e) {
                lost = e;
                lostAt = i;
                requeue(group.subList(i, group.size()));
                break;
            }
            current = new Tx(connection, statements, afterCommit, dialect);
            try {
                Object value = request.work.run(current);
                transaction.release().execute();
                outcomes.add(new Outcome(value, afterCommit, null));
            } catch (Throwable failure) {
                outcomes.add(new Outcome(null, List.of(), failure));
                try {
                    transaction.rollbackToSavepoint().execute();
                    transaction.release().execute();
                } catch (SQLException e) {
                    // SQLite ended the whole transaction (an I/O error, a full disk): nothing of
                    // this group is written, and the requests not run yet go back in the queue
                    lost = e;
                    lostAt = i;
                    requeue(group.subList(i + 1, group.size()));
                }
            } finally {
                current = null;
            }
        }
        if (lost == null) {
            try {
                transaction.commit().execute();
                commits.incrementAndGet();
            } catch (SQLException e) {
                lost = e;
                lostAt = group.size();
            }
        }
        StoreException connectionLost = null;
        if (lost != null) {
            rollbackQuietly();
            if (source != null && LostConnection.lost(connection, lost)) {
                connectionLost = lostAt == group.size()
                        ? lostConnection(" while committing; this write may or may not have been saved", lost)
                        : lostConnection("; this write was not saved", lost);
                dropConnection();
            }
        }
        for (int i = 0; i < outcomes.size(); i++) {
            if (connectionLost != null && (outcomes.get(i).failure() == null || i == lostAt)) {
                // the request that was running failed because of the loss, whatever its work said
                group.get(i).answer.completeExceptionally(connectionLost);
            } else {
                answer(group.get(i), outcomes.get(i), lost);
            }
        }
    }

    /**
     * After a failed BEGIN: on a lost PostgreSQL connection, which nothing of the group used yet
     * (typically one the server ended while it was idle), begins again on a new connection and
     * says so; otherwise answers the group with the failure and says the group cannot run.
     */
    private boolean beginAgain(List<Request<?>> group, SQLException failed) {
        if (source == null) {
            failAll(group, new StoreException("transaction failed: " + failed.getMessage(), failed));
            return false;
        }
        // the write lock may have failed after BEGIN, in a transaction that is now aborted
        rollbackQuietly();
        if (!LostConnection.lost(connection, failed)) {
            failAll(group, new StoreException("transaction failed: " + failed.getMessage(), failed));
            return false;
        }
        dropConnection();
        if (!reconnect(group, failed)) {
            return false;
        }
        try {
            transaction.beginWrite();
            return true;
        } catch (SQLException e) {
            rollbackQuietly();
            if (LostConnection.lost(connection, e)) {
                dropConnection();
                failAll(group, lostConnection("; this write was not saved", e));
            } else {
                failAll(group, new StoreException("transaction failed: " + e.getMessage(), e));
            }
            return false;
        }
    }

    /**
     * Opens a new connection and prepares the transaction statements on it, trying again after
     * each of {@link #RECONNECT_WAITS}; if none succeeds, answers the group with the failure (it
     * ran nothing) and says so. The next group tries again.
     */
    private boolean reconnect(List<Request<?>> group, SQLException cause) {
        SQLException last = cause;
        for (int attempt = 0; ; attempt++) {
            Connection fresh = null;
            try {
                fresh = source.getConnection();
                transaction = TransactionStatements.prepare(fresh, dialect);
                connection = fresh;
                return true;
            } catch (SQLException e) {
                last = e;
                closeQuietly(fresh);
            }
            if (attempt == RECONNECT_WAITS.length) {
                break;
            }
            sleepUninterruptibly(RECONNECT_WAITS[attempt]);
        }
        failAll(group, lostConnection("; cannot reconnect", last));
        return false;
    }

    /** Forgets a lost connection and what was prepared on it, closing what can still be closed. */
    private void dropConnection() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // the connection is gone; the statement with it
            }
        }
        statements.clear();
        try {
            transaction.close();
        } catch (SQLException ignored) {
            // as above
        }
        closeQuietly(connection);
        connection = null;
        transaction = null;
    }

    /** "the connection to the store was lost" + {@code then} + the cause, on one line. */
    private static StoreException lostConnection(String then, SQLException cause) {
        return new StoreException(
                "the connection to the store was lost" + then + ": "
                        + (cause == null ? "no connection" : cause.getMessage()),
                cause);
    }

    private static void failAll(List<Request<?>> group, StoreException failure) {
        group.forEach(r -> r.answer.completeExceptionally(failure));
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a lost connection may refuse even to close; nothing is left to release
        }
    }

    private static void sleepUninterruptibly(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        boolean interrupted = false;
        for (long left = millis; left > 0; left = (until - System.nanoTime()) / 1_000_000) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                interrupted = true; // nobody but close stops the writer, as in writeUntilClosed
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void answer(Request request, Outcome outcome, SQLException lost) {
        if (outcome.failure() != null) {
            request.answer.completeExceptionally(outcome.failure());
        } else if (lost != null) {
            request.answer.completeExceptionally(new StoreException("transaction failed: " + lost.getMessage(), lost));
        } else {
            request.answer.complete(new Done<>(outcome.value(), outcome.afterCommit()));
        }
    }

    private void requeue(List<Request<?>> notRun) {
        queue.addAll(notRun);
    }

    private void rollbackQuietly() {
        try {
            transaction.rollback().execute();
        } catch (SQLException ignored) {
            // SQLite may have rolled back already; the callers hear of the failure that caused it
        }
    }

    private static <T> Done<T> awaitUninterruptibly(CompletableFuture<Done<T>> answer) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    // keep waiting when interrupted: the work may commit anyway, and the caller
                    // must not be told it failed when it did not
                    return answer.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrow(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The work's own exception, as the caller would have seen it running the work itself. */
    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new StoreException("write failed: " + cause, cause);
    }

    /** One queued piece of write work; the closing marker has no work. */
    private static final class Request<T> {
        final int rank;
        final long sequence;
        final Database.TxWork<T> work;
        final CompletableFuture<Done<T>> answer = new CompletableFuture<>();

        Request(int rank, long sequence, Database.TxWork<T> work) {
            this.rank = rank;
            this.sequence = sequence;
            this.work = work;
        }
    }

    /** What a request left after running: its value and the work to run once it is durable. */
    private record Done<T>(T value, List<Runnable> afterCommit) {}

    /** A request's result inside the group, before the group's commit decides whether it stands. */
    private record Outcome(Object value, List<Runnable> afterCommit, Throwable failure) {}
}
