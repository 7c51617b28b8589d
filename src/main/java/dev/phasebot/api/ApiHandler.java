package dev.phasebot.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.phasebot.command.Roster;
import dev.phasebot.message.Refusal;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * {@code /api/v1} on any Jetty 12 server: a Bearer token names the agent, then the call is
 * rate limited, its body bounded and read as JSON, routed, served by the core as that agent,
 * audited under the agent's name, and answered as JSON; every error as
 * {@code {"error": "...", "field": "..."}}.
 */
public final class ApiHandler extends Handler.Abstract {

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    public static final String PREFIX = "/api/v1";
    static final String OPENAPI = "/openapi.json";
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final ApiTokens tokens;
    private final Roster roster;
    private final List<Route> routes;
    private final RateLimit rateLimit;
    private final int perMinute;
    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    /** The limits: {@code perMinute} calls per token in any minute, as counted by {@code clock}. */
    public ApiHandler(
            ApiTokens tokens,
            Roster roster,
            ApiRoutes routes,
            int perMinute,
            Database database,
            AuditLog audit,
            Clock clock) {
        this.tokens = tokens;
        this.roster = roster;
        this.routes = routes.routes();
        this.rateLimit = new RateLimit(perMinute, Duration.ofMinutes(1), database, clock);
        this.perMinute = perMinute;
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /** The route table, for the test that keeps the OpenAPI document in step. */
    List<Route> routes() {
        return routes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            return false;
        }
        String under = path.substring(PREFIX.length());
        try {
            if (under.equals(OPENAPI)) {
                // Served to anyone, so its 405 needs no token either.
                return request.getMethod().equals("GET")
                        ? write(response, callback, 200, openApi())
                        : error(response, callback, notAllowed(request.getMethod(), Set.of("GET")));
            }
            String agent = authenticate(request);
            Optional<Duration> wait = rateLimit.take(agent);
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(seconds));
                return error(
                        response,
                        callback,
                        new ApiException(
                                429,
                                "Too many calls: at most " + perMinute + " a minute for one token. Retry after "
                                        + seconds + " s.",
                                null));
            }
            return serve(agent, request, under, response, callback);
        } catch (ApiException e) {
            return error(response, callback, e);
        } catch (RuntimeException e) {
            // Never echo an exception to the caller: the details stay in our log.
            log.error("API call {} {} failed", request.getMethod(), path, e);
            return error(response, callback, new ApiException(500, "internal error", null));
        }
    }

    private boolean serve(String agent, Request request, String under, Response response, Callback callback) {
        String method = request.getMethod();
        Route route = null;
        Map<String, String> params = null;
        Set<String> allowed = new TreeSet<>();
        for (Route candidate : routes) {
            Optional<Map<String, String>> matched = candidate.match(under);
            if (matched.isPresent()) {
                allowed.add(candidate.method());
                if (candidate.method().equals(method)) {
                    route = candidate;
                    params = matched.get();
                    break;
                }
            }
        }
        if (route == null) {
            ApiException no = allowed.isEmpty()
                    ? new ApiException(404, "no endpoint " + PREFIX + under + "; see " + PREFIX + OPENAPI, null)
                    : notAllowed(method, allowed);
            audited(agent, "api.call", method + " " + PREFIX + under + " -> " + no.status());
            return error(response, callback, no);
        }
        ApiException failed = null;
        byte[] answer = null;
        try {
            JsonNode body = method.equals("GET") ? null : body(request, route);
            answer = answer(route.endpoint().serve(new EndpointCall(agent, params, query(request), body)));
        } catch (Refusal no) {
            failed = new ApiException(refusalStatus(no), no.getMessage(), no.field());
        } catch (ApiException e) {
            failed = e;
        } catch (RuntimeException e) {
            audited(agent, "api." + route.operationId(), method + " " + PREFIX + under + " -> 500");
            throw e;
        }
        // Audited before the answer is sent: a caller that has its answer finds its row.
        audited(
                agent,
                "api." + route.operationId(),
                method + " " + PREFIX + under + " -> " + (failed == null ? 200 : failed.status()));
        return failed == null ? write(response, callback, 200, answer) : error(response, callback, failed);
    }

    /**
     * The HTTP status of the core's refusal. A {@link Refusal} carries no kind, only its words,
     * and the core words the two kinds that are not bad input the same way everywhere: a
     * permission refusal names who may ("Only the lead (...) may ..."), an unknown item says
     * "There is no task T99". Reading that here keeps the core untouched; {@code ApiHandlerTest}
     * pins both against real refusals, so a rewording shows up as a failing test, not a wrong status.
     */
    private static int refusalStatus(Refusal refusal) {
        String said = refusal.getMessage().strip();
        if (said.startsWith("Only ")) {
            return 403;
        }
        if (said.startsWith("There is no ")) {
            return 404;
        }
        return 400;
    }

    /** RFC 9110 asks a 405 to name the methods that are served there. */
    private static ApiException notAllowed(String method, Set<String> allowed) {
        return new ApiException(
                405,
                method + " is not allowed here; this path takes " + String.join(", ", allowed) + ".",
                null,
                Map.of(HttpHeader.ALLOW.asString(), String.join(", ", allowed)));
    }

    /** The agent whose token is presented; 401 for none, an unknown one, a revoked one, or an agent no longer in the plan. */
    private String authenticate(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip()
                : null;
        Optional<String> agent = token == null ? Optional.empty() : tokens.agentFor(token);
        if (agent.isEmpty() || !roster.isAgent(agent.get())) {
            log.info("refused an API call without a valid token from {}", Request.getRemoteAddr(request));
            // RFC 9110 asks a 401 to name the scheme it wants; RFC 6750 adds invalid_token for a token that failed.
            throw new ApiException(
                    401,
                    token == null
                            ? "Send the agent's token as Authorization: Bearer <token>."
                            : "That token is not valid (unknown or revoked). Ask the lead for one: /api token <agent>.",
                    null,
                    Map.of(
                            HttpHeader.WWW_AUTHENTICATE.asString(),
                            token == null
                                    ? "Bearer realm=\"phasebot\""
                                    : "Bearer realm=\"phasebot\", error=\"invalid_token\""));
        }
        return agent.get();
    }

    /** The JSON object body, at most {@link #MAX_BODY_BYTES}; its fields must be the route's. */
    private JsonNode body(Request request, Route route) {
        byte[] bytes;
        if (request.getLength() > MAX_BODY_BYTES) {
            throw new ApiException(413, "The body is larger than " + MAX_BODY_BYTES / 1024 + " KiB.", null);
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "The body is larger than " + MAX_BODY_BYTES / 1024 + " KiB.", null);
        }
        if (bytes.length == 0) {
            return null;
        }
        JsonNode body;
        try {
            body = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badInput("body", "The body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!body.isObject()) {
            throw ApiException.badInput("body", "The body must be a JSON object.");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!route.bodyFields().contains(name)) {
                // A misspelt field silently ignored would record less than the caller meant.
                throw ApiException.badInput(
                        name,
                        "Unknown field " + name + "; this endpoint takes "
                                + (route.bodyFields().isEmpty() ? "no body" : String.join(", ", route.bodyFields()))
                                + ".");
            }
        }
        return body;
    }

    private static Map<String, String> query(Request request) {
        Map<String, String> query = new HashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        fields.forEach(f -> query.put(f.getName(), f.getValue()));
        return query;
    }

    /** The core's record as JSON; a variant of a sealed result also says which ({@code "kind": "UpdateRecorded"}). */
    private byte[] answer(Object value) {
        JsonNode tree = json.valueToTree(value);
        Class<?> type = value.getClass();
        if (tree instanceof ObjectNode object
                && type.isRecord()
                && type.getEnclosingClass() != null
                && type.getEnclosingClass().isInterface()) {
            ObjectNode tagged = json.createObjectNode().put("kind", type.getSimpleName());
            tagged.setAll(object);
            tree = tagged;
        }
        return bytes(tree);
    }

    private byte[] bytes(Object tree) {
        try {
            return json.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }

    private byte[] openApi() {
        try (InputStream in = ApiHandler.class.getResourceAsStream("openapi.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void audited(String agent, String action, String detail) {
        database.run(tx -> audit.record(tx, clock.instant(), agent, action, detail));
    }

    private boolean error(Response response, Callback callback, ApiException e) {
        ObjectNode body = json.createObjectNode().put("error", e.getMessage());
        body.put("field", e.field());
        e.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        return write(response, callback, e.status(), bytes(body));
    }

    private static boolean write(Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
