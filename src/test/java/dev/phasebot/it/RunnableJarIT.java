package dev.phasebot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar the README tells newcomers to run, run as they would: a process with piped input. */
class RunnableJarIT {

    @TempDir
    Path dir;

    @Test
    void withNoSlackTokenTheJarRunsTheShippedPlanOnTheConsole() throws Exception {
        Result r = run(Map.of("PHASEBOT_DB", dir.resolve("data/phasebot.db").toString()),
                "/standup open\n/standup security: all clear; today: review\n/standup close\nquit\n");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("phasebot console: AlphaPy Phase 2"), r.out());
        assertTrue(r.out().contains("[#alphapy-phase2] :sunrise: *Daily standup"), r.out());
        assertTrue(r.out().contains("[#alphapy-phase2] *Daily standup summary"), r.out());
        assertTrue(Files.exists(dir.resolve("data/phasebot.db")));
    }

    @Test
    void aBadConfigStopsTheBotWithOneLineNamingTheKey() throws Exception {
        Path config = dir.resolve("bot-config.yml");
        Files.writeString(config, Files.readString(Path.of("bot-config.yml")).replace("zone: America/New_York", "zone: Mars/Base"));
        Result r = run(Map.of("PHASEBOT_CONFIG", config.toString(), "PHASEBOT_DB", dir.resolve("x.db").toString()), "");
        assertEquals(2, r.exit());
        assertEquals("phasebot: " + config + ": phase.zone: expected a time zone id like America/New_York, got 'Mars/Base'",
                r.err().strip());
    }

    @Test
    void aTokenWithoutASigningSecretRefusesToStart() throws Exception {
        Result r = run(Map.of("SLACK_BOT_TOKEN", "xoxb-test", "PHASEBOT_DB", dir.resolve("x.db").toString()), "");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("SLACK_SIGNING_SECRET is not"), r.err());
    }

    @Test
    void withATokenAndSecretTheJarServesSignedSlackRequestsAndStopsCleanly() throws Exception {
        try (dev.phasebot.support.FakeSlackApi api = new dev.phasebot.support.FakeSlackApi()) {
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Path config = dir.resolve("bot-config.yml");
            Files.writeString(config, Files.readString(Path.of("bot-config.yml"))
                    .replace("  - id: qa-engineer\n    team: Quality Assurance\n",
                            "  - id: qa-engineer\n    team: Quality Assurance\n    slack_user: U0QA\n"));
            ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", Path.of("target/phasebot.jar").toAbsolutePath().toString()));
            pb.environment().putAll(Map.of("SLACK_BOT_TOKEN", "xoxb-it", "SLACK_SIGNING_SECRET", "it-secret",
                    "SLACK_API_URL", api.url(), "PORT", Integer.toString(port), "PHASEBOT_HOST", "127.0.0.1",
                    "PHASEBOT_CONFIG", config.toString(), "PHASEBOT_DB", dir.resolve("slack.db").toString()));
            Path err = dir.resolve("slack-err.txt");
            pb.redirectOutput(dir.resolve("slack-out.txt").toFile()).redirectError(err.toFile());
            Process p = pb.start();
            try {
                dev.phasebot.support.SignedSlackClient client =
                        new dev.phasebot.support.SignedSlackClient(port, "it-secret", java.time.Clock.systemUTC());
                java.net.http.HttpResponse<String> response = null;
                long deadline = System.currentTimeMillis() + 30_000;
                while (response == null) {
                    try {
                        response = client.slashCommand("U0QA", "/standup", "status");
                    } catch (java.net.ConnectException notYet) {
                        if (System.currentTimeMillis() > deadline || !p.isAlive()) {
                            throw new AssertionError("the bot did not listen on " + port + ": " + Files.readString(err));
                        }
                        Thread.sleep(50); // polling for another process to start listening, not timing
                    }
                }
                assertEquals(200, response.statusCode(), response.body());
                assertTrue(response.body().contains("\"response_type\":\"ephemeral\""), response.body());
                assertTrue(Files.readString(err).contains("the lead senior-system-developer is not linked"),
                        "the start-up warning names what to fix");
            } finally {
                p.destroy();
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the bot");
        }
    }

    @Test
    void aSecondProcessOnTheSameDatabaseRefusesAndNamesTheFirst() throws Exception {
        Path db = dir.resolve("shared.db");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target/phasebot.jar").toAbsolutePath().toString()));
        pb.environment().remove("SLACK_BOT_TOKEN");
        pb.environment().put("PHASEBOT_DB", db.toString());
        pb.redirectOutput(dir.resolve("first-out.txt").toFile()).redirectError(dir.resolve("first-err.txt").toFile());
        Process first = pb.start();
        try {
            Path lock = dir.resolve("shared.db.lock");
            long deadline = System.currentTimeMillis() + 30_000;
            while (!Files.exists(lock) || Files.readString(lock).isEmpty()) {
                if (System.currentTimeMillis() > deadline || !first.isAlive()) {
                    throw new AssertionError("the first bot did not take the lock");
                }
                Thread.sleep(50); // polling for another process to start, not timing
            }
            Result second = run(Map.of("PHASEBOT_DB", db.toString()), "quit\n");
            assertEquals(3, second.exit(), second.err());
            assertTrue(second.err().strip().startsWith("phasebot: " + db + " is in use by another phasebot (pid "
                    + first.pid() + " on "), second.err());
        } finally {
            first.getOutputStream().write("quit\n".getBytes(StandardCharsets.UTF_8));
            first.getOutputStream().close();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the first bot stops on quit");
        }
        assertEquals(0, run(Map.of("PHASEBOT_DB", db.toString()), "quit\n").exit(), "the lock is free once it stopped");
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(Map<String, String> env, String input) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-jar", Path.of("target/phasebot.jar").toAbsolutePath().toString()));
        pb.environment().remove("SLACK_BOT_TOKEN");
        pb.environment().remove("SLACK_SIGNING_SECRET");
        pb.environment().remove("PHASEBOT_CONFIG");
        pb.environment().putAll(env);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the jar did not exit within 60 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
