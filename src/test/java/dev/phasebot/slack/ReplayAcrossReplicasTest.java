package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.phasebot.store.Database;
import dev.phasebot.support.PostgresServer;
import dev.phasebot.support.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas on one PostgreSQL database, each checking Slack's signatures with its own
 * verifier: a request one of them accepted is a replay to the other.
 */
class ReplayAcrossReplicasTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private final SettableClock clock = SettableClock.newYork("2026-11-24T09:00");
    private final byte[] body = "token=x&command=%2Fstandup&text=status".getBytes(StandardCharsets.UTF_8);
    private Database storeA;
    private Database storeB;
    private SlackRequestVerifier replicaA;
    private SlackRequestVerifier replicaB;

    @TempDir
    Path dir;

    @BeforeEach
    void twoReplicas() {
        PostgresServer.Database pg = PostgresServer.migratedDatabase();
        storeA = pg.open();
        storeB = pg.open();
        replicaA = new SlackRequestVerifier(SECRET, storeA, clock);
        replicaB = new SlackRequestVerifier(SECRET, storeB, clock);
    }

    @AfterEach
    void close() {
        storeA.close();
        storeB.close();
    }

    @Test
    void aSignedRequestAcceptedByOneReplicaIsRefusedAsAReplayByAnother() {
        String ts = now();
        String signature = SlackRequestVerifier.sign(SECRET, ts, body);
        assertNull(replicaA.refusal(ts, signature, body));
        clock.tick(Duration.ofSeconds(10));

        assertEquals("replayed request", replicaB.refusal(ts, signature, body));
        assertEquals("replayed request", replicaA.refusal(ts, signature, body));
    }

    @Test
    void aSignatureIsRememberedToTheWindowsLastMillisecondAndForgottenOnceOnlyTheWindowRefusesIt() {
        String ts = now();
        String signature = SlackRequestVerifier.sign(SECRET, ts, body);
        assertNull(replicaA.refusal(ts, signature, body));

        // The last millisecond its timestamp is still inside the window, after B has swept.
        clock.tick(SlackRequestVerifier.WINDOW.plusMillis(999));
        assertNull(replicaB.refusal(now(), SlackRequestVerifier.sign(SECRET, now(), other(1)), other(1)));
        assertEquals("replayed request", replicaB.refusal(ts, signature, body));

        // Long past the window: the request is refused for its timestamp, and its row is gone.
        clock.tick(Duration.ofMinutes(11));
        assertEquals("timestamp outside the five-minute window", replicaB.refusal(ts, signature, body));
        String later = now();
        String laterSignature = SlackRequestVerifier.sign(SECRET, later, other(2));
        assertNull(replicaB.refusal(later, laterSignature, other(2)));
        assertEquals(List.of(laterSignature), seen(storeA));
    }

    @Test
    void aReplicaWhoseClockRunsAMinuteAheadDoesNotForgetASignatureAnotherWouldStillAccept() {
        String ts = now();
        String signature = SlackRequestVerifier.sign(SECRET, ts, body);
        assertNull(replicaA.refusal(ts, signature, body));
        clock.tick(Duration.ofSeconds(299));

        SettableClock ahead = new SettableClock(clock.instant().plus(Duration.ofMinutes(1)), clock.getZone());
        SlackRequestVerifier hurried = new SlackRequestVerifier(SECRET, storeB, ahead);
        String its = Long.toString(ahead.millis() / 1000);
        assertNull(hurried.refusal(its, SlackRequestVerifier.sign(SECRET, its, other(1)), other(1)));

        assertEquals("replayed request", replicaA.refusal(ts, signature, body));
    }

    @Test
    void onASQLiteFileTheVerifierRemembersInMemoryAndWritesNothing() {
        try (Database file = Database.open(dir.resolve("phasebot.db"))) {
            SlackRequestVerifier verifier = new SlackRequestVerifier(SECRET, file, clock);
            String signature = SlackRequestVerifier.sign(SECRET, now(), body);

            assertNull(verifier.refusal(now(), signature, body));
            assertEquals("replayed request", verifier.refusal(now(), signature, body));
            assertEquals(List.of(), seen(file));
        }
    }

    private byte[] other(int n) {
        return ("token=x&command=%2Fstandup&text=status+" + n).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> seen(Database store) {
        return store.read(tx -> tx.query("SELECT signature FROM slack_request_seen", rs -> rs.getString(1)));
    }

    private String now() {
        return Long.toString(clock.millis() / 1000);
    }
}
