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
        Result r = run(
                Map.of("PHASEBOT_DB", dir.resolve("data/phasebot.db").toString()),
                "/standup open\n/standup security: all clear; today: review\n/standup close\n/phase\nquit\n");
        assertEquals(0, r.exit(), r.err());
        assertTrue(
                r.out().startsWith("\nphasebot console: AlphaPy Phase 2")
                        || r.out().startsWith("phasebot console: AlphaPy Phase 2"),
                "the conversation is all a newcomer sees, no logging set-up report: " + r.out());
        assertTrue(r.out().contains("[#alphapy-phase2] Daily standup, "), r.out());
        assertTrue(r.out().contains("[#alphapy-phase2] Daily standup summary"), r.out());
        assertTrue(Files.exists(dir.resolve("data/phasebot.db")));
        // The shipped file leaves phase.start out: a newcomer's phase starts today, nothing is overdue on day one.
        assertTrue(r.out().contains(", the day phasebot first ran it (phase.start is not set)"), r.out());
        assertTrue(r.out().contains("Overdue: nothing"), r.out());
    }

    @Test
    void givenAPostgresUrlTheJarKeepsItsStateInThatDatabaseAcrossRestarts() throws Exception {
        dev.phasebot.support.PostgresServer.Database pg = dev.phasebot.support.PostgresServer.freshDatabase();
        Map<String, String> env =
                Map.of("PHASEBOT_DB", pg.url(), "PHASEBOT_DB_USER", pg.user(), "PHASEBOT_DB_PASSWORD", pg.password());

        Result first = run(env, "/standup open\n/standup today: review the fuzzers\nquit\n");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("[#alphapy-phase2] Daily standup, "), first.out());
        Result second = run(env, "/standup status\nquit\n");
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("Posted: senior-system-developer"), second.out());
    }

    @Test
    void aBadConfigStopsTheBotWithOneLineNamingTheKey() throws Exception {
        Path config = dir.resolve("bot-config.yml");
        Files.writeString(
                config,
                Files.readString(Path.of("bot-config.yml")).replace("zone: America/New_York", "zone: Mars/Base"));
        Result r = run(
                Map.of(
                        "PHASEBOT_CONFIG",
                        config.toString(),
                        "PHASEBOT_DB",
                        dir.resolve("x.db").toString()),
                "");
        assertEquals(2, r.exit());
        assertEquals(
                "phasebot: " + config + ": phase.zone: expected a time zone id like America/New_York, got 'Mars/Base'",
                r.err().strip());
    }

    @Test
    void aTokenWithoutASigningSecretRefusesToStart() throws Exception {
        Result r = run(
                Map.of(
                        "SLACK_BOT_TOKEN",
                        "xoxb-test",
                        "PHASEBOT_DB",
                        dir.resolve("x.db").toString()),
                "");
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
            Files.writeString(
                    config,
                    Files.readString(Path.of("bot-config.yml"))
                            .replace(
                                    "  - id: qa-engineer\n    team: Quality Assurance\n",
                                    "  - id: qa-engineer\n    team: Quality Assurance\n    slack_user: U0QA\n"));
            ProcessBuilder pb = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    Path.of("target/phasebot.jar").toAbsolutePath().toString()));
            pb.environment()
                    .putAll(Map.of(
                            "SLACK_BOT_TOKEN",
                            "xoxb-it",
                            "SLACK_SIGNING_SECRET",
                            "it-secret",
                            "SLACK_API_URL",
                            api.url(),
                            "PORT",
                            Integer.toString(port),
                            "PHASEBOT_HOST",
                            "127.0.0.1",
                            "PHASEBOT_CONFIG",
                            config.toString(),
                            "PHASEBOT_DB",
                            dir.resolve("slack.db").toString()));
            Path err = dir.resolve("slack-err.txt");
            pb.redirectOutput(dir.resolve("slack-out.txt").toFile()).redirectError(err.toFile());
            Process p = pb.start();
            try {
                dev.phasebot.support.SignedSlackClient client =
                        new dev.phasebot.support.SignedSlackClient(port, "it-secret", java.time.Clock.systemUTC());
                // Served from the start; past "starting" once Slack confirmed the token and the bot started.
                awaitServing(client, p, err);
                assertTrue(
                        Files.readString(err).contains("the lead senior-system-developer is not linked"),
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
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target/phasebot.jar").toAbsolutePath().toString()));
        pb.environment().remove("SLACK_BOT_TOKEN");
        pb.environment().put("PHASEBOT_DB", db.toString());
        pb.redirectOutput(dir.resolve("first-out.txt").toFile())
                .redirectError(dir.resolve("first-err.txt").toFile());
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
            assertTrue(
                    second.err()
                            .strip()
                            .startsWith(
                                    "phasebot: " + db + " is in use by another phasebot (pid " + first.pid() + " on "),
                    second.err());
        } finally {
            first.getOutputStream().write("quit\n".getBytes(StandardCharsets.UTF_8));
            first.getOutputStream().close();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the first bot stops on quit");
        }
        assertEquals(0, run(Map.of("PHASEBOT_DB", db.toString()), "quit\n").exit(), "the lock is free once it stopped");
    }

    @Test
    void aSlackOutageAtStartUpIsWaitedOutWhileServingThenTheBotAnswersAndRefusesMalformedBodies() throws Exception {
        try (dev.phasebot.support.FakeSlackApi api = new dev.phasebot.support.FakeSlackApi()) {
            api.fail("auth.test", 429, Map.of("Retry-After", "1"), "{\"ok\":false,\"error\":\"ratelimited\"}");
            api.fail("auth.test", 500, Map.of(), "down");
            api.fail("auth.test", 503, Map.of(), "down");
            int port = Jars.freePort();
            Path err = dir.resolve("outage-err.txt");
            Process p = slackJar(api, port, "xoxb-outage", err);
            try {
                dev.phasebot.support.SignedSlackClient client =
                        new dev.phasebot.support.SignedSlackClient(port, "it-secret", java.time.Clock.systemUTC());
                long deadline = System.currentTimeMillis() + 30_000;
                String answer = "";
                int n = 0;
                boolean starting = false;
                while (!answer.contains("\"response_type\":\"ephemeral\"") || answer.contains("is starting")) {
                    starting |= answer.contains("phasebot is starting");
                    if (System.currentTimeMillis() > deadline || !p.isAlive()) {
                        throw new AssertionError(
                                "the bot never answered (alive: " + p.isAlive() + "): " + Files.readString(err));
                    }
                    try {
                        // Each trigger differs, so no two tries are the same signed request (a replay).
                        answer = client.post(dev.phasebot.support.SignedSlackClient.form(Map.of(
                                        "command",
                                        "/standup",
                                        "text",
                                        "status",
                                        "user_id",
                                        "U0QA",
                                        "team_id",
                                        "T0TEAM",
                                        "channel_id",
                                        "C1",
                                        "trigger_id",
                                        "try." + n++)))
                                .body();
                    } catch (java.net.ConnectException notYet) {
                        answer = "";
                    }
                    Thread.sleep(100); // polling another process, not timing
                }
                assertTrue(api.calls("auth.test").size() >= 4, "retried until Slack confirmed");
                assertTrue(starting, "while waiting, commands were answered that the bot is starting");
                assertTrue(
                        Files.readString(err).contains("cannot confirm the bot token with Slack yet (HTTP 429)"),
                        Files.readString(err));
                for (String payload : List.of(
                        "{not json",
                        "{\"type\":\"block_actions\",\"actions\":[]}",
                        "{\"type\":\"block_actions\",\"user\":{\"id\":\"U0QA\"},\"actions\":[{\"action_id\":\"incident_ack\",\"value\":\"x\"}]}",
                        "{\"type\":\"view_submission\",\"user\":{\"id\":\"U0QA\"},\"view\":{\"callback_id\":\"incident_act\",\"private_metadata\":\"assess\"}}")) {
                    assertRefusedPlainly(client.interaction(payload));
                }
                assertRefusedPlainly(client.post("command=%2Fstandup&text=status&channel_id=C1"));
                List<String> requestLog = Files.readAllLines(err).stream()
                        .filter(l -> l.contains("SlackHttpServer"))
                        .toList();
                assertEquals(
                        5,
                        requestLog.stream()
                                .filter(l -> l.contains(" INFO ") && l.contains("malformed"))
                                .count(),
                        "input errors are logged as such, not as our faults: " + requestLog);
                assertEquals(5, requestLog.size(), requestLog.toString());
            } finally {
                p.destroy();
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the bot");
        }
    }

    @Test
    void aTokenSlackRefusesStopsTheBotAtOnceWithTheReason() throws Exception {
        try (dev.phasebot.support.FakeSlackApi api = new dev.phasebot.support.FakeSlackApi()) {
            api.answer("auth.test", "{\"ok\":false,\"error\":\"invalid_auth\"}");
            Path err = dir.resolve("refused-err.txt");
            Process p = slackJar(api, Jars.freePort(), "xoxb-revoked", err);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("a refused token left the bot running: " + Files.readString(err));
            }
            assertEquals(4, p.exitValue(), Files.readString(err));
            List<String> lines = Files.readAllLines(err);
            assertEquals(
                    "phasebot: Slack refused SLACK_BOT_TOKEN (auth.test: invalid_auth); check the token, "
                            + "or reinstall the app if it was revoked",
                    lines.get(lines.size() - 1));
            assertEquals(1, api.calls("auth.test").size(), "no retry of a refusal");
            assertEquals(List.of(), api.calls("chat.postMessage"), "nothing was sent with a refused token");
        }
    }

    @Test
    void aFatalErrorAtStartUpEndsTheProcessWithOneLineAndANonZeroCode() throws Exception {
        Path notADirectory = dir.resolve("plain-file");
        Files.writeString(notADirectory, "x");
        Result r =
                run(Map.of("PHASEBOT_DB", notADirectory.resolve("phasebot.db").toString()), "quit\n");
        assertEquals(1, r.exit(), r.err());
        List<String> lines = r.err().strip().lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("phasebot: stopped: "), r.err());
    }

    @Test
    void aKillDuringAPostDoesNotPostItAgainAfterTheRestart() throws Exception {
        // Stamped by the wall clock, as Slack's ts are: the bot looks its post up by time.
        try (dev.phasebot.support.FakeSlackApi api =
                new dev.phasebot.support.FakeSlackApi(java.time.Clock.systemUTC())) {
            int port = Jars.freePort();
            api.stallNext("chat.postMessage");
            Path err = dir.resolve("kill-err.txt");
            Process first = slackJar(api, port, "xoxb-kill", err);
            dev.phasebot.support.SignedSlackClient client =
                    new dev.phasebot.support.SignedSlackClient(port, "it-secret", java.time.Clock.systemUTC());
            awaitServing(client, first, err);
            String raised = client.slashCommand("U0QA", "/incident", "raise HIGH CI runners are down")
                    .body();
            assertTrue(raised.contains("#1"), raised);
            api.await("chat.postMessage", 1, 30_000);
            first.destroyForcibly(); // SIGKILL while Slack holds the post and the bot has no answer
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));

            Process second = slackJar(api, port, "xoxb-kill", dir.resolve("kill-err-2.txt"));
            try {
                long deadline = System.currentTimeMillis() + 30_000;
                while (api.calls("conversations.history").isEmpty()) {
                    if (System.currentTimeMillis() > deadline || !second.isAlive()) {
                        throw new AssertionError("the restarted bot never looked the post up: "
                                + Files.readString(dir.resolve("kill-err-2.txt")));
                    }
                    Thread.sleep(100); // polling another process, not timing
                }
                awaitServing(client, second, dir.resolve("kill-err-2.txt"));
                client.slashCommand("U0QA", "/incident", "raise HIGH Second outage, after the restart");
                deadline = System.currentTimeMillis() + 30_000;
                while (api.posted().stream()
                        .noneMatch(p -> p.text() != null && p.text().contains("Second outage"))) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new AssertionError("the restarted bot does not post: " + api.posted());
                    }
                    Thread.sleep(100); // polling another process, not timing
                }
            } finally {
                second.destroy();
                assertTrue(second.waitFor(30, TimeUnit.SECONDS));
            }
            Map<String, Long> postsPerRow = api.posted().stream()
                    .filter(p -> p.metadata() != null)
                    .collect(java.util.stream.Collectors.groupingBy(
                            p -> p.metadata().replaceAll(".*\"outbox_id\":\"?(\\d+).*", "$1"),
                            java.util.stream.Collectors.counting()));
            assertTrue(
                    postsPerRow.values().stream().allMatch(n -> n == 1),
                    "each outbox row reached Slack once: " + postsPerRow);
            assertEquals(
                    1,
                    api.posted().stream()
                            .filter(p -> p.text() != null
                                    && p.text().contains("CI runners are down")
                                    && p.channel().equals("C0PHASE2"))
                            .count(),
                    "the card in flight at the kill was not posted again");
        }
    }

    /** Waits until the jar answers a signed command with more than "starting". */
    private static void awaitServing(dev.phasebot.support.SignedSlackClient client, Process p, Path err)
            throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        int n = 0;
        while (true) {
            try {
                String answer = client.post(dev.phasebot.support.SignedSlackClient.form(Map.of(
                                "command",
                                "/standup",
                                "text",
                                "status",
                                "user_id",
                                "U0QA",
                                "team_id",
                                "T0TEAM",
                                "channel_id",
                                "C1",
                                "trigger_id",
                                "wait." + System.nanoTime() + "." + n++)))
                        .body();
                if (answer.contains("\"response_type\":\"ephemeral\"") && !answer.contains("is starting")) {
                    return;
                }
            } catch (java.net.ConnectException notYet) {
                // not listening yet
            }
            if (System.currentTimeMillis() > deadline || !p.isAlive()) {
                throw new AssertionError(
                        "the bot never answered (alive: " + p.isAlive() + "): " + Files.readString(err));
            }
            Thread.sleep(100); // polling another process, not timing
        }
    }

    private static void assertRefusedPlainly(java.net.http.HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        String body = response.body().toLowerCase(java.util.Locale.ROOT);
        for (String inside : List.of("exception", "at dev.", "jetty", "gson")) {
            assertTrue(!body.contains(inside), inside + " in " + response.body());
        }
        assertTrue(response.headers().firstValue("server").isEmpty(), "no Server header");
    }

    /** The jar in HTTP mode against the Web API stand-in, with qa-engineer linked to U0QA. */
    private Process slackJar(dev.phasebot.support.FakeSlackApi api, int port, String token, Path err)
            throws IOException {
        Path config = dir.resolve("bot-config-" + token + ".yml");
        Files.writeString(
                config,
                Files.readString(Path.of("bot-config.yml"))
                        .replace(
                                "  - id: qa-engineer\n    team: Quality Assurance\n",
                                "  - id: qa-engineer\n    team: Quality Assurance\n    slack_user: U0QA\n")
                        .replace(
                                "    name: \"#alphapy-phase2\"\n",
                                "    name: \"#alphapy-phase2\"\n    id: C0PHASE2\n"));
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target/phasebot.jar").toAbsolutePath().toString()));
        pb.environment().remove("PHASEBOT_STANDBY");
        pb.environment()
                .putAll(Map.of(
                        "SLACK_BOT_TOKEN",
                        token,
                        "SLACK_SIGNING_SECRET",
                        "it-secret",
                        "SLACK_API_URL",
                        api.url(),
                        "PORT",
                        Integer.toString(port),
                        "PHASEBOT_HOST",
                        "127.0.0.1",
                        "PHASEBOT_CONFIG",
                        config.toString(),
                        "PHASEBOT_DB",
                        dir.resolve(token + ".db").toString()));
        pb.redirectOutput(dir.resolve(token + "-out.txt").toFile()).redirectError(err.toFile());
        return pb.start();
    }

    private record Result(int exit, String out, String err) {}

    private Result run(Map<String, String> env, String input) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(
                java.toString(),
                "-jar",
                Path.of("target/phasebot.jar").toAbsolutePath().toString()));
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
