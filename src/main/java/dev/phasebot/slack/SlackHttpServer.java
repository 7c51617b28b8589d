package dev.phasebot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.phasebot.ops.AdminServer;
import dev.phasebot.ops.OpsPages;
import dev.phasebot.ops.OpsPages.Page;
import dev.phasebot.ops.QuietHttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's request URL ({@code POST /slack/events}) on Jetty 12, without a servlet layer: the
 * body is read as bytes (so the signature is checked over exactly what Slack signed), the
 * signature is verified by {@link SlackRequestVerifier}, and Bolt's {@link App} does the rest.
 * The same port carries the unsigned {@link OpsPages} ({@code GET /healthz}, {@code /readyz},
 * {@code /metrics}), and times each answer to Slack ({@code phasebot.ack.latency}).
 */
public final class SlackHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlackHttpServer.class);
    public static final String PATH = "/slack/events";
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Past this a too-large body is not even read: the connection is closed on it. */
    private static final long DISCARD_LIMIT_BYTES = 1024 * 1024;

    private final QuietHttpServer server;

    /** Slack's requests only; no operations pages, nothing timed (benchmarks build one bare). */
    public SlackHttpServer(String host, int port, App app, SlackRequestVerifier verifier) {
        // An empty composite registry drops what is recorded into it.
        this(host, port, app, verifier, OpsPages.none(), new CompositeMeterRegistry());
    }

    public SlackHttpServer(
            String host, int port, App app, SlackRequestVerifier verifier, OpsPages pages, MeterRegistry meters) {
        this(host, port, app, verifier, pages, meters, null);
    }

    /** {@code api}, when given, is asked first and answers only its own paths (the agents' API). */
    public SlackHttpServer(
            String host,
            int port,
            App app,
            SlackRequestVerifier verifier,
            OpsPages pages,
            MeterRegistry meters,
            Handler api) {
        Handler events = new EventsHandler(app, verifier, pages, ackLatency(meters));
        this.server = new QuietHttpServer(host, port, api == null ? events : new Handler.Sequence(api, events));
    }

    public void start() throws Exception {
        server.start();
    }

    /** The port actually bound (tests ask for port 0). */
    public int port() {
        return server.port();
    }

    /** Throws nothing checked: an InterruptedException out of close() is easily lost by try-with-resources. */
    @Override
    public void close() {
        server.close();
    }

    /**
     * From the request's arrival to the end of writing our answer. Slack gives up after 3 s, so
     * that is a bucket of its own; the percentile histogram lets p99 be computed over any window.
     */
    private static Timer ackLatency(MeterRegistry meters) {
        return Timer.builder("phasebot.ack.latency")
                .description("time from a Slack request's arrival to the end of our answer")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(3))
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
    }

    private static final class EventsHandler extends Handler.Abstract {

        private final App app;
        private final SlackRequestVerifier verifier;
        private final SlackRequestParser parser;
        private final OpsPages pages;
        private final Timer ackLatency;

        EventsHandler(App app, SlackRequestVerifier verifier, OpsPages pages, Timer ackLatency) {
            this.app = app;
            this.verifier = verifier;
            this.parser = new SlackRequestParser(app.config());
            this.pages = pages;
            this.ackLatency = ackLatency;
        }

        /** Reads and drops at most {@code limit} more bytes; stops early at the end of the body. */
        private static void discard(InputStream in, long limit) throws java.io.IOException {
            byte[] buffer = new byte[8192];
            long left = limit;
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= read;
            }
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (PATH.equals(Request.getPathInContext(request))) {
                Timer.Sample arrived = Timer.start();
                callback = Callback.from(() -> arrived.stop(ackLatency), callback);
            }
            try {
                return answer(request, response, callback);
            } catch (Exception e) {
                // Never echo an exception to the caller: the details stay in our log.
                log.error("request to {} failed", Request.getPathInContext(request), e);
                return plain(response, callback, 500, "internal error");
            }
        }

        private boolean answer(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            Optional<Page> page = pages.answer(request.getMethod(), path);
            if (page.isPresent()) {
                return AdminServer.writePage(response, callback, page.get());
            }
            if (!PATH.equals(path)) {
                return plain(response, callback, 404, "not found");
            }
            if (!"POST".equals(request.getMethod())) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
                return plain(response, callback, 405, "POST only");
            }
            if (request.getLength() > DISCARD_LIMIT_BYTES) {
                return plain(response, callback, 413, "request body too large");
            }
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
                if (body.length > MAX_BODY_BYTES) {
                    // Read the rest (bounded) so the client gets the 413 rather than a reset connection.
                    discard(in, DISCARD_LIMIT_BYTES - body.length);
                    return plain(response, callback, 413, "request body too large");
                }
            }
            String refusal = verifier.refusal(
                    request.getHeaders().get("X-Slack-Request-Timestamp"),
                    request.getHeaders().get("X-Slack-Signature"),
                    body);
            if (refusal != null) {
                log.info("refused an unsigned or stale request from {}: {}", Request.getRemoteAddr(request), refusal);
                return plain(response, callback, 401, "invalid request");
            }
            String text = new String(body, StandardCharsets.UTF_8);
            String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            Optional<String> malformed = RequestShape.problem(contentType, text);
            if (malformed.isPresent()) {
                return badRequest(request, response, callback, malformed.get());
            }
            Map<String, List<String>> headers = new HashMap<>();
            for (HttpField field : request.getHeaders()) {
                headers.computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>())
                        .add(field.getValue());
            }
            Map<String, List<String>> query = new HashMap<>();
            Fields fields = Request.extractQueryParameters(request);
            fields.forEach(f -> query.put(f.getName(), f.getValues()));
            SlackRequestParser.HttpRequest httpRequest = SlackRequestParser.HttpRequest.builder()
                    .requestUri(path)
                    .queryString(query)
                    .headers(new RequestHeaders(headers))
                    .requestBody(text)
                    .remoteAddress(Request.getRemoteAddr(request))
                    .build();
            com.slack.api.bolt.request.Request<?> slackRequest;
            try {
                slackRequest = parser.parse(httpRequest);
            } catch (RuntimeException e) {
                // The shape check passed, so this is a field of a type Bolt did not expect.
                return badRequest(
                        request,
                        response,
                        callback,
                        "Bolt could not read it: " + e.getClass().getSimpleName());
            }
            if (slackRequest == null) {
                return badRequest(request, response, callback, "not a request type Slack sends");
            }
            com.slack.api.bolt.response.Response answer = app.run(slackRequest);
            response.setStatus(answer.getStatusCode());
            if (answer.getHeaders() != null) {
                answer.getHeaders()
                        .forEach((name, values) ->
                                values.forEach(v -> response.getHeaders().add(name, v)));
            }
            String content = answer.getBody() == null ? "" : answer.getBody();
            if (answer.getContentType() != null) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.getContentType());
            }
            response.write(true, ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }

        /** The sender's mistake, not ours: said in the log at INFO, answered with a short 400. */
        private static boolean badRequest(Request request, Response response, Callback callback, String reason) {
            log.info("refused a malformed request from {}: {}", Request.getRemoteAddr(request), reason);
            return plain(response, callback, 400, "bad request: " + reason);
        }

        private static boolean plain(Response response, Callback callback, int status, String text) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
