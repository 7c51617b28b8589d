package dev.phasebot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.Phasebot;
import dev.phasebot.ops.AdminServer;
import dev.phasebot.ops.AdminSettings;
import dev.phasebot.ops.HealthCheck;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.PostgresServer;
import dev.phasebot.support.RecordingTransport;
import dev.phasebot.support.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store on PostgreSQL outlives its connections: the server ends every session of the bot's
 * (pg_terminate_backend, as a restart, a failover or a session timeout would), and what comes
 * next works on new connections, with an error only for a write the loss cut in the middle.
 */
class PostgresReconnectTest {

    private PostgresServer.Database pg;
    private Database db;

    @BeforeEach
    void open() {
        pg = PostgresServer.migratedDatabase();
        db = pg.open();
    }

    @AfterEach
    void close() {
        PostgresServer.allowConnections(pg.name(), true);
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aWriteAfterTheServerEndedTheConnectionsSucceedsWithNoError() {
        db.run(tx -> insert(tx, "before"));
        assertTrue(PostgresServer.terminateConnections(pg.name()) > 0, "the bot's sessions were ended");

        db.run(tx -> insert(tx, "after"));

        assertEquals(2, count(db));
    }

    @Test
    void everyReadAfterTheServerEndedTheConnectionsSucceeds() {
        db.run(tx -> insert(tx, "before"));
        PostgresServer.terminateConnections(pg.name());

        // more reads than reading connections, so that every one of them was lost and replaced
        for (int i = 0; i < 10; i++) {
            assertEquals(1, count(db), "read " + i);
        }
    }

    @Test
    void aWriteWhoseConnectionIsLostMidwayFailsClearlyLeavesNothingHalfWrittenAndTheNextWriteSucceeds() {
        StoreException lost = assertThrows(
                StoreException.class,
                () -> db.run(tx -> {
                    insert(tx, "first half");
                    PostgresServer.terminateConnections(pg.name());
                    insert(tx, "second half");
                }));

        assertTrue(
                lost.getMessage().startsWith("the connection to the store was lost; this write was not saved: "),
                lost.getMessage());
        assertEquals(0, count(db), "nothing of the cut write is in the store");
        db.run(tx -> insert(tx, "next"));
        assertEquals(1, count(db));
    }

    @Test
    void writesQueuedInTheSameGroupAsTheCutOneStillCommitOnANewConnection() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            // the first write holds the writer, so the next two are taken together, as one group
            Future<?> first = callers.submit(() -> db.run(tx -> {
                holding.countDown();
                await(release);
            }));
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            Future<?> cut = callers.submit(() -> db.run(tx -> {
                insert(tx, "cut");
                PostgresServer.terminateConnections(pg.name());
                insert(tx, "cut, second half");
            }));
            while (db.queuedWrites() < 1) {
                Thread.onSpinWait();
            }
            Future<?> queued = callers.submit(() -> db.run(tx -> insert(tx, "queued behind")));
            while (db.queuedWrites() < 2) {
                Thread.onSpinWait();
            }
            release.countDown();

            first.get(10, TimeUnit.SECONDS);
            ExecutionException lost = assertThrows(ExecutionException.class, () -> cut.get(10, TimeUnit.SECONDS));
            assertTrue(lost.getCause().getMessage().startsWith("the connection to the store was lost"));
            queued.get(10, TimeUnit.SECONDS);
            assertEquals(
                    List.of("queued behind"),
                    db.read(tx -> tx.query("SELECT action FROM audit_log", rs -> rs.getString(1))));
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aWriteWhileTheServerRefusesConnectionsFailsClearlyAndTheOneAfterItComesBackSucceeds() {
        PostgresServer.allowConnections(pg.name(), false);
        PostgresServer.terminateConnections(pg.name());

        StoreException down = assertThrows(StoreException.class, () -> db.run(tx -> insert(tx, "while down")));
        assertTrue(
                down.getMessage().startsWith("the connection to the store was lost; cannot reconnect: "),
                down.getMessage());

        PostgresServer.allowConnections(pg.name(), true);
        db.run(tx -> insert(tx, "back"));
        assertEquals(1, count(db));
    }

    @Test
    void readinessStaysReadyWhenTheConnectionsAreEndedIs503OnlyWhileTheServerCannotBeReachedThenReadyAgain()
            throws Exception {
        SettableClock clock = SettableClock.newYork("2026-11-24T10:00");
        HttpClient http = HttpClient.newHttpClient();
        db.close(); // one process per database: the bot opens its own
        db = null;
        try (Phasebot bot = new Phasebot(Fixtures.shippedConfig(), pg.open(), clock, true)) {
            bot.start(new RecordingTransport());
            try (AdminServer admin = new AdminServer(
                    new AdminSettings("127.0.0.1", 0),
                    bot.opsPages()
                            .with(new HealthCheck("slack_auth", () -> HealthCheck.Verdict.notApplicable("console"))))) {
                admin.start();
                URI readyz = URI.create("http://127.0.0.1:" + admin.port() + "/readyz");
                assertEquals(200, status(http, readyz), "ready before anything happens");

                PostgresServer.terminateConnections(pg.name());
                assertEquals(200, status(http, readyz), "the server is there: the store reconnects at once");

                PostgresServer.allowConnections(pg.name(), false);
                PostgresServer.terminateConnections(pg.name());
                HttpResponse<String> down = get(http, readyz);
                assertEquals(503, down.statusCode(), down.body());
                JsonNode store = check(down, "store");
                assertFalse(store.get("ok").asBoolean(), down.body());
                assertTrue(
                        store.get("reason")
                                .asText()
                                .startsWith("cannot write: the connection to the store was lost; cannot reconnect: "),
                        down.body());

                PostgresServer.allowConnections(pg.name(), true);
                HttpResponse<String> back = get(http, readyz);
                assertEquals(200, back.statusCode(), back.body());
            }
        }
    }

    private static void insert(Tx tx, String action) {
        tx.update("INSERT INTO audit_log(at, actor, action) VALUES (1, 'test', ?)", action);
    }

    private static int count(Database db) {
        return db.read(tx -> tx.queryOne("SELECT count(*) FROM audit_log", rs -> rs.getInt(1)))
                .orElseThrow();
    }

    private static int status(HttpClient http, URI uri) throws Exception {
        HttpResponse<String> response = get(http, uri);
        return response.statusCode();
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode check(HttpResponse<String> response, String name) throws Exception {
        JsonNode checks = new ObjectMapper().readTree(response.body()).get("checks");
        return StreamSupport.stream(checks.spliterator(), false)
                .filter(c -> c.get("name").asText().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
