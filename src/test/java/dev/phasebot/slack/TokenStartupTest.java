package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import dev.phasebot.Phasebot;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SettableClock;
import dev.phasebot.support.SignedSlackClient;
import dev.phasebot.support.TableRows;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot token at start-up and after: a Slack hiccup is waited out (with the waits recorded
 * instead of slept), a refusal ends the wait at once, and no request ever waits on auth.test.
 */
class TokenStartupTest {

    private static final String SECRET = "token-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK =
            "{\"ok\":true,\"team\":\"Phase\",\"user\":\"phasebot\",\"team_id\":\"T0TEAM\"," + "\"user_id\":\"U0BOT\"}";

    @TempDir
    Path dir;

    private final SettableClock clock = SettableClock.newYork("2026-11-24T09:00");
    private final List<Duration> waits = new ArrayList<>();
    private FakeSlackApi api;
    private Slack slackClient;

    @BeforeEach
    void start() throws Exception {
        api = new FakeSlackApi();
        slackClient = api.slack();
    }

    @AfterEach
    void stop() throws Exception {
        slackClient.close();
        api.close();
    }

    private TokenWatch watch(MethodsClient methods) {
        return new TokenWatch(new TokenCheck(methods), new TokenAuthorization("xoxb-t"), waits::add);
    }

    @Test
    void transientFailuresAreRetriedWithCappedBackoffUntilSlackConfirms() throws Exception {
        api.fail("auth.test", 429, Map.of("Retry-After", "7"), "{\"ok\":false,\"error\":\"ratelimited\"}");
        api.fail("auth.test", 500, Map.of(), "oops");
        api.fail("auth.test", 503, Map.of(), "down");
        api.fail("auth.test", 200, Map.of(), "{\"ok\":false,\"error\":\"service_unavailable\"}");

        var identity = watch(slackClient.methods("xoxb-t")).awaitConfirmation();

        assertEquals("U0BOT", identity.getUserId());
        assertEquals(
                List.of(Duration.ofSeconds(7), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)),
                waits,
                "Slack's Retry-After first, then 1, 2, 4, 8 s by the count of failures");
        assertEquals(5, api.calls("auth.test").size());
    }

    @Test
    void theWaitBetweenTriesNeverPassesThirtySecondsUnlessSlackAsksForLonger() {
        assertEquals(Duration.ofSeconds(1), TokenWatch.waitAfter(1, null));
        assertEquals(Duration.ofSeconds(16), TokenWatch.waitAfter(5, null));
        assertEquals(Duration.ofSeconds(30), TokenWatch.waitAfter(6, null));
        assertEquals(Duration.ofSeconds(30), TokenWatch.waitAfter(500, null));
        assertEquals(Duration.ofSeconds(45), TokenWatch.waitAfter(1, Duration.ofSeconds(45)));
    }

    @Test
    void aRefusedTokenEndsTheWaitAtOnceWithSlacksReason() {
        api.fail("auth.test", 200, Map.of(), "{\"ok\":false,\"error\":\"invalid_auth\"}");

        TokenRefusedException refused = assertThrows(
                TokenRefusedException.class,
                () -> watch(slackClient.methods("xoxb-t")).awaitConfirmation());

        assertEquals("invalid_auth", refused.error());
        assertTrue(refused.getMessage().contains("SLACK_BOT_TOKEN"), refused.getMessage());
        assertEquals(List.of(), waits, "no retry");
    }

    @Test
    void everyDefinitiveErrorIsARefusalAndEveryTryLaterErrorIsNot() {
        for (String error :
                List.of("invalid_auth", "account_inactive", "token_revoked", "not_authed", "token_expired")) {
            api.fail("auth.test", 200, Map.of(), "{\"ok\":false,\"error\":\"" + error + "\"}");
            assertEquals(new TokenStatus.Refused(error), new TokenCheck(slackClient.methods("x")).check(), error);
        }
        for (String error : List.of("ratelimited", "internal_error", "fatal_error", "request_timeout")) {
            api.fail("auth.test", 200, Map.of(), "{\"ok\":false,\"error\":\"" + error + "\"}");
            assertTrue(new TokenCheck(slackClient.methods("x")).check() instanceof TokenStatus.Unreachable, error);
        }
    }

    @Test
    void anUnreachableSlackIsTransient() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix("http://127.0.0.1:" + closed + "/api/");
        config.setStatsEnabled(false);
        try (Slack nowhere = Slack.getInstance(config)) {
            assertTrue(new TokenCheck(nowhere.methods("x")).check() instanceof TokenStatus.Unreachable);
        }
    }

    @Test
    void aFailedRecheckKeepsTheConfirmationAndARevokedTokenIsHandedOn() {
        TokenAuthorization authorization = new TokenAuthorization("xoxb-t");
        TokenWatch watch = new TokenWatch(new TokenCheck(slackClient.methods("xoxb-t")), authorization, waits::add);
        AtomicReference<TokenRefusedException> revoked = new AtomicReference<>();
        watch.refresh(revoked::set);
        assertTrue(authorization.isConfirmed());

        api.fail("auth.test", 500, Map.of(), "down");
        watch.refresh(revoked::set);
        assertTrue(authorization.isConfirmed(), "a hiccup keeps the last confirmation");
        assertEquals(null, revoked.get());

        api.fail("auth.test", 200, Map.of(), "{\"ok\":false,\"error\":\"token_revoked\"}");
        watch.refresh(revoked::set);
        assertEquals("token_revoked", revoked.get().error());
    }

    @Test
    void untilTheTokenIsConfirmedCommandsAnswerThatTheBotIsStartingAndRecordNothing() throws Exception {
        try (Phasebot bot = new Phasebot(Fixtures.shippedConfig(), dir.resolve("phasebot.db"), clock, false);
                SlackRuntime slack = runtime(bot)) {
            bot.database().run(tx -> bot.agents().link(tx, "qa-engineer", "U0QA", "test", clock.instant()));
            slack.serve();
            SignedSlackClient client = new SignedSlackClient(slack.port(), SECRET, clock);
            TableRows before = TableRows.of(bot.database());

            HttpResponse<String> early = client.slashCommand("U0QA", "/standup", "today: fuzz the loader");

            assertEquals(200, early.statusCode());
            JsonNode answer = JSON.readTree(early.body());
            assertEquals("ephemeral", answer.get("response_type").asText());
            assertEquals(TokenAuthorization.STARTING, answer.get("text").asText());
            assertEquals(before, TableRows.of(bot.database()), "nothing recorded");

            slack.awaitToken();
            slack.open(refused -> {});
            clock.tick(Duration.ofSeconds(1));
            HttpResponse<String> later = client.slashCommand("U0QA", "/standup", "today: fuzz the loader");
            assertTrue(JSON.readTree(later.body()).get("text").asText().startsWith("Recorded for"), later.body());
        }
    }

    @Test
    void aSlackHiccupAfterStartUpNeverFailsACommand() throws Exception {
        try (Phasebot bot = new Phasebot(Fixtures.shippedConfig(), dir.resolve("phasebot.db"), clock, false);
                SlackRuntime slack = runtime(bot)) {
            bot.database().run(tx -> bot.agents().link(tx, "qa-engineer", "U0QA", "test", clock.instant()));
            slack.start();
            SignedSlackClient client = new SignedSlackClient(slack.port(), SECRET, clock);
            for (int i = 0; i < 3; i++) {
                api.fail("auth.test", 500, Map.of(), "down");
                api.fail("auth.test", 429, Map.of("Retry-After", "30"), "{\"ok\":false,\"error\":\"ratelimited\"}");
            }

            for (int i = 0; i < 6; i++) {
                clock.tick(Duration.ofSeconds(1));
                HttpResponse<String> response = client.slashCommand("U0QA", "/standup", "status");
                assertEquals(200, response.statusCode(), response.body());
                assertTrue(response.body().contains("\"response_type\":\"ephemeral\""), response.body());
            }
            assertEquals(1, api.calls("auth.test").size(), "only the start-up check; none on the request path");
        }
    }

    private SlackRuntime runtime(Phasebot bot) {
        return new SlackRuntime(
                SlackSettings.http("xoxb-test-token", SECRET, api.url(), "127.0.0.1", 0),
                bot.dispatcher(),
                bot.standupCommands(),
                bot.incidentCommands(),
                bot.agents(),
                clock);
    }
}
