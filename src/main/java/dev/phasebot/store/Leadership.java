package dev.phasebot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which process runs the schedules, the timers and delivery: the leader. On a SQLite file there
 * is one process (its file lock keeps a second out), always the leader. On PostgreSQL any number
 * of replicas share the database, and the leader is the one whose own connection holds a session
 * advisory lock: the server itself decides, and frees the lock when that session ends.
 *
 * <p>A session ends at once when its process dies (the kernel closes the socket) or stops cleanly
 * ({@link #close} unlocks), so a standby polling every {@link #POLL} takes over within about a
 * second. A frozen or cut-off leader's session goes quiet; the server ends it after
 * {@link #SERVER_IDLE_TIMEOUT} of silence ({@code idle_session_timeout}, kept from firing on a live
 * leader by a heartbeat every {@link #POLL}). The leader stops counting itself leader
 * {@link #VALID_FOR} after the start of its last answered heartbeat, before the server could have
 * given the lock to anyone else: a leader that wakes from a freeze finds itself fenced before it
 * can learn why, and the writes that matter check the lock in their own transaction too
 * ({@link #fence}).
 */
public final class Leadership implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Leadership.class);

    /** How often a standby asks for the lock and the leader proves it is alive. */
    static final Duration POLL = Duration.ofSeconds(1);
    /** How long the server keeps a silent session (and its lock): the take-over bound for a frozen leader. */
    static final Duration SERVER_IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** How long the leader trusts an answered heartbeat: well inside the server's timeout. */
    static final Duration VALID_FOR = Duration.ofSeconds(5);

    /** The advisory lock's key: one leader per database, whatever else shares the server. */
    static final long KEY = 0x70686173_65626f74L;

    /** What becoming leader and losing the lease start and stop; called on the lease's thread. */
    public interface Duties {
        void lead();

        void stepDown();
    }

    private final DataSource source;
    private final String name;
    private final LongSupplier nanos;
    private final Object lock = new Object();
    private Connection session;
    private volatile int sessionPid;
    /** {@link System#nanoTime()} until which this process may act as leader; 0 when it may not. */
    private volatile long validUntil;

    private volatile boolean alone;
    private volatile boolean closed;
    private boolean started;
    private volatile Duties duties;
    private Thread thread;
    /** Runs the duties' starts and stops in the order the lease came and went, off the heartbeat. */
    private final ExecutorService dutyThread = Executors.newSingleThreadExecutor(work -> {
        Thread t = new Thread(work, "phasebot-leader");
        t.setDaemon(true);
        return t;
    });

    private Leadership(DataSource source, String name, boolean alone, LongSupplier nanos) {
        this.source = source;
        this.name = name;
        this.alone = alone;
        this.nanos = nanos;
    }

    /** The one process on a file: always the leader. */
    static Leadership alone() {
        return new Leadership(null, "the file", true, System::nanoTime);
    }

    /** A replica of {@code name}, leading while a session from {@code source} holds the lock. */
    static Leadership onPostgres(DataSource source, String name) {
        return onPostgres(source, name, System::nanoTime);
    }

    /** The same with {@code nanos} as its clock for the lease's trust (tests freeze or skip time). */
    static Leadership onPostgres(DataSource source, String name, LongSupplier nanos) {
        return new Leadership(source, name, false, nanos);
    }

    /**
     * Starts taking part, if not yet (see {@link #start()}), with {@code duties} started now if
     * this process leads, and later started and stopped as the lease comes and goes: on a thread
     * of their own, in the order the lease came and went, so a long start never delays a heartbeat.
     */
    public void start(Duties duties) {
        synchronized (lock) {
            if (this.duties != null) {
                throw new IllegalStateException("leadership has its duties already");
            }
            this.duties = duties;
        }
        start();
        if (held()) {
            duties.lead();
        }
    }

    /**
     * Starts taking part, once: one try for the lock now, in the caller's thread (so a process
     * with no rival leads as soon as this returns, as a test or the console expects), then a
     * thread that keeps trying as a standby, or keeps the lease as the leader.
     */
    public void start() {
        synchronized (lock) {
            if (started || alone) {
                return;
            }
            started = true;
        }
        step();
        thread = new Thread(this::loop, "phasebot-lease");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether this process may act as leader now: on PostgreSQL, its lease is fresh. */
    public boolean held() {
        return alone || (validUntil != 0 && nanos.getAsLong() - validUntil < 0);
    }

    /** "leader" or "standby", as {@code /readyz} and the logs say it. */
    public String role() {
        return held() ? "leader" : "standby";
    }

    /**
     * Refuses, in {@code tx}, work only the leader may do (firing a timer, sending a message) when
     * this process is not the leader: by its own clock first, then by asking the database whether
     * this process's session still holds the lock, in the same transaction that claims the work.
     */
    public void fence(Tx tx) {
        if (alone) {
            return;
        }
        if (!held()) {
            throw new LeaseLostException(name);
        }
        boolean holds = tx.queryOne(
                        "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = ? "
                                + "AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1 "
                                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                        rs -> true,
                        sessionPid,
                        KEY >>> 32,
                        KEY & 0xffff_ffffL)
                .isPresent();
        if (!holds) {
            throw new LeaseLostException(name);
        }
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            boolean wasLeading = validUntil != 0;
            boolean leading = step();
            Duties assigned = duties;
            if (assigned != null && leading && !wasLeading) {
                onDutyThread(() -> leadOrGiveUp(assigned), "starting the leader's work");
            } else if (assigned != null && !leading && wasLeading) {
                onDutyThread(assigned::stepDown, "stopping the leader's work");
            }
        }
    }

    /**
     * A leader that cannot start its work (the store failing meanwhile, say) must not keep the
     * lease that keeps every standby from doing it: it gives the lease up, and tries again later.
     */
    private void leadOrGiveUp(Duties assigned) {
        try {
            assigned.lead();
        } catch (RuntimeException e) {
            synchronized (lock) {
                if (validUntil != 0) {
                    lost("starting the leader's work failed: " + e.getMessage());
                    dropSession();
                }
            }
            assigned.stepDown();
            throw e;
        }
    }

    private void onDutyThread(Runnable work, String what) {
        try {
            dutyThread.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.error("{} failed", what, e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("{}: skipped, the replica is stopping", what);
        }
    }

    /**
     * One beat: a standby asks for the lock; the leader checks that it still has it (which also
     * keeps its session from going idle). Returns whether this process leads after it.
     */
    private boolean step() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            long started = nanos.getAsLong();
            boolean leading = validUntil != 0;
            try {
                if (session == null) {
                    session = source.getConnection();
                    sessionPid = pid(session);
                }
                if (leading ? heartbeat(session) : tryLock(session)) {
                    validUntil = started + VALID_FOR.toNanos();
                    if (!leading) {
                        log.info("lease taken: this replica is the leader of {} (session {})", name, sessionPid);
                    }
                    return true;
                }
                if (leading) {
                    lost("the lock is no longer held by this session");
                }
            } catch (SQLException | RuntimeException e) {
                if (leading) {
                    lost(e.getMessage());
                } else {
                    log.debug("standby cannot ask for the lease on {}: {}", name, e.getMessage());
                }
                dropSession();
            }
            return false;
        }
    }

    private void lost(String why) {
        validUntil = 0;
        log.warn("lease lost: this replica of {} is a standby now ({})", name, why);
    }

    private static boolean tryLock(Connection session) throws SQLException {
        try (PreparedStatement take = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            take.setLong(1, KEY);
            try (ResultSet rs = take.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Counts as a heartbeat for the server's idle timeout, and says whether the lock is still ours. */
    private boolean heartbeat(Connection session) throws SQLException {
        try (PreparedStatement mine = session.prepareStatement(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                                + "AND pid = pg_backend_pid() AND classid::bigint = ? AND objid::bigint = ?");
                ResultSet rs = executeQuery(mine)) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }

    private static ResultSet executeQuery(PreparedStatement statement) throws SQLException {
        statement.setLong(1, KEY >>> 32);
        statement.setLong(2, KEY & 0xffff_ffffL);
        return statement.executeQuery();
    }

    private static int pid(Connection session) throws SQLException {
        try (PreparedStatement pid = session.prepareStatement("SELECT pg_backend_pid()");
                ResultSet rs = pid.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void dropSession() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // the session is being given up
            }
            session = null;
        }
    }

    /** Stops taking part; a leader steps down and unlocks, so a standby takes over at its next poll. */
    @Override
    public void close() {
        Thread running;
        boolean wasLeading;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            running = thread;
            wasLeading = !alone && validUntil != 0;
            validUntil = 0;
        }
        if (running != null) {
            running.interrupt();
        }
        dutyThread.shutdown();
        try {
            dutyThread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (wasLeading && duties != null) {
            try {
                duties.stepDown();
            } catch (RuntimeException e) {
                log.error("stopping the leader's work failed", e);
            }
        }
        synchronized (lock) {
            if (wasLeading && session != null) {
                try (PreparedStatement unlock = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, KEY);
                    unlock.execute();
                    log.info("lease released: this replica of {} stopped", name);
                } catch (SQLException e) {
                    log.warn(
                            "the lease of {} was not released ({}); the server frees it as the session ends",
                            name,
                            e.getMessage());
                }
            }
            dropSession();
        }
    }
}
