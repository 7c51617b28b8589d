package dev.phasebot.support;

import dev.phasebot.slack.SlackRequestVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

/** Sends requests to the bot exactly as Slack signs them. */
public final class SignedSlackClient {

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
