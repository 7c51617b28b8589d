package dev.phasebot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.support.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Who leads among replicas of one PostgreSQL database, on a real server: one leader, the others
 * standbys fenced out of the leader's work, and a standby that takes over when the leader stops,
 * dies, or goes silent. Take-over waits on the server, so these tests wait for it (bounded).
 */
class LeadershipTest {

    private PostgresServer.Database pg;
    private final List<AutoCloseable> opened = new java.util.ArrayList<>();

    @BeforeEach
    void database() {
        pg = PostgresServer.migratedDatabase();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable each : opened) {
            each.close();
        }
    }

    private Database replica() {
        Database replica = pg.open();
        opened.add(replica);
        return replica;
    }

    @Test
    void theFirstReplicaLeadsAndASecondWaitsAsAStandby() {
        Database first = replica();
        Database second = replica();

        assertTrue(first.leadership().held());
        assertEquals("leader", first.leadership().role());
        assertFalse(second.leadership().held());
        assertEquals("standby", second.leadership().role());
    }

    @Test
    void aStandbyIsRefusedTheLeadersWorkInsideItsOwnTransaction() {
        Database first = replica();
        Database second = replica();

        first.run(tx -> first.leadership().fence(tx));
        LeaseLostException refused = assertThrows(
                LeaseLostException.class,
                () -> second.run(tx -> second.leadership().fence(tx)));
        assertTrue(refused.getMessage().contains("does not hold the lease"), refused.getMessage());
    }

    @Test
    void aLeaderThatStopsHandsTheLeaseToTheStandbyWithinSeconds() {
        Database first = replica();
        Database second = replica();
        Duties duties = new Duties();
        second.leadership().start(duties);

        long stopped = System.nanoTime();
        first.close();
        opened.remove(first);

        awaitTrue(() -> second.leadership().held(), Duration.ofSeconds(5), "the standby took over");
        assertTrue(Duration.ofNanos(System.nanoTime() - stopped).compareTo(Duration.ofSeconds(5)) < 0);
        awaitTrue(() -> duties.calls.equals(List.of("lead")), Duration.ofSeconds(2), "the standby started to lead");
    }

    @Test
    void aLeaderWhoseSessionTheServerEndsStepsDownAndTheStandbyTakesOver() throws SQLException {
        Database first = replica();
        Duties firstDuties = new Duties();
        first.leadership().start(firstDuties);
        Database second = replica();
        assertEquals(List.of("lead"), firstDuties.calls);

        // As the server does to a session silent past idle_session_timeout, or cut off.
        terminateTheLeaseSession();

        awaitTrue(() -> second.leadership().held(), Duration.ofSeconds(5), "the standby took over");
        awaitTrue(
                () -> firstDuties.calls.equals(List.of("lead", "stepDown")),
                Duration.ofSeconds(5),
                "the old leader stepped down: " + firstDuties.calls);
        assertFalse(first.leadership().held());
        assertThrows(
                LeaseLostException.class,
                () -> first.run(tx -> first.leadership().fence(tx)));
    }

    @Test
    void aLeaderWhoseHeartbeatWentUnansweredForFiveSecondsFencesItselfBeforeTheServerCouldHandOver() {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(pg.url());
        source.setUser(pg.user());
        source.setPassword(pg.password());
        try (Database store = pg.open()) {
            store.leadership().close();
            Leadership frozen = Leadership.onPostgres(source, pg.url(), nanos::get);
            try {
                frozen.start();
                assertTrue(frozen.held());
                nanos.addAndGet(Leadership.VALID_FOR.toNanos() - 1);
                assertTrue(frozen.held(), "trusted up to five seconds after its last answered heartbeat");

                // A process frozen that long wakes with the lock perhaps still in the server's hands:
                nanos.addAndGet(2);
                assertFalse(frozen.held());
                assertThrows(LeaseLostException.class, () -> store.run(frozen::fence));
            } finally {
                frozen.close();
            }
        }
    }

    @Test
    void aLeaderThatStopsReleasesTheLockForOthersAtOnce() throws SQLException {
        Database first = replica();
        first.close();
        opened.remove(first);

        try (Connection other = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
                Statement sql = other.createStatement();
                var rs = sql.executeQuery("SELECT pg_try_advisory_lock(" + Leadership.KEY + ")")) {
            rs.next();
            assertTrue(rs.getBoolean(1), "nobody holds the lease once its leader stopped");
        }
    }

    private void terminateTheLeaseSession() throws SQLException {
        try (Connection admin = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
                Statement sql = admin.createStatement();
                var rs = sql.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                        + "AND granted AND objid::bigint = " + (Leadership.KEY & 0xffff_ffffL)
                        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            assertTrue(rs.next(), "the leader's session holds the lock");
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static final class Duties implements Leadership.Duties {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void lead() {
            calls.add("lead");
        }

        @Override
        public void stepDown() {
            calls.add("stepDown");
        }
    }
}
