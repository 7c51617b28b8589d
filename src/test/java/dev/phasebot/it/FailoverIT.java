package dev.phasebot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.PostgresServer;
import dev.phasebot.support.SignedSlackClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the packaged jar on one PostgreSQL and the Web API stand-in, as a team runs
 * them: a CRITICAL incident raised through the standby, milestones seconds apart, and the leader
 * killed or frozen before the first deadline. Every notice reaches Slack once, on time within
 * the take-over bound, and a frozen leader that wakes up sends nothing.
 */
class FailoverIT {

    /** Milestones of the shipped policy, in seconds instead of minutes and hours, without repeats. */
    private static final List<Duration> MILESTONES =
            List.of(Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(40));

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopEveryReplica() throws Exception {
        for (Process p : processes) {
            signal(p, "CONT");
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void whenTheLeaderIsKilledTheStandbyTakesOverWithinFiveSecondsAndEveryNoticeGoesOutOnce() throws Exception {
        try (FakeSlackApi api = new FakeSlackApi()) {
            Replicas two = startTwo(api);
            Instant raised = raiseThroughTheStandby(two);

            long killed = System.nanoTime();
            two.leader.process.destroyForcibly(); // SIGKILL: the kernel closes its sessions
            assertTrue(two.leader.process.waitFor(30, TimeUnit.SECONDS));
            await(() -> role(two.standby).equals("leader"), Duration.ofSeconds(10), "the standby took over", two);
            Duration takeOver = Duration.ofNanos(System.nanoTime() - killed);
            assertTrue(takeOver.compareTo(Duration.ofSeconds(5)) <= 0, "took over in " + takeOver);

            List<Instant> notices = awaitMilestoneNotices(api, two);
            assertOnTime(raised, notices, Duration.ofSeconds(5));
            assertEveryMessageOnce(api);
        }
    }

    @Test
    void whenTheLeaderIsStoppedCleanlyItReleasesTheLeaseAndTheStandbyTakesOverWithinFiveSeconds() throws Exception {
        try (FakeSlackApi api = new FakeSlackApi()) {
            Replicas two = startTwo(api);

            long stopped = System.nanoTime();
            two.leader.process.destroy(); // SIGTERM, as a supervisor or a rolling deploy stops it
            assertTrue(two.leader.process.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the leader");
            await(() -> role(two.standby).equals("leader"), Duration.ofSeconds(10), "the standby took over", two);
            Duration takeOver = Duration.ofNanos(System.nanoTime() - stopped);
            assertTrue(takeOver.compareTo(Duration.ofSeconds(5)) <= 0, "took over in " + takeOver);
            assertTrue(log(two.leader).contains("lease released"), log(two.leader));
        }
    }

    @Test
    void whenTheLeaderFreezesTheStandbyTakesOverAndTheOldLeaderSendsNothingAfterItWakes() throws Exception {
        try (FakeSlackApi api = new FakeSlackApi()) {
            Replicas two = startTwo(api);
            Instant raised = raiseThroughTheStandby(two);

            long frozen = System.nanoTime();
            signal(two.leader.process, "STOP"); // its sessions go silent; the server ends them after 10 s
            await(() -> role(two.standby).equals("leader"), Duration.ofSeconds(30), "the standby took over", two);
            Duration takeOver = Duration.ofNanos(System.nanoTime() - frozen);
            assertTrue(takeOver.compareTo(Duration.ofSeconds(30)) <= 0, "took over in " + takeOver);

            List<Instant> notices = awaitMilestoneNotices(api, two);
            Instant woken = Instant.now();
            signal(two.leader.process, "CONT");
            // Its lease thread, its Quartz triggers (misfired while frozen) and its delivery loop all run again now.
            await(
                    () -> log(two.leader).contains("lease lost"),
                    Duration.ofSeconds(15),
                    "the old leader noticed it lost the lease",
                    two);
            await(() -> role(two.leader).equals("standby"), Duration.ofSeconds(10), "the old leader is a standby", two);

            List<FakeSlackApi.Arrival> sentByTheOldLeaderAfterWaking = new ArrayList<>();
            for (String method : List.of("chat.postMessage", "chat.update")) {
                api.arrivals(method).stream()
                        .filter(a -> "xoxb-first".equals(a.call().param("token")))
                        .filter(a -> !a.at().isBefore(woken))
                        .forEach(sentByTheOldLeaderAfterWaking::add);
            }
            assertEquals(List.of(), sentByTheOldLeaderAfterWaking, "the fenced leader sent nothing");
            assertOnTime(raised, notices, Duration.ofSeconds(30));
            assertEveryMessageOnce(api);
        }
    }

    /** A replica: its process, port and log. */
    private record Replica(Process process, int port, Path err) {}

    private record Replicas(Replica leader, Replica standby) {}

    private Replicas startTwo(FakeSlackApi api) throws Exception {
        PostgresServer.Database pg = PostgresServer.migratedDatabase();
        Path config = shortMilestones();
        Replica first = replica(api, pg, config, "xoxb-first");
        await(() -> role(first).equals("leader"), Duration.ofSeconds(60), "the first replica leads", null);
        Replica second = replica(api, pg, config, "xoxb-second");
        Replicas two = new Replicas(first, second);
        await(() -> role(second).equals("standby"), Duration.ofSeconds(60), "the second replica is a standby", two);
        return two;
    }

    /** Raises a CRITICAL incident through the standby; waits for the leader to post its immediate messages. */
    private Instant raiseThroughTheStandby(Replicas two) throws Exception {
        Instant raised = Instant.now();
        SignedSlackClient standby = new SignedSlackClient(two.standby.port, "it-secret", Clock.systemUTC());
        String answer = standby.slashCommand("U0QA", "/incident", "CRITICAL Pipeline outage")
                .body();
        assertTrue(answer.contains("#1"), answer);
        return raised;
    }

    /** The three milestone notices, as the stand-in received them, in due order. */
    private List<Instant> awaitMilestoneNotices(FakeSlackApi api, Replicas two) throws Exception {
        List<String> names = List.of("technical assessment", "mitigation plan", "implementation or escalation");
        await(
                () -> names.stream().allMatch(name -> firstPost(api, name) != null),
                Duration.ofSeconds(90),
                "every milestone's notice was posted",
                two);
        return names.stream().map(name -> firstPost(api, name)).toList();
    }

    private static Instant firstPost(FakeSlackApi api, String milestone) {
        return api.arrivals("chat.postMessage").stream()
                .filter(a -> a.call().status() == 200)
                .filter(a -> String.valueOf(a.call().param("text")).contains("missed its " + milestone + " deadline"))
                .map(FakeSlackApi.Arrival::at)
                .findFirst()
                .orElse(null);
    }

    private static void assertOnTime(Instant raised, List<Instant> notices, Duration bound) {
        for (int i = 0; i < MILESTONES.size(); i++) {
            Instant due = raised.plus(MILESTONES.get(i));
            Duration late = Duration.between(due, notices.get(i));
            assertTrue(
                    late.compareTo(bound) <= 0 && late.compareTo(Duration.ofSeconds(-2)) >= 0,
                    "milestone " + (i + 1) + " notice came " + late + " after its due time, bound " + bound);
        }
    }

    /** Each outbox row is posted once, whichever replica sent it. */
    private static void assertEveryMessageOnce(FakeSlackApi api) {
        Map<String, Long> postsPerRow = api.posted().stream()
                .filter(p -> p.metadata() != null)
                .collect(Collectors.groupingBy(
                        p -> p.metadata().replaceAll(".*\"outbox_id\":\"?(\\d+).*", "$1"), Collectors.counting()));
        assertTrue(postsPerRow.size() >= 4, "the raise's messages and the three notices: " + postsPerRow);
        postsPerRow.forEach(
                (row, posts) -> assertEquals(1L, posts, "outbox row " + row + " posted " + posts + " times"));
    }

    private Path shortMilestones() throws IOException {
        String shipped = Files.readString(Path.of("bot-config.yml"));
        String milestones = shipped.substring(shipped.indexOf("  milestones:\n"), shipped.indexOf("\nplan:\n"));
        String shortened = milestones
                .replace("due: PT30M", "due: PT" + MILESTONES.get(0).toSeconds() + "S")
                .replace("due: PT60M", "due: PT" + MILESTONES.get(1).toSeconds() + "S")
                .replace("due: PT2H", "due: PT" + MILESTONES.get(2).toSeconds() + "S")
                .replaceAll("\n +repeat: \\{[^}]*\\}", "");
        Path config = dir.resolve("bot-config.yml");
        Files.writeString(
                config,
                shipped.replace(milestones, shortened)
                        .replace(
                                "  - id: qa-engineer\n    team: Quality Assurance\n",
                                "  - id: qa-engineer\n    team: Quality Assurance\n    slack_user: U0QA\n")
                        .replace(
                                "    name: \"#alphapy-phase2\"\n",
                                "    name: \"#alphapy-phase2\"\n    id: C0PHASE2\n"));
        return config;
    }

    private Replica replica(FakeSlackApi api, PostgresServer.Database pg, Path config, String token)
            throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target/phasebot.jar").toAbsolutePath().toString()));
        pb.environment().remove("PHASEBOT_STANDBY");
        pb.environment()
                .putAll(Map.of(
                        "SLACK_BOT_TOKEN", token,
                        "SLACK_SIGNING_SECRET", "it-secret",
                        "SLACK_API_URL", api.url(),
                        "PORT", Integer.toString(port),
                        "PHASEBOT_HOST", "127.0.0.1",
                        "PHASEBOT_CONFIG", config.toString(),
                        "PHASEBOT_DB", pg.url(),
                        "PHASEBOT_DB_USER", pg.user(),
                        "PHASEBOT_DB_PASSWORD", pg.password()));
        Path err = dir.resolve(token + "-err.txt");
        pb.redirectOutput(dir.resolve(token + "-out.txt").toFile()).redirectError(err.toFile());
        Process process = pb.start();
        processes.add(process);
        return new Replica(process, port, err);
    }

    /** The replica's role from its /readyz, or "" while it does not answer. */
    private String role(Replica replica) {
        try {
            HttpResponse<String> ready = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port + "/readyz"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = ready.body();
            if (ready.statusCode() != 200) {
                return "";
            }
            return body.contains("\"role\":\"leader\"")
                    ? "leader"
                    : body.contains("\"role\":\"standby\"") ? "standby" : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String log(Replica replica) {
        try {
            return Files.readString(replica.err);
        } catch (IOException e) {
            return "";
        }
    }

    private static void signal(Process process, String signal) throws Exception {
        if (process.isAlive()) {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void await(BooleanSupplier condition, Duration within, String what, Replicas two)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what
                        + (two == null
                                ? ""
                                : "\n--- first:\n" + log(two.leader) + "\n--- second:\n" + log(two.standby)));
            }
            Thread.sleep(100); // polling other processes, not timing
        }
    }
}
