package dev.phasebot.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * Calls a running API over real HTTP, as an agent's program would, and holds every exchange to
 * the OpenAPI document ({@link ApiContract}): one that breaks it fails the test that made it.
 */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final ApiContract contract;

    ApiClient(int port) {
        this(port, new ApiContract());
    }

    /** Clients of one test may share the contract, which is read once. */
    ApiClient(int port, ApiContract contract) {
        this.base = "http://127.0.0.1:" + port + ApiHandler.PREFIX;
        this.contract = contract;
    }

    record Answer(int status, JsonNode json, HttpHeaders headers) {

        String error() {
            return json.path("error").asText();
        }

        String field() {
            return json.path("field").isNull() ? null : json.path("field").asText();
        }

        Optional<String> retryAfter() {
            return header("Retry-After");
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET().build(), "");
    }

    Answer post(String path, String token, String body) {
        return send(
                request(path, token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                body);
    }

    /** Any method, without a body: for the methods a path is not served with. */
    Answer call(String method, String path, String token) {
        return send(
                request(path, token)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                "");
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Answer send(HttpRequest request, String body) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            List<String> broken = contract.problems(new ApiContract.Exchange(
                    request.method(),
                    request.uri(),
                    request.headers().map(),
                    body,
                    response.statusCode(),
                    response.headers().map(),
                    response.body()));
            if (!broken.isEmpty()) {
                throw new AssertionError(request.method() + " " + request.uri().getPath() + " breaks the OpenAPI "
                        + "document:\n  " + String.join("\n  ", broken));
            }
            JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json, response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
