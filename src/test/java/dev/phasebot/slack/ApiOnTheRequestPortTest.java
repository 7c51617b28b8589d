package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandReply;
import dev.phasebot.support.SignedSlackClient;
import dev.phasebot.support.SlackTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** In Slack's HTTP mode the agents' API shares the request port with Slack's requests. */
class ApiOnTheRequestPortTest extends SlackTest {

    private static final String SECRET = "test-signing-secret";
    private static final Pattern TOKEN = Pattern.compile("pb_[A-Za-z0-9_-]+");

    private final HttpClient http = HttpClient.newHttpClient();

    ApiOnTheRequestPortTest() {
        super("2026-11-24T09:00", SECRET);
    }

    @BeforeEach
    void start() throws Exception {
        start(slackHarness().link("qa-engineer", "U0QA").withAgentApi());
    }

    @Test
    void anAgentsTokenReachesTheApiOnTheSlackRequestPortWhileSlackRequestsStillWork() throws Exception {
        String text = ((CommandReply.Text)
                        bot.dispatcher().handle(Caller.agent("senior-system-developer"), "/api", "token qa-engineer"))
                .text();
        Matcher token = TOKEN.matcher(text);
        assertTrue(token.find(), text);

        HttpResponse<String> status = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + slack.port() + "/api/v1/standup/status"))
                        .header("Authorization", "Bearer " + token.group())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, status.statusCode(), status.body());

        HttpResponse<String> unsigned = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + slack.port() + "/api/v1/standup/status"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, unsigned.statusCode(), "no token, no API: " + unsigned.body());

        HttpResponse<String> command =
                new SignedSlackClient(slack.port(), SECRET, clock).slashCommand("U0QA", "/standup", "status");
        assertEquals(200, command.statusCode(), command.body());
        assertTrue(command.body().contains("\"response_type\":\"ephemeral\""), command.body());
    }
}
