package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.delivery.DeliveryWorker;
import dev.phasebot.support.SlackTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /healthz}, {@code /readyz} and {@code /metrics} on Slack's request port, with signed
 * slash commands run through the real Bolt app and the Web API stand-in, as SlackEndToEndTest does.
 */
class OpsPagesOnTheRequestPortTest extends SlackTest {

    private static final String SECRET = "test-signing-secret";

    OpsPagesOnTheRequestPortTest() {
        super("2026-11-24T09:00", SECRET);
    }

    @BeforeEach
    void start() throws Exception {
        start(slackHarness()
                .link("qa-engineer", "U0QA")
                .link("senior-system-developer", "U0LEAD")
                .withOpsPages());
    }

    @Test
    void healthzIsAnsweredUnsignedOnTheRequestPort() throws Exception {
        HttpResponse<String> alive = client.get("/healthz");
        assertEquals(200, alive.statusCode());
        assertEquals("{\"status\":\"ok\"}", alive.body());
    }

    @Test
    void aMethodAPageOrTheRequestUrlIsNotServedWithIsRefusedWith405NamingTheOneItIs() throws Exception {
        HttpResponse<String> postHealth = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + slack.port() + "/healthz"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> getEvents = client.get(SlackHttpServer.PATH);

        assertEquals(405, postHealth.statusCode());
        assertEquals("GET", postHealth.headers().firstValue("Allow").orElse("none"));
        assertEquals(405, getEvents.statusCode());
        assertEquals("POST", getEvents.headers().firstValue("Allow").orElse("none"));
    }

    @Test
    void readinessAddsSlacksTokenCheckAndNamesNothingOfTheWorkspace() throws Exception {
        HttpResponse<String> ready = client.get("/readyz");
        // The bot itself was never started here: no scheduler, no delivery worker.
        assertEquals(503, ready.statusCode(), ready.body());
        assertTrue(
                ready.body()
                        .contains("{\"name\":\"slack_auth\",\"ok\":true,"
                                + "\"reason\":\"the last auth.test confirmed the bot token\"}"),
                ready.body());
        for (String secret : List.of("xoxb", "T0TEAM", "U0BOT", "B0BOT", "Phase\"", SECRET)) {
            assertFalse(ready.body().contains(secret), secret + " in " + ready.body());
        }
    }

    @Test
    void theMetricsPageNamesEverySeriesAfterAFewCommands() throws Exception {
        assertEquals(
                200,
                client.slashCommand("U0QA", "/standup", "today: fuzz the YAML loader")
                        .statusCode());
        client.slashCommand("U0QA", "/standup", "ooo 24/12 2026-12-31");
        client.slashCommand("U0LEAD", "/standup", "open");
        client.slashCommand("U0QA", "/incident", "raise HIGH CI runners are down");
        DeliveryWorker worker = new DeliveryWorker(
                bot.database(),
                new SlackTransport(slack.methods(), bot.config(), bot.agents()),
                clock,
                bot.outbox(),
                bot.meters());
        assertTrue(worker.deliverDue() > 0, "the standup and incident posts went out");
        double pendingTimers = value(client.get("/metrics").body(), "phasebot_timers_pending");
        assertEquals(bot.timers().pending().size(), pendingTimers);
        assertTrue(pendingTimers >= 2, "the open standup's reminder and close");
        clock.tick(Duration.ofHours(3));
        assertTrue(bot.timers().runDue() > 0, "the standup's timers fired, late by the hours the clock moved");

        HttpResponse<String> page = client.get("/metrics");

        assertEquals(200, page.statusCode());
        assertEquals(
                "text/plain; version=0.0.4; charset=utf-8",
                page.headers().firstValue("content-type").orElseThrow());
        String metrics = page.body();
        assertEquals(2.0, value(metrics, "phasebot_commands_total{command=\"/standup\",outcome=\"ok\"}"), metrics);
        assertEquals(1.0, value(metrics, "phasebot_commands_total{command=\"/standup\",outcome=\"refused\"}"));
        assertEquals(1.0, value(metrics, "phasebot_commands_total{command=\"/incident\",outcome=\"ok\"}"));
        assertEquals(0.0, value(metrics, "phasebot_commands_total{command=\"/incident\",outcome=\"error\"}"));
        assertEquals(4.0, value(metrics, "phasebot_ack_latency_seconds_count"));
        assertEquals(4.0, value(metrics, "phasebot_ack_latency_seconds_bucket{le=\"3.0\"}"), "each acked within 3 s");
        assertTrue(value(metrics, "phasebot_deliveries_total{result=\"sent\"}") >= 2);
        for (String result : List.of("retried", "rate_limited", "rejected")) {
            assertEquals(0.0, value(metrics, "phasebot_deliveries_total{result=\"" + result + "\"}"), result);
        }
        assertTrue(value(metrics, "phasebot_timer_lateness_seconds_count") >= 1);
        assertTrue(value(metrics, "phasebot_timer_lateness_seconds_sum") > 0);
        assertTrue(metrics.contains("phasebot_timer_lateness_seconds_bucket{le="), "lateness is a histogram");
        assertEquals(1.0, value(metrics, "phasebot_incidents_open"));
        assertEquals(bot.timers().pending().size(), value(metrics, "phasebot_timers_pending"));
        assertEquals(worker.pendingCount(), value(metrics, "phasebot_outbox_depth"));
        assertTrue(value(metrics, "phasebot_outbox_oldest_age_seconds") >= 0);
        for (String jvm : List.of(
                "jvm_memory_used_bytes{",
                "jvm_gc_",
                "jvm_threads_live_threads",
                "system_cpu_count",
                "process_uptime_seconds")) {
            assertTrue(metrics.contains(jvm), jvm + " in the page");
        }
    }

    /** The sample's value on the page; fails when the series is not there. */
    private static double value(String page, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + "\\s+(\\S+)$", Pattern.MULTILINE)
                .matcher(page);
        assertTrue(m.find(), series + " is not on the page");
        return Double.parseDouble(m.group(1));
    }
}
