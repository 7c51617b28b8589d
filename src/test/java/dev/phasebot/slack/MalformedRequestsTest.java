package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.phasebot.support.SignedSlackClient;
import dev.phasebot.support.SlackTest;
import dev.phasebot.support.TableRows;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Correctly signed requests whose bodies are wrong, as a proxy, a test or a bug could send
 * them: each gets a short 4xx that names the problem and nothing of our insides, changes
 * nothing, calls nothing on Slack, and is logged as the sender's mistake (never ERROR).
 */
class MalformedRequestsTest extends SlackTest {

    private static final String SECRET = "malformed-secret";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";
    private static final List<String> INSIDES =
            List.of("exception", "at dev.", "at com.", "jetty", "gson", "bolt", "nullpointer", "java.");

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    MalformedRequestsTest() {
        super("2026-11-24T09:00", SECRET);
    }

    @BeforeEach
    void start() throws Exception {
        start(slackHarness().link("python-ml-fintech-reviewer", "U0SEC").link("senior-system-developer", "U0LEAD"));
        // One open incident, so a button naming #1 would have something to act on.
        bot.dispatcher()
                .handle(
                        new dev.phasebot.command.Caller("python-ml-fintech-reviewer", "U0SEC", "security"),
                        "/incident",
                        "raise security CRITICAL Token leaked in CI logs");
        log.start();
        root().addAppender(log);
    }

    @AfterEach
    void stop() throws Exception {
        root().detachAppender(log);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    static Stream<Arguments> malformed() {
        String user = "\"user\":{\"id\":\"U0SEC\"}";
        String act = "{\"type\":\"view_submission\"," + user + ",\"view\":{\"callback_id\":\"incident_act\","
                + "\"state\":{\"values\":{}},\"private_metadata\":";
        return Stream.of(
                interaction("payload that is not JSON", "{not json"),
                interaction("payload that is a JSON array", "[1,2]"),
                interaction("payload without a type", "{" + user + "}"),
                interaction(
                        "block_actions without user",
                        "{\"type\":\"block_actions\",\"actions\":[{\"action_id\":\"incident_ack\",\"value\":\"1\"}]}"),
                interaction(
                        "block_actions whose user is a string",
                        "{\"type\":\"block_actions\",\"user\":\"U0SEC\",\"actions\":[]}"),
                interaction("block_actions without actions", "{\"type\":\"block_actions\"," + user + "}"),
                interaction(
                        "block_actions with an empty actions list",
                        "{\"type\":\"block_actions\"," + user + ",\"actions\":[]}"),
                interaction(
                        "an action without action_id",
                        "{\"type\":\"block_actions\"," + user + ",\"actions\":[{\"value\":\"1\"}]}"),
                interaction("a non-numeric incident button value", button("incident_ack", "\"one\"")),
                interaction("an incident button without value", button("incident_assess", null)),
                interaction("a negative incident button value", button("incident_resolve", "\"-1\"")),
                interaction(
                        "an incident button value past a long", button("incident_ack", "\"99999999999999999999999\"")),
                interaction("an incident button value that is a number, not a string", button("incident_ack", "1")),
                interaction("view_submission without view", "{\"type\":\"view_submission\"," + user + "}"),
                interaction(
                        "a view without callback_id",
                        "{\"type\":\"view_submission\"," + user + ",\"view\":{\"state\":{\"values\":{}}}}"),
                interaction("an act form whose metadata has no id", act + "\"assess\"}}"),
                interaction("an act form whose metadata id is not a number", act + "\"assess:x\"}}"),
                interaction("an act form whose metadata names an unknown act", act + "\"drop:1\"}}"),
                interaction("an act form without metadata", act + "null}}"),
                interaction(
                        "a raise form with metadata we never wrote",
                        "{\"type\":\"view_submission\"," + user
                                + ",\"view\":{\"callback_id\":\"incident_raise\",\"private_metadata\":\"other\",\"state\":{\"values\":{}}}}"),
                interaction(
                        "a view whose state.values is a string",
                        "{\"type\":\"view_submission\"," + user
                                + ",\"view\":{\"callback_id\":\"standup_update\",\"state\":{\"values\":\"x\"}}}"),
                Arguments.of("a command without user_id", FORM, "command=%2Fstandup&text=status&channel_id=C1"),
                Arguments.of("a command with a blank user_id", FORM, "command=%2Fstandup&text=status&user_id=+"),
                Arguments.of("a command without text", FORM, "command=%2Fstandup&user_id=U0SEC"),
                Arguments.of("a command without its slash", FORM, "command=standup&user_id=U0SEC&text=status"),
                Arguments.of(
                        "a command that names user_id twice",
                        FORM,
                        "command=%2Fstandup&user_id=U0SEC&user_id=U0LEAD&text=status"),
                Arguments.of("a form with neither command nor payload", FORM, "text=hello&user_id=U0SEC"),
                Arguments.of("a form with a broken percent escape", FORM, "command=%2&user_id=U0SEC&text=x"),
                Arguments.of("an empty body", FORM, ""),
                Arguments.of("JSON that does not parse", JSON, "{\"type\":"),
                Arguments.of("JSON that is an array", JSON, "[{\"type\":\"url_verification\"}]"),
                Arguments.of("JSON without a type", JSON, "{\"challenge\":\"x\"}"),
                Arguments.of("a url_verification without challenge", JSON, "{\"type\":\"url_verification\"}"),
                Arguments.of("an event_callback without event", JSON, "{\"type\":\"event_callback\"}"),
                Arguments.of(
                        "an event_callback whose event has no type",
                        JSON,
                        "{\"type\":\"event_callback\",\"event\":{\"user\":\"U0SEC\"}}"));
    }

    private static Arguments interaction(String name, String payload) {
        return Arguments.of(name, FORM, SignedSlackClient.form(java.util.Map.of("payload", payload)));
    }

    private static String button(String actionId, String value) {
        return "{\"type\":\"block_actions\",\"user\":{\"id\":\"U0SEC\"},\"trigger_id\":\"1.2.3\",\"actions\":[{\"action_id\":\""
                + actionId + "\"" + (value == null ? "" : ",\"value\":" + value) + "}]}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedSignedRequestGetsAShort400AndChangesNothing(String name, String contentType, String body)
            throws Exception {
        TableRows before = TableRows.of(bot.database());

        HttpResponse<String> response = client.post(body, contentType);

        assertEquals(400, response.statusCode(), name + ": " + response.body());
        assertTrue(response.body().startsWith("bad request: "), response.body());
        assertTrue(response.body().length() < 120, "short: " + response.body());
        assertNothingInside(response);
        assertEquals(before, TableRows.of(bot.database()), "nothing changed");
        assertTrue(api.all().stream().noneMatch(c -> !c.method().equals("auth.test")), "nothing was sent to Slack");
        assertTrue(
                log.list.stream().noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN)),
                "logged as the sender's mistake: " + log.list);
        assertTrue(
                log.list.stream()
                        .anyMatch(e -> e.getLevel() == Level.INFO
                                && e.getFormattedMessage().contains("malformed")),
                "the reason is in the log");
    }

    @Test
    void aWellFormedButtonPressStillWorks() throws Exception {
        HttpResponse<String> response = client.post(
                SignedSlackClient.form(java.util.Map.of(
                        "payload",
                        button("incident_ack", "\"1\"")
                                .replace(
                                        "\"trigger_id\"",
                                        "\"response_url\":\"" + api.url() + "respond\",\"trigger_id\""))),
                FORM);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                "python-ml-fintech-reviewer",
                bot.database()
                        .read(tx ->
                                tx.queryOne("SELECT acknowledged_by FROM incident WHERE id = 1", rs -> rs.getString(1)))
                        .orElse(null),
                "acknowledged");
    }

    @Test
    void jettysOwnErrorsAreOneShortLineWithoutServerName() throws Exception {
        for (String raw : List.of(
                "POST /slack/events HTTP/1.1\r\nHost: x\r\nBad Header Line\r\nContent-Length: 0\r\n\r\n",
                "POST /slack/events HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
                "GET /slack/events HTTP/1.1\r\n\r\n")) {
            String answer = rawRequest(raw);
            String status = answer.lines().findFirst().orElse("");
            assertTrue(status.matches("HTTP/1\\.1 4\\d\\d .*"), status);
            String lower = answer.toLowerCase(Locale.ROOT);
            assertFalse(lower.contains("server:"), answer);
            for (String inside : INSIDES) {
                assertFalse(lower.contains(inside), inside + " in " + answer);
            }
            assertFalse(lower.contains("<html"), answer);
        }
    }

    private static void assertNothingInside(HttpResponse<String> response) {
        String lower = response.body().toLowerCase(Locale.ROOT);
        for (String inside : INSIDES) {
            assertFalse(lower.contains(inside), inside + " in " + response.body());
        }
        assertTrue(response.headers().firstValue("server").isEmpty(), "no Server header");
    }

    private String rawRequest(String raw) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", slack.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
