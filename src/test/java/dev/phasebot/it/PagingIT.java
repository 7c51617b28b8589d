package dev.phasebot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.support.FakePager;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.SignedSlackClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar in HTTP mode, signed requests, the Web API stand-in, and two pager stand-ins
 * (PagerDuty's Events API and a webhook receiver): a CRITICAL raise pages both, a pager that is
 * down is retried across a {@code kill -9}, and each event reaches each pager once.
 */
class PagingIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aPageSurvivesAPagerOutageAndAKillAndReachesEachPagerOnceThenAckAndResolveFollow() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi(Clock.systemUTC());
                FakePager pagerDuty = new FakePager();
                FakePager webhook = new FakePager()) {
            int port = Jars.freePort();
            // PagerDuty is down for a while: the trigger waits in the outbox, retried with backoff.
            for (int i = 0; i < 3; i++) {
                pagerDuty.answerNext(503, null, null);
            }
            SignedSlackClient client = new SignedSlackClient(port, "it-secret", Clock.systemUTC());
            Process first = jar(slack, pagerDuty, webhook, port, dir.resolve("err-1.txt"));
            try {
                Jars.awaitServing(client, first, dir.resolve("err-1.txt"));
                String raised = client.slashCommand("U0LEAD", "/incident", "raise CRITICAL Payments pipeline down")
                        .body();
                assertTrue(raised.contains("#1"), raised);
                Jars.await(
                        () -> webhook.accepted().size() == 1,
                        "the webhook got the page",
                        first,
                        dir.resolve("err-1.txt"));
                Jars.await(
                        () -> pagerDuty.requests().size() >= 2,
                        "PagerDuty was tried and retried",
                        first,
                        dir.resolve("err-1.txt"));
            } finally {
                first.destroyForcibly(); // SIGKILL while the trigger is still unsent
                assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            }
            assertTrue(pagerDuty.accepted().isEmpty());

            Process second = jar(slack, pagerDuty, webhook, port, dir.resolve("err-2.txt"));
            try {
                Jars.awaitServing(client, second, dir.resolve("err-2.txt"));
                Jars.await(
                        () -> pagerDuty.accepted().size() == 1,
                        "the restarted bot sent the trigger",
                        second,
                        dir.resolve("err-2.txt"));
                client.slashCommand("U0LEAD", "/incident", "ack 1");
                client.slashCommand("U0LEAD", "/incident", "resolve 1 rolled back the deploy");
                Jars.await(
                        () -> pagerDuty.accepted().size() == 3,
                        "acknowledge and resolve",
                        second,
                        dir.resolve("err-2.txt"));
                Jars.await(
                        () -> webhook.accepted().size() == 3,
                        "acknowledge and resolve",
                        second,
                        dir.resolve("err-2.txt"));
            } finally {
                second.destroy();
                assertTrue(second.waitFor(30, TimeUnit.SECONDS));
            }
            List<JsonNode> events =
                    pagerDuty.accepted().stream().map(FakePager.Request::json).toList();
            assertEquals(
                    List.of("trigger", "acknowledge", "resolve"),
                    events.stream().map(e -> e.path("event_action").asText()).toList());
            assertTrue(
                    events.stream().allMatch(e -> e.path("dedup_key").asText().equals("phasebot-incident-1")));
            assertTrue(events.get(0)
                    .path("payload")
                    .path("summary")
                    .asText()
                    .startsWith("CRITICAL incident #1 \"Payments pipeline down\", technical assessment due "));
            assertEquals(
                    List.of("page", "acknowledge", "resolve"),
                    webhook.accepted().stream()
                            .map(r -> r.json().path("event").asText())
                            .toList());
            assertTrue(webhook.accepted().stream()
                    .allMatch(r -> r.header("X-Phasebot-Signature").startsWith("v1=")));
        }
    }

    @Test
    void aRoutingKeyPagerDutyRefusesMakesTheBotNotReadyAndSaysWhy() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi(Clock.systemUTC());
                FakePager pagerDuty = new FakePager();
                FakePager webhook = new FakePager()) {
            int port = Jars.freePort();
            pagerDuty.answerNext(
                    400,
                    null,
                    "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"Invalid routing key\"]}");
            SignedSlackClient client = new SignedSlackClient(port, "it-secret", Clock.systemUTC());
            Path err = dir.resolve("err-refused.txt");
            Process bot = jar(slack, pagerDuty, webhook, port, err);
            try {
                Jars.awaitServing(client, bot, err);
                client.slashCommand("U0LEAD", "/incident", "raise CRITICAL Payments pipeline down");
                Jars.await(
                        () -> !pagerDuty.requests().isEmpty(),
                        "PagerDuty was asked",
                        bot,
                        dir.resolve("err-refused.txt"));
                HttpResponse<String> ready = readyz(port);
                long deadline = System.currentTimeMillis() + 30_000;
                while (ready.statusCode() != 503 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100); // polling another process, not timing
                    ready = readyz(port);
                }
                assertEquals(503, ready.statusCode(), ready.body());
                JsonNode pagers = null;
                for (JsonNode check : JSON.readTree(ready.body()).path("checks")) {
                    if (check.path("name").asText().equals("pagers")) {
                        pagers = check;
                    }
                }
                assertTrue(pagers != null && !pagers.path("ok").asBoolean(), ready.body());
                assertTrue(pagers.path("reason").asText().contains("Invalid routing key"), ready.body());
                String log = Files.readString(err);
                assertTrue(log.contains("ERROR") && log.contains("pager:pagerduty was refused"), log);
                assertTrue(!log.contains("R0UT1NGKEY"), "the key is never logged");
            } finally {
                bot.destroy();
                assertTrue(bot.waitFor(30, TimeUnit.SECONDS));
            }
        }
    }

    private static HttpResponse<String> readyz(int port) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** The jar in HTTP mode, the lead linked to U0LEAD, paging both stand-ins. */
    private Process jar(FakeSlackApi slack, FakePager pagerDuty, FakePager webhook, int port, Path err)
            throws IOException {
        Path config = dir.resolve("bot-config.yml");
        Files.writeString(
                config,
                Files.readString(Path.of("bot-config.yml"))
                        .replace(
                                "  - id: senior-system-developer\n    team: System Performance\n",
                                "  - id: senior-system-developer\n    team: System Performance\n    slack_user: U0LEAD\n"));
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target/phasebot.jar").toAbsolutePath().toString()));
        pb.environment().remove("PHASEBOT_STANDBY");
        pb.environment()
                .putAll(Map.of(
                        "SLACK_BOT_TOKEN", "xoxb-paging",
                        "SLACK_SIGNING_SECRET", "it-secret",
                        "SLACK_API_URL", slack.url(),
                        "PORT", Integer.toString(port),
                        "PHASEBOT_HOST", "127.0.0.1",
                        "PHASEBOT_CONFIG", config.toString(),
                        "PHASEBOT_DB", dir.resolve("phasebot.db").toString(),
                        "PHASEBOT_PAGERDUTY_ROUTING_KEY", "R0UT1NGKEY0123456789abcdef012345",
                        "PHASEBOT_PAGERDUTY_URL", pagerDuty.url().toString(),
                        "PHASEBOT_WEBHOOK_URL", webhook.url().toString()));
        pb.environment().put("PHASEBOT_WEBHOOK_SECRET", "it-webhook-secret-0123456789");
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile());
        return pb.start();
    }
}
