package dev.phasebot.bench;

import dev.phasebot.Phasebot;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Re-arming measured as a real start-up: the packaged jar started as a new process on a copy of
 * a database file, timed from launch until it logs that it started (its timers re-armed), with no
 * timer pending (baseline) and with thousands pending, interleaved run by run.
 * Run with {@code bench/startup.sh}; results go in docs/BENCHMARKS.md.
 */
public final class StartupBenchmark {

    private static final Pattern STARTED = Pattern.compile("phasebot started: (\\d+) timers re-armed");

    private StartupBenchmark() {}

    public static void main(String[] args) throws Exception {
        int pending = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path jar = Path.of("target/phasebot.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": package it first (bench/startup.sh does)");
        }
        Path dir = Files.createTempDirectory("phasebot-startup");
        BotConfig config = new ConfigLoader().load(Path.of("bot-config.yml"));
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("no timers pending (baseline)", prepared(config, dir.resolve("baseline.db"), 0));
        files.put(
                String.format(Locale.ROOT, "%,d timers pending", pending),
                prepared(config, dir.resolve("pending.db"), pending));
        System.out.printf(
                Locale.ROOT,
                "pending=%d runs=%d cores=%d java=%s%n",
                pending,
                runs,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, Integer> rearmed = new LinkedHashMap<>();
        // run 0 warms the page cache and the disk alike for both, and is not counted
        for (int run = 0; run <= runs; run++) {
            for (Map.Entry<String, Path> e : files.entrySet()) {
                Path copy = dir.resolve("run-" + run + "-" + e.getValue().getFileName());
                Files.copy(e.getValue(), copy, StandardCopyOption.REPLACE_EXISTING);
                Started started = start(jar, copy);
                System.out.printf(
                        Locale.ROOT,
                        "run %d: %s: started in %.0f ms, %d timers re-armed%n",
                        run,
                        e.getKey(),
                        started.millis(),
                        started.rearmed());
                if (run > 0) {
                    times.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(started.millis());
                }
                rearmed.put(e.getKey(), started.rearmed());
            }
        }
        String baseline = files.keySet().iterator().next();
        double base = median(times.get(baseline));
        System.out.printf(Locale.ROOT, "medians of %d interleaved runs:%n", runs);
        System.out.println("| database | timers re-armed | start-up to \"started\", ms | vs baseline |");
        System.out.println("|---|---|---|---|");
        for (String name : files.keySet()) {
            double ms = median(times.get(name));
            System.out.printf(Locale.ROOT, "| %s | %,d | %.0f | %.2fx |%n", name, rearmed.get(name), ms, ms / base);
        }
        String more = new ArrayList<>(files.keySet()).get(1);
        System.out.printf(
                Locale.ROOT,
                "each pending timer adds %.1f µs to the start-up%n",
                (median(times.get(more)) - base) * 1000 / Math.max(1, rearmed.get(more) - rearmed.get(baseline)));
    }

    /** A database as the bot leaves it after a first run, with {@code extra} timers pending from an hour on. */
    private static Path prepared(BotConfig config, Path file, int extra) {
        Clock clock = Clock.systemUTC();
        try (Phasebot bot = new Phasebot(config, file, clock, false)) {
            Instant base = clock.instant().plus(Duration.ofHours(1));
            bot.database().run(tx -> {
                for (int i = 0; i < extra; i++) {
                    bot.timers().schedule(tx, "bench", "t" + i, base.plusSeconds(i));
                }
            });
        }
        return file;
    }

    private record Started(double millis, int rearmed) {}

    /** Launches the jar on the console (no token), keeps its input open, and waits for its "started" line. */
    private static Started start(Path jar, Path db) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
        Map<String, String> env = builder.environment();
        env.remove("SLACK_BOT_TOKEN");
        env.put("PHASEBOT_DB", db.toString());
        env.put("PHASEBOT_CONFIG", Path.of("bot-config.yml").toAbsolutePath().toString());
        env.put("PHASEBOT_LOG_LEVEL", "INFO");
        env.put("PORT", Integer.toString(freePort()));
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process process = builder.start();
        try (BufferedReader log =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = log.readLine()) != null) {
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    return new Started((System.nanoTime() - t0) / 1e6, Integer.parseInt(m.group(1)));
                }
            }
            throw new IllegalStateException("the bot ended without saying it started (exit " + process.waitFor() + ")");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
