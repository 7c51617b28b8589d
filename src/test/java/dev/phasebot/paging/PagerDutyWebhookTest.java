package dev.phasebot.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.phasebot.Phasebot;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ConfigException;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.incident.Act;
import dev.phasebot.incident.Incident;
import dev.phasebot.incident.IncidentDetail;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.slack.SlackRuntime;
import dev.phasebot.slack.SlackSettings;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SettableClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PagerDuty's v3 webhooks on the Slack request port: a real bot over a SQLite file, its HTTP
 * server on a random loopback port, events signed with the subscription's secret as PagerDuty
 * signs them, and a stand-in for PagerDuty's users API where a test needs one.
 */
class PagerDutyWebhookTest {

    private static final String SECRET = "pd-webhook-secret";
    private static final String LEAD = "senior-system-developer";
    /** PagerDuty users the plan below maps by config. */
    private static final String PAGING =
            "paging:\n  pagerduty_users:\n    PLEAD01: " + LEAD + "\n    PDEVOPS: devops-engineer\n";

    @TempDir
    Path dir;

    private final SettableClock clock = SettableClock.newYork("2026-11-24T09:00");
    private final HttpClient http = HttpClient.newHttpClient();
    private final PagerDutyWebhookSignature signer = new PagerDutyWebhookSignature(SECRET);
    private FakeSlackApi slackApi;
    private Phasebot bot;
    private SlackRuntime slack;
    private HttpServer pagerDutyApi;
    private final List<String> userLookups = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (slack != null) {
            slack.close();
        }
        if (bot != null) {
            bot.close();
        }
        if (slackApi != null) {
            slackApi.close();
        }
        if (pagerDutyApi != null) {
            pagerDutyApi.stop(0);
        }
    }

    /** The bot on {@code configText}, its request port started with the environment {@code env}. */
    private void start(String configText, Map<String, String> env) throws Exception {
        BotConfig config = new ConfigLoader().parse("bot-config.yml", configText);
        slackApi = new FakeSlackApi();
        bot = new Phasebot(config, Fixtures.store(dir.resolve("phasebot.db")), clock, false);
        slack = new SlackRuntime(
                SlackSettings.http("xoxb-test-token", "slack-secret", slackApi.url(), "127.0.0.1", 0),
                bot.dispatcher(),
                bot.standupCommands(),
                bot.incidentCommands(),
                bot.agents(),
                clock,
                bot.opsPages(),
                bot.meters(),
                PagerDutyWebhookHandler.onRequestPort(
                        bot.api(), PagerDutyWebhookSettings.fromEnvironment(env), bot, clock),
                bot.database());
        slack.start();
    }

    private void startMapped() throws Exception {
        start(Fixtures.shippedConfigText() + "\n" + PAGING, Map.of("PHASEBOT_PAGERDUTY_WEBHOOK_SECRET", SECRET));
    }

    private long raiseCritical() {
        return bot.incidents()
                .raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, "T4"))
                .id();
    }

    private Incident incident(long id) {
        return ((IncidentDetail.Visible) bot.incidentQueries().show(LEAD, id)).incident();
    }

    /** A v3 webhook payload as PagerDuty sends it, for the incident phasebot triggered as {@code incidentKey}. */
    private static String event(String eventId, String type, String incidentKey, String userId) {
        return """
                {"event":{"id":"%s","event_type":"%s","resource_type":"incident",\
                "occurred_at":"2026-11-24T14:01:00.000Z",\
                "agent":{"html_url":"https://acme.pagerduty.com/users/%s","id":"%s",\
                "self":"https://api.pagerduty.com/users/%s","summary":"Pat On-Call","type":"user_reference"},\
                "client":null,\
                "data":{"id":"Q1ABCDEF","type":"incident","self":"https://api.pagerduty.com/incidents/Q1ABCDEF",\
                "html_url":"https://acme.pagerduty.com/incidents/Q1ABCDEF","number":42,"status":"acknowledged",\
                "incident_key":"%s","title":"CRITICAL incident","urgency":"high"}}}""".formatted(eventId, type, userId, userId, userId, incidentKey);
    }

    private HttpResponse<String> post(String body, String signatureHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + slack.port() + PagerDutyWebhookHandler.PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signatureHeader != null) {
            request.header("X-PagerDuty-Signature", signatureHeader);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postSigned(String body) throws Exception {
        return post(body, signer.header(body.getBytes(StandardCharsets.UTF_8)));
    }

    private double counted(String outcome) {
        var counter = bot.meters()
                .find("phasebot.pagerduty.webhook.events")
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aSignedAcknowledgedEventAcknowledgesTheIncidentAsTheMappedAgent() throws Exception {
        startMapped();
        long id = raiseCritical();
        clock.at("09:03");

        HttpResponse<String> answer =
                postSigned(event("E-ack-1", "incident.acknowledged", "phasebot-incident-" + id, "PLEAD01"));

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("acted", answer.body());
        assertEquals(LEAD, incident(id).acknowledgedBy());
        assertEquals(clock.instant(), incident(id).acknowledgedAt());
        assertEquals(1, counted("acted"));
    }

    @Test
    void aSignedResolvedEventResolvesTheIncidentAsTheMappedAgent() throws Exception {
        startMapped();
        long id = raiseCritical();

        HttpResponse<String> answer =
                postSigned(event("E-res-1", "incident.resolved", "phasebot-incident-" + id, "PLEAD01"));

        assertEquals(200, answer.statusCode(), answer.body());
        Incident resolved = incident(id);
        assertTrue(resolved.resolved(), "resolved in phasebot too");
        assertEquals(LEAD, resolved.resolvedBy());
        assertEquals("resolved in PagerDuty", resolved.resolution());
        // Only its room's archive is left.
        assertTrue(
                bot.timers().pending().stream().allMatch(t -> t.kind().equals("incident-room-archive")),
                "the escalation clock stopped with it");
    }

    @Test
    void aRedeliveredEventActsOnceEvenAfterARestart() throws Exception {
        startMapped();
        long id = raiseCritical();
        String ack = event("E-ack-2", "incident.acknowledged", "phasebot-incident-" + id, "PLEAD01");
        assertEquals("acted", postSigned(ack).body());
        // Someone else acts meanwhile; the redelivered event must not act again on top.
        String resolve = event("E-res-2", "incident.resolved", "phasebot-incident-" + id, "PLEAD01");
        assertEquals("acted", postSigned(resolve).body());

        HttpResponse<String> again = postSigned(resolve);

        assertEquals(200, again.statusCode(), "answered as handled, so PagerDuty stops redelivering");
        assertEquals("repeated", again.body());
        assertEquals(1, counted("repeated"));
        // The memory is the store's: a restarted bot (or another replica) knows the event too.
        slack.close();
        bot.close();
        slackApi.close();
        slack = null;
        bot = null;
        slackApi = null;
        startMapped();
        assertEquals("repeated", postSigned(ack).body());
        assertEquals(
                1,
                bot.database()
                        .read(tx -> tx.query(
                                "SELECT event_id FROM pagerduty_webhook_seen WHERE event_id = ?",
                                rs -> rs.getString(1),
                                "E-ack-2"))
                        .size());
    }

    @Test
    void aBadOrMissingSignatureIsRefusedWith401AndChangesNothing() throws Exception {
        startMapped();
        long id = raiseCritical();
        String body = event("E-forged", "incident.resolved", "phasebot-incident-" + id, "PLEAD01");
        String otherSecrets =
                new PagerDutyWebhookSignature("not-the-secret").header(body.getBytes(StandardCharsets.UTF_8));

        assertEquals(401, post(body, null).statusCode(), "no signature");
        assertEquals(401, post(body, otherSecrets).statusCode(), "signed with another secret");
        assertEquals(401, post(body, "v1=zz," + otherSecrets).statusCode(), "nothing valid among several");
        String signed = signer.header(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(
                401, post(body.replace("PLEAD01", "PDEVOPS"), signed).statusCode(), "a body changed after signing");

        assertFalse(incident(id).resolved());
        assertNull(incident(id).acknowledgedAt());
        assertEquals(
                List.of(),
                bot.database()
                        .read(tx -> tx.query("SELECT event_id FROM pagerduty_webhook_seen", rs -> rs.getString(1))),
                "a refused request is not remembered either");
    }

    @Test
    void anyOneOfSeveralSignaturesMatchingIsEnoughWhileTheSecretIsRotated() throws Exception {
        startMapped();
        long id = raiseCritical();
        String body = event("E-rotated", "incident.acknowledged", "phasebot-incident-" + id, "PLEAD01");
        String old = new PagerDutyWebhookSignature("old-secret").header(body.getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> answer = post(body, old + ", " + signer.header(body.getBytes(StandardCharsets.UTF_8)));

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(LEAD, incident(id).acknowledgedBy());
    }

    @Test
    void anIncidentKeyPhasebotDidNotTriggerOrAnUnmappedUserChangesNothing() throws Exception {
        startMapped();
        long id = raiseCritical();

        HttpResponse<String> foreign = postSigned(event("E-f", "incident.acknowledged", "db-disk-full-17", "PLEAD01"));
        HttpResponse<String> lookalike =
                postSigned(event("E-l", "incident.acknowledged", "phasebot-incident-" + id + "-staging", "PLEAD01"));
        HttpResponse<String> unknown =
                postSigned(event("E-u", "incident.acknowledged", "phasebot-incident-" + (id + 40), "PLEAD01"));
        HttpResponse<String> stranger =
                postSigned(event("E-s", "incident.resolved", "phasebot-incident-" + id, "PSTRANGER"));

        assertEquals(200, foreign.statusCode());
        assertEquals("ignored", foreign.body());
        assertEquals("ignored", lookalike.body(), "another phasebot's key only looks like ours");
        assertEquals(200, unknown.statusCode());
        assertEquals("already_done", unknown.body(), "no open incident of that number here");
        assertEquals(200, stranger.statusCode(), "PagerDuty must not retry what the config has to fix");
        assertEquals("unmapped", stranger.body());
        assertNull(incident(id).acknowledgedAt());
        assertFalse(incident(id).resolved());
    }

    @Test
    void otherEventTypesAndChangesByAServiceAreIgnored() throws Exception {
        startMapped();
        long id = raiseCritical();
        String byService = event("E-svc", "incident.acknowledged", "phasebot-incident-" + id, "PLEAD01")
                .replace("\"type\":\"user_reference\"", "\"type\":\"service_reference\"");

        assertEquals(
                "ignored",
                postSigned(event("E-t", "incident.triggered", "phasebot-incident-" + id, "PLEAD01"))
                        .body());
        assertEquals("ignored", postSigned(byService).body());
        assertNull(incident(id).acknowledgedAt());
    }

    @Test
    void phasebotsOwnAcknowledgeComingBackFromPagerDutyIsAQuietNoOp() throws Exception {
        startMapped();
        long id = raiseCritical();
        bot.incidents().act("ml-engineer", id, Act.ACKNOWLEDGE, "");
        bot.incidents().resolve(LEAD, id, "fixed the pipeline");

        HttpResponse<String> ack =
                postSigned(event("E-echo-1", "incident.acknowledged", "phasebot-incident-" + id, "PLEAD01"));
        HttpResponse<String> resolve =
                postSigned(event("E-echo-2", "incident.resolved", "phasebot-incident-" + id, "PLEAD01"));

        assertEquals("already_done", ack.body());
        assertEquals("already_done", resolve.body());
        assertEquals("ml-engineer", incident(id).acknowledgedBy(), "the first acknowledgement stands");
        assertEquals("fixed the pipeline", incident(id).resolution());
        assertEquals(0, counted("refused"), "nothing was refused: no WARN for phasebot's own change");
    }

    @Test
    void anAgentWhoMayNotActIsRefusedHereAndAnswered200() throws Exception {
        startMapped();
        long id = raiseCritical();

        HttpResponse<String> answer =
                postSigned(event("E-dev", "incident.resolved", "phasebot-incident-" + id, "PDEVOPS"));

        assertEquals(200, answer.statusCode(), "a refusal will not change on a retry");
        assertEquals("refused", answer.body());
        assertFalse(incident(id).resolved(), "only the lead may resolve in the shipped plan");
    }

    @Test
    void malformedJsonIs400WithOneLine() throws Exception {
        startMapped();

        HttpResponse<String> notJson = postSigned("{\"event\": ");
        HttpResponse<String> noEvent = postSigned("{\"messages\": []}");
        HttpResponse<String> noId = postSigned("{\"event\": {\"event_type\": \"incident.acknowledged\"}}");

        assertEquals(400, notJson.statusCode());
        assertEquals("bad request: the body is not JSON", notJson.body());
        assertEquals(400, noEvent.statusCode());
        assertEquals(400, noId.statusCode());
        assertFalse(noId.body().contains("\n") || noId.body().contains("Exception"), noId.body());
    }

    @Test
    void aUserNotInTheConfigIsMatchedByEmailThroughPagerDutysUsersApiOnce() throws Exception {
        pagerDutyApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pagerDutyApi.createContext("/users/", exchange -> {
            userLookups.add(exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("Accept"));
            byte[] user = "{\"user\":{\"id\":\"PMAIL01\",\"type\":\"user\",\"email\":\"Lead@Example.com\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, user.length);
            exchange.getResponseBody().write(user);
            exchange.close();
        });
        pagerDutyApi.start();
        String withEmail = Fixtures.shippedConfigText()
                .replace("  - id: " + LEAD + "\n", "  - id: " + LEAD + "\n    email: lead@example.com\n");
        start(
                withEmail,
                Map.of(
                        "PHASEBOT_PAGERDUTY_WEBHOOK_SECRET",
                        SECRET,
                        "PHASEBOT_PAGERDUTY_API_TOKEN",
                        "pd-rest-token",
                        "PHASEBOT_PAGERDUTY_API_URL",
                        "http://127.0.0.1:" + pagerDutyApi.getAddress().getPort()));
        long first = raiseCritical();
        long second = raiseCritical();

        assertEquals(
                "acted",
                postSigned(event("E-m1", "incident.acknowledged", "phasebot-incident-" + first, "PMAIL01"))
                        .body());
        assertEquals(
                "acted",
                postSigned(event("E-m2", "incident.resolved", "phasebot-incident-" + second, "PMAIL01"))
                        .body());

        assertEquals(LEAD, incident(first).acknowledgedBy());
        assertEquals(LEAD, incident(second).resolvedBy());
        assertEquals(
                List.of("/users/PMAIL01 Token token=pd-rest-token application/vnd.pagerduty+json;version=2"),
                userLookups,
                "asked once, then remembered");
    }

    @Test
    void withoutAWebhookSecretThePathIsNotFound() throws Exception {
        start(Fixtures.shippedConfigText() + "\n" + PAGING, Map.of());
        long id = raiseCritical();

        HttpResponse<String> answer =
                postSigned(event("E-off", "incident.acknowledged", "phasebot-incident-" + id, "PLEAD01"));

        assertEquals(404, answer.statusCode());
        assertNull(incident(id).acknowledgedAt());
        assertEquals(
                Optional.empty(),
                PagerDutyWebhookSettings.fromEnvironment(Map.of("PHASEBOT_PAGERDUTY_WEBHOOK_SECRET", " ")));
    }

    @Test
    void aPagerDutyUserMappedToAnUnknownAgentStopsTheConfigWithOneLineNamingTheKey() {
        ConfigException refused = assertThrows(
                ConfigException.class,
                () -> new ConfigLoader()
                        .parse(
                                "bot-config.yml",
                                Fixtures.shippedConfigText()
                                        + "\npaging:\n  pagerduty_users:\n    PXXXXXX: security-lead\n"));

        assertEquals(
                "bot-config.yml: paging.pagerduty_users.PXXXXXX: agent 'security-lead' is not defined under agents",
                refused.getMessage());
    }

    @Test
    void aWebhookApiUrlThatIsNoUrlStopsStartUpWithOneLine() {
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> PagerDutyWebhookSettings.fromEnvironment(Map.of(
                        "PHASEBOT_PAGERDUTY_WEBHOOK_SECRET",
                        SECRET,
                        "PHASEBOT_PAGERDUTY_API_URL",
                        "api.pagerduty.com")));

        assertEquals(
                "PHASEBOT_PAGERDUTY_API_URL must be an http(s) URL like https://api.pagerduty.com, got 'api.pagerduty.com'",
                refused.getMessage());
    }
}
