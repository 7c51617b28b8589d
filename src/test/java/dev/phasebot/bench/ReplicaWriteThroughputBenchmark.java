package dev.phasebot.bench;

import dev.phasebot.Phasebot;
import dev.phasebot.config.BotConfig;
import dev.phasebot.standup.StandupUpdate;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.PostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Standup updates a second on PostgreSQL, in process, no HTTP: through one replica's services
 * and through two replicas' (two bots, each on its own {@code Database} over the same database,
 * in one JVM; the client threads split between them), against a bare JDBC insert on the same
 * database (one INSERT a transaction in autocommit, the same client threads sharing a small
 * pool of plain connections, nothing of phasebot). Each update returns once committed. The three
 * scenarios are interleaved round by round, in one pass per server asked for: "durable", an
 * embedded server of its own with PostgreSQL's defaults (fsync and synchronous_commit on: a commit
 * waits for the disk), and "test", the tests' embedded server (fsync and synchronous_commit off,
 * the embedded binaries' defaults: a commit waits for no disk). Run with {@code bench/replica-writes.sh}; results go in docs/BENCHMARKS.md.
 */
public final class ReplicaWriteThroughputBenchmark {

    private ReplicaWriteThroughputBenchmark() {}

    /** One measured scenario: makes this many updates. */
    @FunctionalInterface
    private interface Scenario {
        void write(int count) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int updates = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        int connections = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        List<String> passes = List.of((args.length > 4 ? args[4] : "durable,test").split(","));
        int agentCount = 500;
        BotConfig config = Fixtures.shippedConfigWithAgents(agentCount);
        List<String> agents = config.agents().stream().map(a -> a.id()).toList();
        System.out.printf(
                Locale.ROOT,
                "threads=%d updates=%d rounds=%d connections=%d agents=%d servers=%s cores=%d java=%s%n",
                threads,
                updates,
                rounds,
                connections,
                agents.size(),
                String.join(",", passes),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (String server : passes) {
                switch (server) {
                    case "durable" -> {
                        try (EmbeddedPostgres durable = EmbeddedPostgres.builder()
                                .setServerConfig("fsync", "on")
                                .setServerConfig("synchronous_commit", "on")
                                .start()) {
                            pass(
                                    config,
                                    agents,
                                    threads,
                                    updates,
                                    rounds,
                                    connections,
                                    server,
                                    database(durable),
                                    pool);
                        }
                    }
                    case "test" ->
                        pass(
                                config,
                                agents,
                                threads,
                                updates,
                                rounds,
                                connections,
                                server,
                                PostgresServer.freshDatabase(),
                                pool);
                    default ->
                        throw new IllegalArgumentException(
                                "unknown server " + server + ": durable (fsync and synchronous_commit on) or test");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void pass(
            BotConfig config,
            List<String> agents,
            int threads,
            int updates,
            int rounds,
            int connections,
            String serverName,
            PostgresServer.Database pg,
            ExecutorService pool)
            throws Exception {
        AtomicLong seq = new AtomicLong();
        Clock clock = Fixtures.realTimeOnATuesdayAfternoon();
        BlockingQueue<Connection> plain = new ArrayBlockingQueue<>(connections);
        try (Phasebot first = new Phasebot(config, pg.open(), clock, false);
                Phasebot second = new Phasebot(config, pg.open(), clock, false)) {
            for (int i = 0; i < connections; i++) {
                plain.add(DriverManager.getConnection(pg.url(), pg.user(), pg.password()));
            }
            try (Statement sql = plain.peek().createStatement()) {
                // after the bots' migrations, which want the schema empty or their own
                sql.execute("CREATE TABLE row_insert (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                        + "agent TEXT NOT NULL, text TEXT NOT NULL)");
            }
            String server = settings(plain.peek());
            AtomicLongArray split = new AtomicLongArray(2);
            Map<String, Scenario> scenarios = new LinkedHashMap<>();
            scenarios.put(
                    "bare JDBC: one-row INSERT in autocommit, " + threads + " threads on " + connections
                            + " plain connections (baseline)",
                    count -> onThreads(pool, threads, count, (thread, i) -> {
                        Connection c = plain.take();
                        try (PreparedStatement insert =
                                c.prepareStatement("INSERT INTO row_insert(agent, text) VALUES (?, ?)")) {
                            insert.setString(1, agents.get((int) (i % agents.size())));
                            insert.setString(2, "today: item " + seq.incrementAndGet());
                            insert.executeUpdate();
                        } finally {
                            plain.add(c);
                        }
                    }));
            scenarios.put(
                    "phasebot StandupUpdates.submit, one replica, " + threads + " threads",
                    count -> onThreads(pool, threads, count, (thread, i) -> submit(first, agents, i, seq)));
            scenarios.put(
                    "phasebot StandupUpdates.submit, two replicas, " + threads / 2 + " threads each",
                    count -> onThreads(pool, threads, count, (thread, i) -> {
                        submit(thread % 2 == 0 ? first : second, agents, i, seq);
                        split.incrementAndGet(thread % 2);
                    }));

            System.out.printf(
                    Locale.ROOT,
                    "%s server: %s; one round trip (SELECT 1 on one connection): %.0f µs%n",
                    serverName,
                    server,
                    roundTripMicros(plain.peek()));
            for (Scenario s : scenarios.values()) {
                s.write(Math.max(500, updates / 5));
            }
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, List<Double>> ratios = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                Double baseline = null;
                for (Map.Entry<String, Scenario> e : scenarios.entrySet()) {
                    split.set(0, 0);
                    split.set(1, 0);
                    long t0 = System.nanoTime();
                    e.getValue().write(updates);
                    double perSecond = updates / ((System.nanoTime() - t0) / 1e9);
                    if (baseline == null) {
                        baseline = perSecond;
                    }
                    rates.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(perSecond);
                    ratios.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(perSecond / baseline);
                    String shares = split.get(0) + split.get(1) == 0
                            ? ""
                            : String.format(Locale.ROOT, " (%d and %d)", split.get(0), split.get(1));
                    System.out.printf(Locale.ROOT, "round %d: %s: %.0f/s%s%n", round, e.getKey(), perSecond, shares);
                }
            }
            System.out.printf(Locale.ROOT, "%s server: medians of %d interleaved rounds:%n", serverName, rounds);
            System.out.println("| scenario | updates/s | vs baseline |");
            System.out.println("|---|---|---|");
            for (String name : scenarios.keySet()) {
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %.0f | %.2fx |%n",
                        name,
                        median(rates.get(name)),
                        median(ratios.get(name)));
            }
        } finally {
            for (Connection c : plain) {
                c.close();
            }
        }
    }

    private static void submit(Phasebot bot, List<String> agents, long i, AtomicLong seq) {
        bot.standupUpdates()
                .submit(
                        agents.get((int) (i % agents.size())),
                        new StandupUpdate("ok", "none", "item " + seq.incrementAndGet(), ""));
    }

    /** One write, the {@code i}th of the scenario, made on client thread {@code thread}. */
    @FunctionalInterface
    private interface Write {
        void make(int thread, long i) throws Exception;
    }

    /** {@code count} writes drawn by {@code threads} client threads from one counter, until all are made. */
    private static void onThreads(ExecutorService pool, int threads, int count, Write write) throws Exception {
        AtomicLong next = new AtomicLong();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                long i;
                while ((i = next.getAndIncrement()) < count) {
                    write.make(thread, i);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
    }

    /**
     * A database on {@code server} as {@link PostgresServer#freshDatabase} makes them: owned by an
     * ordinary role, as the bot runs in production.
     */
    private static PostgresServer.Database database(EmbeddedPostgres server) throws Exception {
        try (Connection admin = server.getPostgresDatabase().getConnection();
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE phasebot_bench LOGIN PASSWORD 'bench'");
            sql.execute("CREATE DATABASE phasebot_bench OWNER phasebot_bench TEMPLATE template0");
        }
        return new PostgresServer.Database(
                "jdbc:postgresql://localhost:" + server.getPort() + "/phasebot_bench", "phasebot_bench", "bench");
    }

    /** The median time of a trivial statement on {@code c}: what each of the writer's statements costs at least. */
    private static double roundTripMicros(Connection c) throws Exception {
        List<Double> micros = new ArrayList<>();
        try (PreparedStatement one = c.prepareStatement("SELECT 1")) {
            for (int i = 0; i < 2_000; i++) {
                long t0 = System.nanoTime();
                try (ResultSet rs = one.executeQuery()) {
                    rs.next();
                }
                micros.add((System.nanoTime() - t0) / 1e3);
            }
        }
        return median(micros);
    }

    /** What the server does at a commit, as a session of this database sees it. */
    private static String settings(Connection c) throws Exception {
        List<String> shown = new ArrayList<>();
        try (Statement sql = c.createStatement()) {
            for (String name : List.of("server_version", "synchronous_commit", "fsync", "wal_sync_method")) {
                try (ResultSet rs = sql.executeQuery("SHOW " + name)) {
                    rs.next();
                    shown.add(name + "=" + rs.getString(1));
                }
            }
        }
        return String.join(" ", shown);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
