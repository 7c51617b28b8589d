package dev.phasebot.bench;

import dev.phasebot.Phasebot;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.standup.StandupUpdate;
import dev.phasebot.support.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Durable writes a second in process, no HTTP: the standup update path called by many threads
 * (each call returns only once its update is on disk) against SQLite's own rate for
 * single-row inserts, each committed with WAL and synchronous=FULL, on one connection in a
 * loop. Scenarios are interleaved round by round. Run with {@code bench/writes.sh}.
 */
public final class WriteThroughputBenchmark {

    private WriteThroughputBenchmark() {}

    /** One measured scenario: how many durable writes it made, given this many. */
    @FunctionalInterface
    private interface Scenario {
        void write(int count) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int writes = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory("phasebot-writes-bench");
        BotConfig config = new ConfigLoader().load(Path.of("bot-config.yml"));
        List<String> agents = config.agents().stream().map(a -> a.id()).toList();
        AtomicLong seq = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);

        try (Connection sqlite = bareConnection(dir.resolve("bare.db"));
                Phasebot bot =
                        new Phasebot(config, dir.resolve("bench.db"), Fixtures.realTimeOnATuesdayAfternoon(), false)) {
            try (Statement ddl = sqlite.createStatement()) {
                ddl.execute(
                        "CREATE TABLE row_insert (id INTEGER PRIMARY KEY, agent TEXT NOT NULL, text TEXT NOT NULL)");
            }
            PreparedStatement insert = sqlite.prepareStatement("INSERT INTO row_insert(agent, text) VALUES (?, ?)");
            Map<String, Scenario> scenarios = new LinkedHashMap<>();
            scenarios.put("SQLite alone: one-row insert and commit in a loop, one connection (baseline)", count -> {
                for (int i = 0; i < count; i++) {
                    insert.setString(1, agents.get(i % agents.size()));
                    insert.setString(2, "today: item " + seq.incrementAndGet());
                    insert.executeUpdate();
                }
            });
            scenarios.put("phasebot StandupUpdates.submit, " + threads + " threads", count -> {
                AtomicLong next = new AtomicLong();
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        long i;
                        while ((i = next.getAndIncrement()) < count) {
                            bot.standupUpdates()
                                    .submit(
                                            agents.get((int) (i % agents.size())),
                                            new StandupUpdate("ok", "none", "item " + seq.incrementAndGet(), ""));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            });

            System.out.printf(
                    Locale.ROOT,
                    "threads=%d writes=%d rounds=%d cores=%d java=%s%n",
                    threads,
                    writes,
                    rounds,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            for (Scenario s : scenarios.values()) {
                s.write(Math.max(500, writes / 5));
            }
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, List<Double>> ratios = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                Double baseline = null;
                for (Map.Entry<String, Scenario> e : scenarios.entrySet()) {
                    long t0 = System.nanoTime();
                    e.getValue().write(writes);
                    double perSecond = writes / ((System.nanoTime() - t0) / 1e9);
                    if (baseline == null) {
                        baseline = perSecond;
                    }
                    rates.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(perSecond);
                    ratios.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(perSecond / baseline);
                    System.out.printf(Locale.ROOT, "round %d: %s: %.0f/s%n", round, e.getKey(), perSecond);
                }
            }
            System.out.printf(Locale.ROOT, "medians of %d interleaved rounds:%n", rounds);
            System.out.println("| scenario | durable writes/s | vs baseline |");
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
            pool.shutdownNow();
        }
    }

    /** The settings phasebot's store uses, on a connection of its own in autocommit: one fsync a row. */
    private static Connection bareConnection(Path file) throws Exception {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return source.getConnection();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
