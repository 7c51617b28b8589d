package dev.phasebot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.support.FakeSlackApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's operations pages, asked as the Dockerfile's HEALTHCHECK asks them
 * ({@code GET /healthz} on {@code $PORT}) and as Prometheus would.
 */
class HealthEndpointsIT {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void overHttpTheRequestPortAnswersHealthzWithOkThenBecomesReadyAndServesMetrics() throws Exception {
        try (FakeSlackApi api = new FakeSlackApi()) {
            int port = Jars.freePort();
            Path err = dir.resolve("http-err.txt");
            ProcessBuilder pb = jar(err);
            pb.environment()
                    .putAll(Map.of(
                            "SLACK_BOT_TOKEN",
                            "xoxb-health",
                            "SLACK_SIGNING_SECRET",
                            "it-secret",
                            "SLACK_API_URL",
                            api.url(),
                            "PORT",
                            Integer.toString(port),
                            "PHASEBOT_HOST",
                            "127.0.0.1"));
            Process p = pb.start();
            try {
                HttpResponse<String> alive = await(p, err, port, "/healthz", 200);
                assertEquals("{\"status\":\"ok\"}", alive.body());
                HttpResponse<String> ready = await(p, err, port, "/readyz", 200);
                assertTrue(ready.body().startsWith("{\"status\":\"ready\""), ready.body());
                HttpResponse<String> metrics = get(port, "/metrics");
                assertEquals(200, metrics.statusCode());
                assertTrue(metrics.body().contains("phasebot_deliveries_total{result=\"sent\"}"), metrics.body());
            } finally {
                p.destroy();
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the bot");
        }
    }

    @Test
    void onTheConsoleTheAdminPortOpensOnlyWhenSetAndCallsSlacksCheckNotApplicable() throws Exception {
        int port = Jars.freePort();
        Path err = dir.resolve("console-err.txt");
        ProcessBuilder pb = jar(err);
        pb.environment().put("PHASEBOT_ADMIN_PORT", Integer.toString(port));
        pb.environment().put("PHASEBOT_HOST", "127.0.0.1");
        Process p = pb.start();
        try {
            await(p, err, port, "/healthz", 200);
            HttpResponse<String> ready = await(p, err, port, "/readyz", 200);
            assertTrue(
                    ready.body().contains("\"name\":\"slack_auth\",\"ok\":true,\"reason\":\"not applicable: "),
                    ready.body());
        } finally {
            p.getOutputStream().write("quit\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "quit stops the bot");
        assertEquals(0, p.exitValue(), Files.readString(err));
    }

    /** The jar on the shipped config and a fresh database, without any Slack variable of the caller's. */
    private ProcessBuilder jar(Path err) {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target/phasebot.jar").toAbsolutePath().toString()));
        for (String name : List.of(
                "SLACK_BOT_TOKEN",
                "SLACK_SIGNING_SECRET",
                "SLACK_APP_TOKEN",
                "PHASEBOT_CONFIG",
                "PHASEBOT_STANDBY",
                "PHASEBOT_ADMIN_PORT")) {
            pb.environment().remove(name);
        }
        pb.environment().put("PHASEBOT_DB", dir.resolve("phasebot.db").toString());
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile());
        return pb;
    }

    /** Asks until the page answers {@code status}: the process takes a moment to start and to become ready. */
    private HttpResponse<String> await(Process p, Path err, int port, String path, int status) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        String last = "no answer";
        while (true) {
            try {
                HttpResponse<String> response = get(port, path);
                if (response.statusCode() == status) {
                    return response;
                }
                last = response.statusCode() + " " + response.body();
            } catch (java.net.ConnectException notYet) {
                // not listening yet
            }
            if (System.currentTimeMillis() > deadline || !p.isAlive()) {
                throw new AssertionError(path + " never answered " + status + " (alive: " + p.isAlive() + ", last: "
                        + last + "): " + Files.readString(err));
            }
            Thread.sleep(100); // polling another process, not timing
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
