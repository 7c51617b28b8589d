package dev.phasebot.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** The agent API of one phasebot, called with one agent's token. */
final class PhasebotClient {

    // A model waits on each tool call; a phasebot that does not answer in this long is not coming back soon.
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final McpSettings settings;
    private final HttpClient http;
    private final ObjectMapper json;

    PhasebotClient(McpSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The API's answer, whatever its status. */
    ApiAnswer send(ApiRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(settings.url() + "/api/v1" + request.path()))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + settings.token())
                .header("Accept", "application/json");
        if (request.body() == null) {
            http.GET();
        } else {
            http.header("Content-Type", "application/json")
                    .method(
                            request.method(),
                            HttpRequest.BodyPublishers.ofString(body(request), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response =
                this.http.send(http.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new ApiAnswer(response.statusCode(), response.body());
    }

    /** Where the calls go, for the message when phasebot cannot be reached. */
    URI url() {
        return settings.url();
    }

    private String body(ApiRequest request) {
        try {
            return json.writeValueAsString(request.body());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the arguments cannot be written as JSON", e);
        }
    }

    /** The API's answer: its HTTP status and its body, JSON as the API wrote it. */
    record ApiAnswer(int status, String body) {

        boolean ok() {
            return status / 100 == 2;
        }
    }

    /** One call to the agent API: {@code path} is under {@code /api/v1}; {@code body} is null for a GET. */
    record ApiRequest(String method, String path, Map<String, Object> body) {

        static ApiRequest get(String path) {
            return new ApiRequest("GET", path, null);
        }

        static ApiRequest post(String path, Map<String, Object> body) {
            return new ApiRequest("POST", path, Map.copyOf(body));
        }
    }
}
