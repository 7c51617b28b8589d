package dev.phasebot.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phasebot.Phasebot;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.delivery.DeliveryWorker;
import dev.phasebot.delivery.Transport.DeliveryResult;
import dev.phasebot.incident.Act;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.ops.HealthCheck.CheckResult;
import dev.phasebot.support.FakePager;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.RecordingTransport;
import dev.phasebot.support.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CRITICAL incidents page PagerDuty (Events API v2) and a signed webhook through the outbox:
 * against two local stand-ins that record what they got and answer 500, 429 or 400 when told.
 */
class PagingTest {

    private static final String ROUTING_KEY = "R0UT1NGKEY0123456789abcdef012345";
    private static final String SECRET = "webhook-secret-0123456789";
    /** Monday 2026-11-30: the contact rotation hands over from senior-system-developer to software-architect at 09:00. */
    private static final String CONTACT_ROTATION = "\noncall:\n"
            + "  contact:\n"
            + "    agents: [senior-system-developer, software-architect, devops-engineer]\n"
            + "    hand_off_day: MONDAY\n"
            + "    hand_off_time: \"09:00\"\n"
            + "    shift: P7D\n";

    @TempDir
    Path dir;

    private final SettableClock clock = SettableClock.newYork("2026-11-30T07:30");
    private final RecordingTransport slack = new RecordingTransport();
    private final FakePager pagerDuty = new FakePager();
    private final FakePager webhook = new FakePager();
    private Phasebot bot;
    private DeliveryWorker worker;

    @BeforeEach
    void start() {
        bot = new Phasebot(
                new ConfigLoader().parse("bot-config.yml", Fixtures.shippedConfigText() + CONTACT_ROTATION),
                Fixtures.store(dir.resolve("phasebot.db")),
                clock,
                true,
                new PagingSettings(ROUTING_KEY, pagerDuty.url(), webhook.url(), SECRET));
        worker = new DeliveryWorker(bot.database(), bot.pagers().around(slack), clock, bot.outbox());
        // As the leader wires it: a refused message goes on its incident's timeline.
        worker.onRejected(bot.incidents()::deliveryFailed);
    }

    @AfterEach
    void stop() {
        bot.close();
        pagerDuty.close();
        webhook.close();
    }

    private void at(String time) {
        clock.at(time);
        bot.timers().runDue();
        worker.deliverDue();
    }

    private List<JsonNode> events(FakePager pager) {
        return pager.accepted().stream().map(FakePager.Request::json).toList();
    }

    @Test
    void aCriticalRaiseTriggersPagerDutyWithTheIncidentsDedupKeyDeadlineAndWhoIsOnCall() {
        bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, "T4"));
        worker.deliverDue();
        List<JsonNode> events = events(pagerDuty);
        assertEquals(1, events.size());
        JsonNode trigger = events.get(0);
        assertEquals(ROUTING_KEY, trigger.path("routing_key").asText());
        assertEquals("trigger", trigger.path("event_action").asText());
        assertEquals("phasebot-incident-1", trigger.path("dedup_key").asText());
        assertEquals("critical", trigger.path("payload").path("severity").asText());
        assertEquals(
                "CRITICAL incident #1 \"Pipeline outage\", technical assessment due 08:00 EST",
                trigger.path("payload").path("summary").asText());
        assertEquals(
                "ml-engineer",
                trigger.path("payload").path("custom_details").path("on_call").asText());
        assertEquals(
                "2026-11-30T13:00:00Z",
                trigger.path("payload").path("custom_details").path("due").asText());
        assertEquals("/v2/enqueue", pagerDuty.accepted().get(0).path());
    }

    @Test
    void aSecurityIncidentsPageSaysOnlyItsNumberTheDeadlineAndWhereToLook() {
        bot.incidents()
                .raise(
                        "python-ml-fintech-reviewer",
                        new RaiseRequest("Code injection in features.py", "CRITICAL", true, "eval() on params", "T1"));
        worker.deliverDue();
        JsonNode trigger = events(pagerDuty).get(0);
        assertEquals(
                "CRITICAL security incident #1, technical assessment due 08:00 EST",
                trigger.path("payload").path("summary").asText());
        assertEquals(
                "Slack #alphapy-security, /incident 1",
                trigger.path("payload").path("custom_details").path("where").asText());
        JsonNode page = events(webhook).get(0);
        assertEquals(
                "CRITICAL security incident #1, technical assessment due 08:00 EST",
                page.path("summary").asText());
        for (FakePager.Request request :
                List.of(pagerDuty.accepted().get(0), webhook.accepted().get(0))) {
            assertFalse(request.body().contains("injection"), request.body());
            assertFalse(request.body().contains("features.py"), request.body());
            assertFalse(request.body().contains("eval()"), request.body());
        }
    }

    @Test
    void theWebhookGetsOneSignedJsonObjectPerEventWithItsTopLevelEvent() throws Exception {
        bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, "T4"));
        worker.deliverDue();
        FakePager.Request request = webhook.accepted().get(0);
        String timestamp = request.header("X-Phasebot-Request-Timestamp");
        assertEquals(Long.toString(clock.instant().getEpochSecond()), timestamp);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1="
                + HexFormat.of()
                        .formatHex(mac.doFinal(
                                ("v1:" + timestamp + ":" + request.body()).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, request.header("X-Phasebot-Signature"));
        JsonNode page = request.json();
        assertEquals("page", page.path("event").asText());
        assertEquals(1, page.path("incident").path("id").asInt());
        assertEquals("Pipeline outage", page.path("incident").path("title").asText());
        assertEquals("technical assessment", page.path("milestone").path("name").asText());
        assertEquals("ml-engineer", page.path("person").path("agent").asText());
        assertTrue(page.path("id").asText().startsWith("phasebot-delivery-"));
    }

    @Test
    void aMissedMilestonePagesThePersonOnCallInSlackAndInPagerDutyOnce() {
        bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, "T4"));
        worker.deliverDue();
        // The 2 h milestone (implementation or escalation) notifies the contact: the rotation handed over at 09:00.
        at("09:30");
        at("09:31");
        bot.timers().runDue();
        worker.deliverDue();
        List<JsonNode> implementation = events(pagerDuty).stream()
                .filter(e -> e.path("payload").path("component").asText().equals("implementation or escalation"))
                .toList();
        assertEquals(1, implementation.size(), implementation.toString());
        assertEquals(
                "CRITICAL incident #1 \"Pipeline outage\", implementation or escalation missed (due 09:30 EST)",
                implementation.get(0).path("payload").path("summary").asText());
        assertEquals(
                "software-architect",
                implementation
                        .get(0)
                        .path("payload")
                        .path("custom_details")
                        .path("on_call")
                        .asText());
        assertTrue(slack.textsTo("dm:software-architect").stream()
                .anyMatch(t -> t.contains("missed its implementation or escalation deadline")));
    }

    @Test
    void everyPageOfTheShippedEscalationReachesPagerDutyOnceUnderOneDedupKey() {
        bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, "T4"));
        worker.deliverDue();
        for (int minute = 0; minute <= 4 * 60; minute += 5) {
            clock.tick(Duration.ofMinutes(5));
            bot.timers().runDue();
            worker.deliverDue();
        }
        // The raise, three missed milestones, and their reminders (2 + 2 + 3).
        List<JsonNode> triggers = events(pagerDuty);
        assertEquals(1 + 3 + 7, triggers.size());
        assertTrue(
                triggers.stream().allMatch(e -> e.path("event_action").asText().equals("trigger")));
        assertTrue(triggers.stream().allMatch(e -> e.path("dedup_key").asText().equals("phasebot-incident-1")));
        assertEquals(
                triggers.size(),
                triggers.stream()
                        .map(e -> e.path("payload").path("summary").asText())
                        .distinct()
                        .count(),
                "each page is a different one");
        assertEquals(triggers.size(), events(webhook).size());
    }

    @Test
    void anAcknowledgementAndAResolveInPhasebotAcknowledgeAndResolveInPagerDuty() {
        bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, "T4"));
        at("07:35");
        bot.incidents().act("ml-engineer", 1, Act.ACKNOWLEDGE, "");
        bot.incidents().act("ml-engineer", 1, Act.ACKNOWLEDGE, "");
        bot.incidents().act("ml-engineer", 1, Act.ASSESS, "bad deploy, rolling back");
        at("07:40");
        bot.incidents().resolve("senior-system-developer", 1, "rolled back");
        at("07:45");
        assertEquals(
                List.of("trigger", "acknowledge", "resolve"),
                events(pagerDuty).stream()
                        .map(e -> e.path("event_action").asText())
                        .toList());
        assertTrue(events(pagerDuty).stream()
                .allMatch(e -> e.path("dedup_key").asText().equals("phasebot-incident-1")));
        assertEquals(
                List.of("page", "acknowledge", "resolve"),
                events(webhook).stream().map(e -> e.path("event").asText()).toList());
        assertEquals(
                "ml-engineer",
                events(webhook).get(1).path("person").path("agent").asText());
    }

    @Test
    void aCancelledIncidentIsResolvedInPagerDuty() {
        bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, "T4"));
        at("07:32");
        bot.incidents().cancel("qa-engineer", 1, "raised by mistake");
        at("07:33");
        assertEquals(
                List.of("trigger", "resolve"),
                events(pagerDuty).stream()
                        .map(e -> e.path("event_action").asText())
                        .toList());
        assertTrue(
                events(webhook).get(1).path("summary").asText().contains("cancelled (raised in error) by qa-engineer"));
    }

    @Test
    void anIncidentBelowCriticalPagesNothingAndItsResolveTellsNoPager() {
        bot.incidents().raise("qa-engineer", new RaiseRequest("Flaky test", "HIGH", false, null, "T4"));
        at("07:35");
        bot.incidents().resolve("senior-system-developer", 1, "fixed");
        at("07:40");
        assertTrue(pagerDuty.requests().isEmpty());
        assertTrue(webhook.requests().isEmpty());
    }

    @Test
    void anIncidentRaisedToCriticalPagesAtThatMoment() {
        bot.incidents().raise("qa-engineer", new RaiseRequest("Flaky test", "HIGH", false, null, "T4"));
        at("07:35");
        bot.incidents().changeSeverity("ml-engineer", 1, "CRITICAL");
        at("07:36");
        List<JsonNode> events = events(pagerDuty);
        assertEquals(1, events.size());
        assertEquals(
                "CRITICAL incident #1 \"Flaky test\", technical assessment due 08:05 EST",
                events.get(0).path("payload").path("summary").asText());
    }

    @Test
    void aPagerThatAnswers500IsRetriedWithBackoffAndPagedOnce() {
        pagerDuty.answerNext(500, null, "oops");
        pagerDuty.answerNext(503, null, null);
        bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, "T4"));
        worker.deliverDue();
        assertEquals(1, pagerDuty.requests().size());
        assertTrue(pagerDuty.accepted().isEmpty());
        assertFalse(slack.textsTo("channel:coordination").isEmpty(), "Slack is not held back by the pager");
        at("07:30:01");
        assertEquals(2, pagerDuty.requests().size(), "retried after 1 s");
        at("07:30:02");
        assertEquals(2, pagerDuty.requests().size(), "then after 2 s more");
        at("07:30:03");
        assertEquals(1, pagerDuty.accepted().size());
        at("07:31");
        assertEquals(3, pagerDuty.requests().size(), "and once it is sent, never again");
    }

    @Test
    void aPagerThatAnswers429WaitsOutItsRetryAfter() {
        pagerDuty.answerNext(429, "20", null);
        bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, "T4"));
        worker.deliverDue();
        at("07:30:19");
        assertEquals(1, pagerDuty.requests().size());
        at("07:30:20");
        assertEquals(1, pagerDuty.accepted().size());
        assertEquals(1, webhook.accepted().size(), "the other pager was not held back");
    }

    @Test
    void aRefusedRoutingKeyIsAnErrorInReadinessAndOnTheIncidentsTimeline() {
        pagerDuty.answerNext(
                400,
                null,
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                        + "\"errors\":[\"Invalid routing key\"]}");
        bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, "T4"));
        worker.deliverDue();
        CheckResult check = pagersCheck();
        assertFalse(check.ok());
        assertTrue(check.reason().contains("Invalid routing key"), check.reason());
        assertTrue(check.reason().contains("PagerDuty refused a page"), check.reason());
        assertFalse(check.reason().contains(ROUTING_KEY), "the key itself is never shown");
        List<String> failures = bot.database()
                .read(tx -> tx.query(
                        "SELECT detail FROM incident_event WHERE incident_id = 1 AND kind = 'delivery failed'",
                        rs -> rs.getString(1)));
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).contains("Invalid routing key"), failures.get(0));
        // The next page goes through (the key was fixed in PagerDuty): ready again.
        at("08:01");
        assertTrue(pagersCheck().ok(), pagersCheck().reason());
    }

    @Test
    void aSlackOutageDoesNotHoldPagesBack() {
        for (int i = 0; i < 20; i++) {
            slack.failNext(new DeliveryResult.RetryLater(null, "Slack is down"));
        }
        bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, "T4"));
        worker.deliverDue();
        assertTrue(slack.delivered().isEmpty());
        assertEquals(1, pagerDuty.accepted().size());
        assertEquals(1, webhook.accepted().size());
    }

    private CheckResult pagersCheck() {
        return bot.pagers().check().run();
    }

    @Test
    void withoutPagersNothingIsQueuedForThem() {
        bot.close();
        bot = Fixtures.bot(dir.resolve("plain.db"), clock);
        bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, "T4"));
        assertNull(bot.database()
                .read(tx -> tx.queryOne("SELECT id FROM outbox WHERE destination LIKE 'pager:%'", rs -> rs.getLong(1)))
                .orElse(null));
        assertTrue(pagersCheck().ok());
        assertTrue(
                pagersCheck().reason().startsWith("not applicable"),
                pagersCheck().reason());
    }
}
