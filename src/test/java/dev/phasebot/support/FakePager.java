package dev.phasebot.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A local stand-in for a pager that takes JSON over HTTP: PagerDuty's Events API v2 (answers 202
 * as PagerDuty does) or a webhook receiver. Records every request it got, headers and body, and
 * answers with scripted failures first (a 500, a 429 with Retry-After, a 400 for a bad key).
 */
public final class FakePager implements AutoCloseable {

    /** One request as it arrived: {@code status} is what the stand-in answered. */
    public record Request(String path, Map<String, List<String>> headers, String body, int status) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private record Scripted(int status, String retryAfter, String body) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Scripted> scripted = new ArrayDeque<>();

    public FakePager() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Where the bot sends: {@code http://127.0.0.1:<port>/v2/enqueue}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v2/enqueue");
    }

    /** The next requests get {@code status} (with this Retry-After and body; either may be null). */
    public synchronized void answerNext(int status, String retryAfter, String body) {
        scripted.add(new Scripted(status, retryAfter, body));
    }

    /** Every request, the refused ones too. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests it accepted (2xx). */
    public synchronized List<Request> accepted() {
        return requests.stream().filter(r -> r.status() / 100 == 2).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Scripted answer;
        synchronized (this) {
            answer = scripted.poll();
            if (answer == null) {
                answer = new Scripted(
                        202, null, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"x\"}");
            }
            requests.add(new Request(
                    exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body,
                    answer.status()));
        }
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        byte[] bytes = (answer.body() == null ? "" : answer.body()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
