package dev.phasebot.bench;

import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.PostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Take-over time of a standby: two replicas of the packaged jar on one embedded PostgreSQL and
 * the Web API stand-in; the leader killed with SIGKILL or frozen with SIGSTOP, timed from the
 * signal until the standby's {@code /readyz} says {@code "role":"leader"}. The two scenarios
 * alternate round by round; after each round the killed replica is started again, or the
 * frozen one resumed (SIGCONT) and checked to report standby, so two replicas run at every
 * signal. Compared with the bounds (5 s after a crash, 30 s after a freeze) and with
 * the design's expectation. Run with {@code bench/failover.sh}; results go in docs/BENCHMARKS.md.
 */
public final class FailoverBenchmark {

    private static final String KILL = "SIGKILL of the leader";
    private static final String STOP = "SIGSTOP of the leader";
    /** How often /readyz is asked while waiting for a take-over: the figures' resolution. */
    private static final Duration PROBE = Duration.ofMillis(10);

    private final HttpClient http = HttpClient.newHttpClient();
    private final Path dir;
    private final FakeSlackApi api;
    private final PostgresServer.Database pg;
    private final Path jar;
    private int started;

    private FailoverBenchmark(Path dir, FakeSlackApi api, PostgresServer.Database pg, Path jar) {
        this.dir = dir;
        this.api = api;
        this.pg = pg;
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path jar = Path.of("target/phasebot.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": package it first (bench/failover.sh does)");
        }
        System.out.printf(
                Locale.ROOT,
                "rounds=%d cores=%d java=%s%n",
                rounds,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        List<Replica> replicas = new ArrayList<>();
        try (FakeSlackApi api = new FakeSlackApi()) {
            FailoverBenchmark bench = new FailoverBenchmark(
                    Files.createTempDirectory("phasebot-failover"), api, PostgresServer.freshDatabase(), jar);
            bench.run(rounds, replicas);
        } finally {
            for (Replica r : replicas) {
                signal(r.process, "CONT");
                r.process.destroyForcibly();
                r.process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private void run(int rounds, List<Replica> replicas) throws Exception {
        long t0 = System.nanoTime();
        Replica leader = start(replicas);
        await(leader, "leader", Duration.ofSeconds(120));
        Replica standby = start(replicas);
        await(standby, "standby", Duration.ofSeconds(120));
        System.out.printf(Locale.ROOT, "two replicas up in %.1f s (leader first, then a standby)%n", seconds(t0));

        Map<String, List<Double>> takeOvers = new LinkedHashMap<>();
        Random phases = new Random(20);
        for (int round = 1; round <= rounds; round++) {
            for (String scenario : List.of(KILL, STOP)) {
                // Each replica asks the server once a second, counted from its own start or wake-up; a
                // signal sent at once after the last round's would land at the same point of that
                // second every time. A pause of 2 to 3 s spreads the signals over it.
                Thread.sleep(2_000 + phases.nextInt(1_000));
                int lostBefore = leasesLost(leader);
                long signalled = System.nanoTime();
                if (scenario.equals(KILL)) {
                    leader.process.destroyForcibly(); // SIGKILL: the kernel closes its sessions at once
                } else {
                    signal(leader.process, "STOP"); // its sessions go silent; the server ends them after 10 s
                }
                await(standby, "leader", Duration.ofSeconds(60));
                double took = seconds(signalled);
                takeOvers.computeIfAbsent(scenario, k -> new ArrayList<>()).add(took);

                String after;
                Replica old = leader;
                leader = standby;
                if (scenario.equals(KILL)) {
                    old.process.waitFor(30, TimeUnit.SECONDS);
                    replicas.remove(old);
                    long restarted = System.nanoTime();
                    standby = start(replicas);
                    await(standby, "standby", Duration.ofSeconds(120));
                    after = String.format(
                            Locale.ROOT, "a new replica started, standby after %.1f s", seconds(restarted));
                } else {
                    long resumed = System.nanoTime();
                    signal(old.process, "CONT");
                    await(old, "standby", Duration.ofSeconds(60));
                    double standbyAfter = seconds(resumed);
                    Replica woken = old;
                    awaitLog(woken, () -> leasesLost(woken) > lostBefore, Duration.ofSeconds(15));
                    double loggedAfter = seconds(resumed);
                    standby = old;
                    after = String.format(
                            Locale.ROOT,
                            "the old leader resumed (SIGCONT): standby after %.2f s, logged 'lease lost' after %.2f s",
                            standbyAfter,
                            loggedAfter);
                }
                System.out.printf(Locale.ROOT, "round %d: %s: took over in %.2f s; %s%n", round, scenario, took, after);
            }
        }

        System.out.printf(Locale.ROOT, "medians of %d interleaved rounds:%n", rounds);
        System.out.println("| leader | take-over, median s | longest, s | rounds, s | bound | design's expectation |");
        System.out.println("|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Double>> e : takeOvers.entrySet()) {
            boolean kill = e.getKey().equals(KILL);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.2f | %.2f | %s | %s | %s |%n",
                    e.getKey(),
                    median(e.getValue()),
                    e.getValue().stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                    String.join(
                            ", ",
                            e.getValue().stream()
                                    .map(v -> String.format(Locale.ROOT, "%.2f", v))
                                    .toList()),
                    kill ? "5 s" : "30 s",
                    kill
                            ? "within about 1 s (the standby asks each second)"
                            : "9-11 s (idle_session_timeout 10 s from the last heartbeat, then a poll)");
        }
    }

    /** A replica: its process, port and log. */
    private record Replica(Process process, int port, Path err) {}

    /** Starts one more jar replica on the same database, the stand-in as its Slack. */
    private Replica start(List<Replica> replicas) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        int n = ++started;
        ProcessBuilder pb = new ProcessBuilder(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        pb.environment().remove("PHASEBOT_STANDBY");
        pb.environment()
                .putAll(Map.of(
                        "SLACK_BOT_TOKEN", "xoxb-bench-" + n,
                        "SLACK_SIGNING_SECRET", "bench-secret",
                        "SLACK_API_URL", api.url(),
                        "PORT", Integer.toString(port),
                        "PHASEBOT_HOST", "127.0.0.1",
                        "PHASEBOT_CONFIG",
                                Path.of("bot-config.yml").toAbsolutePath().toString(),
                        "PHASEBOT_DB", pg.url(),
                        "PHASEBOT_DB_USER", pg.user(),
                        "PHASEBOT_DB_PASSWORD", pg.password(),
                        "PHASEBOT_LOG_LEVEL", "INFO"));
        Path err = dir.resolve("replica-" + n + "-err.txt");
        pb.redirectOutput(dir.resolve("replica-" + n + "-out.txt").toFile()).redirectError(err.toFile());
        Replica replica = new Replica(pb.start(), port, err);
        replicas.add(replica);
        return replica;
    }

    /** The replica's role from its /readyz body, whatever its status, or "" while it does not answer. */
    private String role(Replica replica) {
        try {
            String body = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port + "/readyz"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
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

    private void await(Replica replica, String role, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!role(replica).equals(role)) {
            if (!replica.process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("replica on port " + replica.port + " did not report " + role
                        + " within " + within + "; its log:\n" + log(replica));
            }
            Thread.sleep(PROBE.toMillis()); // polling another process: the figures' resolution
        }
    }

    private static void awaitLog(Replica replica, BooleanSupplier said, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!said.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("replica on port " + replica.port + " did not log 'lease lost' within "
                        + within + "; its log:\n" + log(replica));
            }
            Thread.sleep(PROBE.toMillis()); // polling another process's log
        }
    }

    private static String log(Replica replica) {
        try {
            return Files.readString(replica.err);
        } catch (IOException e) {
            return "";
        }
    }

    private static int leasesLost(Replica replica) {
        return log(replica).split("lease lost", -1).length - 1;
    }

    private static void signal(Process process, String signal) throws Exception {
        if (process.isAlive()) {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
