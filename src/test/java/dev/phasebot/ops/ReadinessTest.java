package dev.phasebot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.Phasebot;
import dev.phasebot.command.Caller;
import dev.phasebot.delivery.Transport;
import dev.phasebot.delivery.Transport.DeliveryResult;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.delivery.Transport.SentRef;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.RecordingTransport;
import dev.phasebot.support.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /healthz} and {@code /readyz} on the admin port (Socket Mode and the console), over a
 * real bot: a real SQLite file, Quartz and the delivery thread, a real Jetty on a random loopback port.
 */
class ReadinessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final SettableClock clock = SettableClock.newYork("2026-11-24T09:00");
    private final HttpClient http = HttpClient.newHttpClient();
    private Phasebot bot;
    private AdminServer admin;

    @BeforeEach
    void open() throws Exception {
        bot = Fixtures.bot(dir.resolve("phasebot.db"), clock);
        admin = new AdminServer(
                new AdminSettings("127.0.0.1", 0),
                bot.opsPages()
                        .with(new HealthCheck(
                                "slack_auth",
                                () -> HealthCheck.Verdict.notApplicable("the console has no Slack token"))));
        admin.start();
    }

    @AfterEach
    void close() {
        admin.close();
        bot.close();
    }

    @Test
    void healthzAnswersOkOnTheAdminPortEvenBeforeTheBotStarts() throws Exception {
        HttpResponse<String> alive = get("/healthz");
        assertEquals(200, alive.statusCode());
        assertEquals("{\"status\":\"ok\"}", alive.body());
        assertEquals(
                "application/json; charset=utf-8",
                alive.headers().firstValue("content-type").orElseThrow());
    }

    @Test
    void beforeTheBotStartsReadinessIs503NamingTheSchedulerAndTheDeliveryWorker() throws Exception {
        HttpResponse<String> ready = get("/readyz");
        assertEquals(503, ready.statusCode(), ready.body());
        Map<String, JsonNode> checks = checks(ready);
        assertEquals("not ready", JSON.readTree(ready.body()).get("status").asText());
        assertTrue(checks.get("store").get("ok").asBoolean(), ready.body());
        assertFalse(checks.get("scheduler").get("ok").asBoolean(), ready.body());
        assertEquals("not started yet", checks.get("delivery").get("reason").asText());
    }

    @Test
    void aStartedBotIsReadyAndListsEveryCheckWithItsReason() throws Exception {
        bot.start(new RecordingTransport());
        HttpResponse<String> ready = get("/readyz");
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("ready", JSON.readTree(ready.body()).get("status").asText());
        Map<String, JsonNode> checks = checks(ready);
        assertEquals(List.of("store", "scheduler", "delivery", "pagers", "slack_auth"), List.copyOf(checks.keySet()));
        assertEquals(
                "not applicable: no pager is set up",
                checks.get("pagers").get("reason").asText());
        assertEquals("writable", checks.get("store").get("reason").asText());
        assertEquals("running", checks.get("scheduler").get("reason").asText());
        assertEquals(
                "not applicable: the console has no Slack token",
                checks.get("slack_auth").get("reason").asText());
        assertTrue(checks.values().stream().allMatch(c -> c.get("ok").asBoolean()), ready.body());
    }

    @Test
    void whenTheStoreRefusesWritesReadinessIs503NamingTheStore() throws Exception {
        bot.start(new RecordingTransport());
        // SQLite's own read-only state on the bot's connection: every write now fails with
        // SQLITE_READONLY, as on a file that became read-only. (Tests run as root, for whom a
        // chmod changes nothing, and an open file keeps the mode it was opened with anyway.)
        // On the writer's connection, where writes happen. The pragma is not transactional: it holds
        // even though the group it ran in cannot commit any more.
        try {
            bot.database().run(tx -> tx.update("PRAGMA query_only = ON"));
        } catch (dev.phasebot.store.StoreException readOnlyFromNowOn) {
            // expected: the commit of that very group is refused already
        }

        HttpResponse<String> ready = get("/readyz");

        assertEquals(503, ready.statusCode(), ready.body());
        JsonNode store = checks(ready).get("store");
        assertFalse(store.get("ok").asBoolean(), ready.body());
        assertTrue(store.get("reason").asText().startsWith("cannot write: "), ready.body());
        assertTrue(checks(ready).get("scheduler").get("ok").asBoolean(), "only the store is named: " + ready.body());
    }

    @Test
    void whenTheDeliveryWorkerHasStoppedReadinessIs503NamingDelivery() throws Exception {
        bot.start(new RecordingTransport());
        bot.worker().close();

        HttpResponse<String> ready = get("/readyz");

        assertEquals(503, ready.statusCode(), ready.body());
        assertEquals(
                "the delivery thread is not running",
                checks(ready).get("delivery").get("reason").asText());
    }

    @Test
    void aWorkerStuckOnACallThatNeverReturnsTurnsReadinessTo503OnceTheOldestMessageWaitedTenMinutes() throws Exception {
        StuckTransport stuck = new StuckTransport();
        bot.start(stuck);
        try {
            bot.dispatcher().handle(Caller.agent("qa-engineer"), "/incident", "raise HIGH CI runners are down");
            assertTrue(stuck.entered.await(30, TimeUnit.SECONDS), "the worker took the message");
            assertEquals(200, get("/readyz").statusCode(), "a message in flight for no time is no problem");

            clock.tick(Duration.ofMinutes(11));
            HttpResponse<String> ready = get("/readyz");

            assertEquals(503, ready.statusCode(), ready.body());
            JsonNode delivery = checks(ready).get("delivery");
            assertFalse(delivery.get("ok").asBoolean());
            assertTrue(
                    delivery.get("reason")
                            .asText()
                            .startsWith("the oldest pending message has waited 11 min, over the " + "10 min limit"),
                    ready.body());
        } finally {
            stuck.release.countDown();
        }
    }

    @Test
    void onlyGetIsAnsweredAndOtherPathsAre404() throws Exception {
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(uri("/readyz"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("allow").orElseThrow());
        assertEquals(404, get("/slack/events").statusCode(), "the admin port carries no Slack requests");
        assertTrue(get("/healthz").headers().firstValue("server").isEmpty(), "no Server header");
    }

    /** Takes every delivery and answers none until released: a Slack call hanging forever. */
    private static final class StuckTransport implements Transport {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public DeliveryResult deliver(OutgoingDelivery delivery) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new DeliveryResult.Sent(new SentRef("C1", "1.0"));
        }
    }

    private Map<String, JsonNode> checks(HttpResponse<String> response) throws Exception {
        JsonNode list = JSON.readTree(response.body()).get("checks");
        Map<String, JsonNode> byName = new java.util.LinkedHashMap<>();
        StreamSupport.stream(list.spliterator(), false)
                .forEach(c -> byName.put(c.get("name").asText(), c));
        return byName;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + admin.port() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
