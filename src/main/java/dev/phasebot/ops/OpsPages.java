package dev.phasebot.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.ops.HealthCheck.CheckResult;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /healthz}, {@code /readyz} and {@code /metrics}, whichever server carries them
 * (the Slack request port, or {@link AdminServer}). Unsigned and read-only; the bodies say what
 * an operator needs and nothing about Slack: no token, team, user or channel.
 *
 * <p>{@code /healthz} answers 200 while the process can answer at all, so a supervisor restarts
 * only a dead or wedged process; {@code /readyz} answers 503 while any check fails (a bot still
 * waiting for Slack at start-up included), which is what alerts and a load balancer want. Its
 * body names the replica's role: a standby is ready (it answers Slack and the API as the leader
 * does) and says so, its schedules and delivery being the leader's.
 */
public final class OpsPages {

    public static final String HEALTH = "/healthz";
    public static final String READY = "/readyz";
    public static final String METRICS = "/metrics";
    private static final List<String> PATHS = List.of(HEALTH, READY, METRICS);
    private final ObjectMapper json = new ObjectMapper();

    private final Readiness readiness;
    private final Supplier<String> metrics;
    private final Supplier<String> role;

    /** The pages of the one process on its store: always the leader. */
    public OpsPages(Readiness readiness, Supplier<String> metrics) {
        this(readiness, metrics, () -> "leader");
    }

    /** {@code role}: "leader" or "standby", this replica's part among those sharing the store. */
    public OpsPages(Readiness readiness, Supplier<String> metrics, Supplier<String> role) {
        this.readiness = readiness;
        this.metrics = metrics;
        this.role = role;
    }

    /** Answers nothing: for a server built without the bot (benchmarks). */
    public static OpsPages none() {
        return new OpsPages(null, null);
    }

    /** The same pages with one more readiness check. */
    public OpsPages with(HealthCheck check) {
        return readiness == null ? this : new OpsPages(readiness.with(check), metrics, role);
    }

    /** The page for this request, or empty when the path is none of ours. */
    public Optional<Page> answer(String method, String path) {
        if (readiness == null || !PATHS.contains(path)) {
            return Optional.empty();
        }
        if (!"GET".equals(method)) {
            return Optional.of(new Page(405, Page.TEXT, "GET only"));
        }
        return Optional.of(
                switch (path) {
                    case HEALTH -> new Page(200, Page.JSON, "{\"status\":\"ok\"}");
                    case READY -> ready();
                    default -> new Page(200, Page.PROMETHEUS, metrics.get());
                });
    }

    /** The readiness page's body. */
    record ReadyBody(String status, String role, List<CheckResult> checks) {}

    private Page ready() {
        List<CheckResult> results = readiness.run();
        boolean ready = results.stream().allMatch(CheckResult::ok);
        try {
            return new Page(
                    ready ? 200 : 503,
                    Page.JSON,
                    json.writeValueAsString(new ReadyBody(ready ? "ready" : "not ready", role.get(), results)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the readiness page", e);
        }
    }

    /** An answer of the operations endpoints: status, content type and body, ready to write. */
    public record Page(int status, String contentType, String body) {

        static final String JSON = "application/json; charset=utf-8";
        static final String TEXT = "text/plain; charset=utf-8";
        /** Prometheus's text exposition format, version 0.0.4. */
        static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    }
}
