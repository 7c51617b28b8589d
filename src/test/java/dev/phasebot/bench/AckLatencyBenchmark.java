package dev.phasebot.bench;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.phasebot.Phasebot;
import dev.phasebot.config.Agent;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.slack.SlackHttpServer;
import dev.phasebot.slack.SlackRequestVerifier;
import dev.phasebot.slack.SlackRuntime;
import dev.phasebot.slack.SlackSettings;
import dev.phasebot.store.Database;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SignedSlackClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Slash-command ack latency and throughput of phasebot's /standup against a bare Bolt app
 * that only acks, both served by the same Jetty handler and signature check, measured in one
 * process on loopback. Run with {@code bench/ack-latency.sh}; results go in docs/BENCHMARKS.md.
 */
public final class AckLatencyBenchmark {

    private static final String SECRET = "bench-secret";
    private static final AtomicLong SEQ = new AtomicLong();
    private static final AtomicLong CLIENT_RETRIES = new AtomicLong();

    private AckLatencyBenchmark() {}

    /** Exits when done or failed: the servers' threads would otherwise keep a failed run alive. */
    public static void main(String[] args) {
        try {
            measure(args);
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void measure(String[] args) throws Exception {
        int clients = intArg(args, 0, 32);
        int requests = intArg(args, 1, 20_000);
        int rounds = intArg(args, 2, 3);
        int openLoopRate = intArg(args, 3, 0);
        int openLoopSeconds = intArg(args, 4, 5);
        int warmupRounds = intArg(args, 5, 2);
        Clock clock = Fixtures.realTimeOnATuesdayAfternoon();
        Path dir = Files.createTempDirectory("phasebot-bench");
        try (FakeSlackApi api = new FakeSlackApi()) {
            SlackConfig slackConfig = new SlackConfig();
            slackConfig.setMethodsEndpointUrlPrefix(api.url());
            App bare = new App(AppConfig.builder()
                    .slack(Slack.getInstance(slackConfig))
                    .singleTeamBotToken("xoxb-bench")
                    .signingSecret(SECRET)
                    .requestVerificationEnabled(false)
                    .build());
            bare.command("/standup", (req, ctx) -> ctx.ack());
            bare.start();
            SlackHttpServer bareServer =
                    new SlackHttpServer("127.0.0.1", 0, bare, new SlackRequestVerifier(SECRET, clock));
            bareServer.start();

            // The floor any durable update stands on: a bare Bolt handler that only writes one row
            // through phasebot's store (group commit, synchronous=FULL) and acks once it is durable.
            Database floorStore = Database.open(dir.resolve("floor.db"));
            App floor = new App(AppConfig.builder()
                    .slack(Slack.getInstance(slackConfig))
                    .singleTeamBotToken("xoxb-bench")
                    .signingSecret(SECRET)
                    .requestVerificationEnabled(false)
                    .build());
            floor.command("/standup", (req, ctx) -> {
                floorStore.run(tx -> tx.update(
                        "INSERT INTO audit_log(at, actor, action, detail) VALUES (?, ?, ?, ?)",
                        clock.millis(),
                        req.getPayload().getUserId(),
                        "bench",
                        req.getPayload().getText()));
                return ctx.ack();
            });
            floor.start();
            SlackHttpServer floorServer =
                    new SlackHttpServer("127.0.0.1", 0, floor, new SlackRequestVerifier(SECRET, clock));
            floorServer.start();

            var config = new ConfigLoader().load(Path.of("bot-config.yml"));
            Phasebot bot = new Phasebot(config, dir.resolve("bench.db"), clock, false);
            List<String> users = new ArrayList<>();
            bot.database().run(tx -> {
                for (Agent agent : config.agents()) {
                    String user = "U0" + agent.id().replaceAll("[^a-z]", "").toUpperCase(Locale.ROOT);
                    bot.agents().link(tx, agent.id(), user, "bench", clock.instant());
                    users.add(user);
                }
            });
            SlackRuntime phasebot = new SlackRuntime(
                    SlackSettings.http("xoxb-bench", SECRET, api.url(), "127.0.0.1", 0),
                    bot.dispatcher(),
                    bot.standupCommands(),
                    bot.incidentCommands(),
                    bot.agents(),
                    clock);
            phasebot.start();

            Map<String, Scenario> scenarios = new LinkedHashMap<>();
            scenarios.put(
                    "bare Bolt app, ack only (baseline)",
                    new Scenario(bareServer.port(), n -> command("U0QAENGINEER", "today: item " + n)));
            scenarios.put(
                    "bare Bolt app, one durable insert, then ack (floor for an update)",
                    new Scenario(floorServer.port(), n -> command("U0QAENGINEER", "today: item " + n)));
            scenarios.put(
                    "phasebot /standup status (read)",
                    new Scenario(phasebot.port(), n -> command(users.get((int) (n % users.size())), "status")));
            scenarios.put(
                    "phasebot /standup <update> (one SQLite commit)",
                    new Scenario(
                            phasebot.port(),
                            n -> command(
                                    users.get((int) (n % users.size())),
                                    "security: ok; blockers: none; today: item " + n)));

            System.out.printf(
                    Locale.ROOT,
                    "clients=%d requests=%d rounds=%d warm-up rounds=%d cores=%d java=%s%n",
                    clients,
                    requests,
                    rounds,
                    warmupRounds,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            // Throughput kept climbing for the first 40,000 requests a scenario (the JIT compiling
            // the client, Jetty and Bolt on the same two cores): warm-up rounds, also interleaved,
            // are run the same way and not counted.
            for (int round = 1; round <= warmupRounds; round++) {
                for (Map.Entry<String, Scenario> e : scenarios.entrySet()) {
                    Result r = run(e.getValue(), clients, requests, clock);
                    System.out.printf(Locale.ROOT, "warm-up %d: %s: %.0f req/s%n", round, e.getKey(), r.perSecond());
                }
            }
            // Interleaved A/B/C, A/B/C, ...: whatever else the machine does drifts over a run, and
            // one after another would charge the drift to whichever scenario came last. Each
            // round's ratios are against that round's baseline; the table gives medians.
            Map<String, List<Result>> results = new LinkedHashMap<>();
            Map<String, List<Double>> throughputRatios = new LinkedHashMap<>();
            Map<String, List<Double>> p99Ratios = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                Result baseline = null;
                for (Map.Entry<String, Scenario> e : scenarios.entrySet()) {
                    Result r = run(e.getValue(), clients, requests, clock);
                    if (baseline == null) {
                        baseline = r;
                    }
                    results.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(r);
                    throughputRatios
                            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                            .add(r.perSecond() / baseline.perSecond());
                    p99Ratios
                            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                            .add(r.p99() / baseline.p99());
                    System.out.printf(
                            Locale.ROOT,
                            "round %d: %s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, CPU %.0f us/req "
                                    + "(request threads %.0f, writer %.0f)%n",
                            round,
                            e.getKey(),
                            r.perSecond(),
                            r.p50(),
                            r.p99(),
                            r.cpuMicros(),
                            r.requestThreadMicros(),
                            r.writerMicros());
                }
            }
            System.out.printf(Locale.ROOT, "medians of %d interleaved rounds:%n", rounds);
            System.out.println("| scenario | req/s | p50 ms | p99 ms | CPU µs/req: all, request threads, writer "
                    + "| throughput vs baseline | p99 vs baseline |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (String name : scenarios.keySet()) {
                List<Result> rs = results.get(name);
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %.0f | %.2f | %.2f | %.0f, %.0f, %.0f | %.2fx | %.2fx |%n",
                        name,
                        median(rs.stream().map(Result::perSecond).toList()),
                        median(rs.stream().map(Result::p50).toList()),
                        median(rs.stream().map(Result::p99).toList()),
                        median(rs.stream().map(Result::cpuMicros).toList()),
                        median(rs.stream().map(Result::requestThreadMicros).toList()),
                        median(rs.stream().map(Result::writerMicros).toList()),
                        median(throughputRatios.get(name)),
                        median(p99Ratios.get(name)));
            }
            if (openLoopRate > 0) {
                openLoop(scenarios, rounds, openLoopRate, openLoopSeconds, clock);
            }
            System.out.printf(
                    Locale.ROOT,
                    "requests sent again after the client closed its own connection: %d%n",
                    CLIENT_RETRIES.get());
            phasebot.close();
            bareServer.close();
            bare.stop();
            floorServer.close();
            floor.stop();
            floorStore.close();
            bot.close();
        }
    }

    private record Scenario(int port, LongFunction<String> body) {}

    /**
     * CPU time per request: {@code cpuMicros} the whole process's (server, load generator, JIT, GC);
     * {@code requestThreadMicros} the servers' request threads' (Jetty's pool, which runs Bolt and
     * the handler); {@code writerMicros} the store's writer threads'.
     */
    private record Result(
            double perSecond,
            double p50,
            double p99,
            double max,
            double cpuMicros,
            double requestThreadMicros,
            double writerMicros) {}

    /** CPU time so far of the live threads whose names start with {@code prefix}. */
    private static long threadCpuNanos(String prefix) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(prefix)) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Result run(Scenario scenario, int clients, int requests, Clock clock) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + scenario.port() + "/slack/events");
        long[] latencies = new long[requests];
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        long cpuStart = processCpuNanos();
        long requestThreadsStart = threadCpuNanos("qtp");
        long writerStart = threadCpuNanos("phasebot-writer");
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long i;
                while ((i = next.getAndIncrement()) < requests) {
                    long t0 = System.nanoTime();
                    // a request sent again is signed anew: the same signature twice is refused as a replay
                    HttpResponse<String> response = sendRetryingClientRaces(
                            http, () -> signed(uri, scenario.body().apply(SEQ.incrementAndGet()), clock));
                    latencies[(int) i] = System.nanoTime() - t0;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMicros = (processCpuNanos() - cpuStart) / 1e3 / requests;
        double requestThreadMicros = (threadCpuNanos("qtp") - requestThreadsStart) / 1e3 / requests;
        double writerMicros = (threadCpuNanos("phasebot-writer") - writerStart) / 1e3 / requests;
        pool.shutdown();
        Arrays.sort(latencies);
        return new Result(
                requests / seconds,
                latencies[requests / 2] / 1e6,
                latencies[(int) (requests * 0.99)] / 1e6,
                latencies[requests - 1] / 1e6,
                cpuMicros,
                requestThreadMicros,
                writerMicros);
    }

    /**
     * The JDK's HttpClient now and then reuses a pooled connection it is closing itself ("HTTP/1.1
     * header parser received no bytes", caused by "connection closed locally") and fails the
     * request before it reaches the server. Such a request is sent again, counted, and the count
     * printed with the results, so a server that really drops connections still shows.
     */
    private static HttpResponse<String> sendRetryingClientRaces(
            HttpClient http, java.util.function.Supplier<HttpRequest> request) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request.get(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                if (attempt >= 3 || !closedLocally(e)) {
                    throw e;
                }
                CLIENT_RETRIES.incrementAndGet();
            }
        }
    }

    /** As {@link #sendRetryingClientRaces}, for the open loop; the latency still counts from the first send. */
    private static java.util.concurrent.CompletableFuture<HttpResponse<String>> sendAsyncRetryingClientRaces(
            HttpClient http, java.util.function.Supplier<HttpRequest> request, int attempts) {
        return http.sendAsync(request.get(), HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    if (error == null) {
                        return java.util.concurrent.CompletableFuture.completedFuture(response);
                    }
                    if (attempts <= 1 || !closedLocally(error)) {
                        return java.util.concurrent.CompletableFuture.<HttpResponse<String>>failedFuture(error);
                    }
                    CLIENT_RETRIES.incrementAndGet();
                    return sendAsyncRetryingClientRaces(http, request, attempts - 1);
                })
                .thenCompose(f -> f);
    }

    private static boolean closedLocally(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains("closed locally")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Requests sent at a fixed rate whatever the answers do, each latency counted from when the
     * request was due to be sent: a slow answer cannot hold back the requests behind it (as in
     * the closed loop), so queueing in the server shows in the tail.
     */
    private static void openLoop(Map<String, Scenario> scenarios, int rounds, int rate, int seconds, Clock clock)
            throws Exception {
        Map<String, List<Result>> results = new LinkedHashMap<>();
        Map<String, List<Double>> p99Ratios = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            Result baseline = null;
            for (Map.Entry<String, Scenario> e : scenarios.entrySet()) {
                Result r = openLoopRun(e.getValue(), rate, seconds, clock);
                if (baseline == null) {
                    baseline = r;
                }
                results.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(r);
                p99Ratios.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(r.p99() / baseline.p99());
                System.out.printf(
                        Locale.ROOT,
                        "open loop round %d: %s: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        round,
                        e.getKey(),
                        r.p50(),
                        r.p99(),
                        r.max());
            }
        }
        System.out.printf(
                Locale.ROOT,
                "open loop at %d req/s for %d s a scenario, medians of %d interleaved rounds:%n",
                rate,
                seconds,
                rounds);
        System.out.println("| scenario | p50 ms | p99 ms | max ms | p99 vs baseline |");
        System.out.println("|---|---|---|---|---|");
        for (String name : scenarios.keySet()) {
            List<Result> rs = results.get(name);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.2f | %.2f | %.2f | %.2fx |%n",
                    name,
                    median(rs.stream().map(Result::p50).toList()),
                    median(rs.stream().map(Result::p99).toList()),
                    median(rs.stream().map(Result::max).toList()),
                    median(p99Ratios.get(name)));
        }
    }

    private static Result openLoopRun(Scenario scenario, int rate, int seconds, Clock clock) throws Exception {
        ExecutorService answers = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(answers)
                .build();
        URI uri = URI.create("http://127.0.0.1:" + scenario.port() + "/slack/events");
        int requests = rate * seconds;
        long[] latencies = new long[requests];
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(requests);
        long interval = 1_000_000_000L / rate;
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int n = i;
            sendAsyncRetryingClientRaces(
                            http, () -> signed(uri, scenario.body().apply(SEQ.incrementAndGet()), clock), 3)
                    .whenComplete((response, error) -> {
                        latencies[n] = System.nanoTime() - due;
                        if (error != null || response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                        done.countDown();
                    });
        }
        if (!done.await(2, TimeUnit.MINUTES) || failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " requests failed or never answered");
        }
        answers.shutdown();
        double cpuMicros = (processCpuNanos() - cpuStart) / 1e3 / requests;
        Arrays.sort(latencies);
        return new Result(
                rate,
                latencies[requests / 2] / 1e6,
                latencies[(int) (requests * 0.99)] / 1e6,
                latencies[requests - 1] / 1e6,
                cpuMicros,
                0,
                0);
    }

    private static HttpRequest signed(URI uri, String body, Clock clock) {
        String ts = Long.toString(clock.millis() / 1000);
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts)
                .header(
                        "X-Slack-Signature",
                        SlackRequestVerifier.sign(SECRET, ts, body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String command(String user, String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("team_id", "T0TEAM");
        fields.put("user_id", user);
        fields.put("command", "/standup");
        fields.put("text", text);
        fields.put("response_url", "http://127.0.0.1:9/r");
        fields.put("trigger_id", "bench." + SEQ.incrementAndGet());
        return SignedSlackClient.form(fields);
    }

    private static int intArg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
