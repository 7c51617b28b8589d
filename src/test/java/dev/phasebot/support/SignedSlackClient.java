package dev.phasebot.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.slack.SlackRequestVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Sends requests to the bot exactly as Slack signs them. */
public final class SignedSlackClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;
    private final String secret;
    private final Clock clock;

    public SignedSlackClient(int port, String secret, Clock clock) {
        this.url = "http://127.0.0.1:" + port + "/slack/events";
        this.secret = secret;
        this.clock = clock;
    }

    public HttpResponse<String> slashCommand(String userId, String command, String text) throws Exception {
        return slashCommand(userId, command, text, "http://127.0.0.1:9/commands/1");
    }

    /** As Slack sends it, with the response_url the bot may answer on after the ack. */
    public HttpResponse<String> slashCommand(String userId, String command, String text, String responseUrl)
            throws Exception {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("token", "legacy");
        fields.put("team_id", "T0TEAM");
        fields.put("team_domain", "phase");
        fields.put("channel_id", "C0ALPHAPYPHASE2");
        fields.put("channel_name", "alphapy-phase2");
        fields.put("user_id", userId);
        fields.put("user_name", "someone");
        fields.put("command", command);
        fields.put("text", text);
        fields.put("response_url", responseUrl);
        fields.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
        return post(form(fields));
    }

    public HttpResponse<String> interaction(String payloadJson) throws Exception {
        return post(form(Map.of("payload", payloadJson)));
    }

    /**
     * Presses a button on a message in {@code channelId}, as Slack sends block_actions: a form
     * opens on {@code triggerId}, an answer after the ack goes to {@code responseUrl}.
     */
    public HttpResponse<String> pressButton(
            String userId, String channelId, String actionId, String value, String triggerId, String responseUrl)
            throws Exception {
        Map<String, Object> payload = envelope("block_actions", userId, triggerId);
        payload.put("response_url", responseUrl);
        payload.put("container", Map.of("type", "message"));
        payload.put("channel", Map.of("id", channelId));
        payload.put(
                "actions",
                List.of(Map.of(
                        "action_id",
                        actionId,
                        "block_id",
                        "b",
                        "type",
                        "button",
                        "value",
                        value,
                        "action_ts",
                        "1764000000.1")));
        return interaction(JSON.writeValueAsString(payload));
    }

    /**
     * Submits a modal, as Slack sends view_submission: each of {@code inputs} is an input block
     * holding one plain-text input whose action id is "value" (a null text: left empty), in the
     * order given; a null {@code privateMetadata} is left out.
     */
    public HttpResponse<String> submitView(
            String userId, String callbackId, String privateMetadata, Map<String, String> inputs) throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        inputs.forEach((block, text) -> {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("type", "plain_text_input");
            input.put("value", text);
            values.put(block, Map.of("value", input));
        });
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", "V0VIEW");
        view.put("type", "modal");
        view.put("callback_id", callbackId);
        if (privateMetadata != null) {
            view.put("private_metadata", privateMetadata);
        }
        view.put("state", Map.of("values", values));
        Map<String, Object> payload = envelope("view_submission", userId, "5.6.7");
        payload.put("view", view);
        return interaction(JSON.writeValueAsString(payload));
    }

    /** What every interaction payload carries: its type, the workspace, the user and the app. */
    private static Map<String, Object> envelope(String type, String userId, String triggerId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("team", Map.of("id", "T0TEAM"));
        payload.put("user", Map.of("id", userId));
        payload.put("api_app_id", "A0APP");
        payload.put("trigger_id", triggerId);
        return payload;
    }

    public HttpResponse<String> post(String body) throws Exception {
        String ts = Long.toString(clock.millis() / 1000);
        return post(body, ts, SlackRequestVerifier.sign(secret, ts, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Any body with any content type, correctly signed. */
    public HttpResponse<String> post(String body, String contentType) throws Exception {
        String ts = Long.toString(clock.millis() / 1000);
        return post(
                body, ts, SlackRequestVerifier.sign(secret, ts, body.getBytes(StandardCharsets.UTF_8)), contentType);
    }

    /** An Events API callback, which Slack sends as JSON. */
    public HttpResponse<String> event(String json) throws Exception {
        String ts = Long.toString(clock.millis() / 1000);
        return post(
                json,
                ts,
                SlackRequestVerifier.sign(secret, ts, json.getBytes(StandardCharsets.UTF_8)),
                "application/json");
    }

    public HttpResponse<String> post(String body, String timestamp, String signature)
            throws IOException, InterruptedException {
        return post(body, timestamp, signature, "application/x-www-form-urlencoded");
    }

    private HttpResponse<String> post(String body, String timestamp, String signature, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (timestamp != null) {
            request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url.replace("/slack/events", path)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
