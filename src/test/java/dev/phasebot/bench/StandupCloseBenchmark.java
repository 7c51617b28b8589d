package dev.phasebot.bench;

import dev.phasebot.Phasebot;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.delivery.ApiCall;
import dev.phasebot.delivery.HeldUntil;
import dev.phasebot.delivery.Pacer;
import dev.phasebot.standup.StandupUpdate;
import dev.phasebot.support.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Closing a standup of many agents: the summary built from every update (blockers naming other
 * agents and tasks), against reading and joining the same rows, in the same run; then how long
 * Slack's pacing makes a DM round to that many agents. Run with {@code bench/standup-close.sh}.
 */
public final class StandupCloseBenchmark {

    private StandupCloseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("phasebot-close-bench");
        Path configFile = rosterOf(agents, dir);
        BotConfig config = new ConfigLoader().load(configFile);
        System.out.printf(Locale.ROOT, "agents=%d runs=%d cores=%d java=%s%n", config.agents().size(), runs,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        List<Double> reads = new ArrayList<>();
        List<Double> closes = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        // run 0 warms the JIT and is not counted
        for (int run = 0; run <= runs; run++) {
            SettableClock clock = SettableClock.newYork("2026-11-24T09:00");
            try (Phasebot bot = new Phasebot(config, dir.resolve("close-" + run + ".db"), clock, true)) {
                String lead = config.lead().id();
                bot.standups().openNow(lead);
                clock.tick(Duration.ofMinutes(5));
                List<String> ids = config.agents().stream().map(a -> a.id()).toList();
                for (int i = 0; i < ids.size(); i++) {
                    String blockers = "waiting on @" + ids.get((i + 1) % ids.size()) + " and "
                            + ids.get((i + 7) % ids.size()) + " for T3, then T4";
                    bot.standups().submit(ids.get(i), new StandupUpdate("no new findings", blockers,
                            "item " + i, "pair with " + ids.get((i + 3) % ids.size())));
                }
                clock.tick(Duration.ofMinutes(10));

                long r0 = System.nanoTime();
                int rows = bot.database().read(tx -> tx.query("SELECT u.agent, u.blockers, u.commitments, "
                        + "u.coordination, s.day FROM standup_update u JOIN standup s ON s.day = u.day",
                        rs -> rs.getString(1) + rs.getString(2) + rs.getString(3) + rs.getString(4)).size());
                double read = (System.nanoTime() - r0) / 1e6;
                long c0 = System.nanoTime();
                bot.standups().closeNow(lead);
                double close = (System.nanoTime() - c0) / 1e6;
                if (rows < agents) {
                    throw new IllegalStateException("only " + rows + " updates were recorded");
                }
                if (run > 0) {
                    reads.add(read);
                    closes.add(close);
                    ratios.add(close / read);
                }
                System.out.printf(Locale.ROOT, "run %d: read %d rows %.1f ms, close %.1f ms%n", run, rows, read, close);
            }
        }
        System.out.println("| measurement | baseline: reading and joining the rows | phasebot: closing the standup | ratio |");
        System.out.println("|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| %d-agent standup close, median of %d | %.1f ms | %.1f ms | %.1fx |%n",
                agents, runs, median(reads), median(closes), median(ratios));

        Duration round = dmRound(config.agents().size());
        System.out.printf(Locale.ROOT, "a DM round to %d agents under Pacer.slack: the last DM goes out %.1f s after the first%n",
                config.agents().size(), round.toMillis() / 1000.0);
    }

    /** The shipped config with agents added up to {@code agents}. */
    private static Path rosterOf(int agents, Path dir) throws Exception {
        String shipped = Files.readString(Path.of("bot-config.yml"));
        int shippedAgents = new ConfigLoader().load(Path.of("bot-config.yml")).agents().size();
        StringBuilder extra = new StringBuilder("agents:\n");
        for (int i = shippedAgents; i < agents; i++) {
            extra.append("  - id: bench-agent-").append(i).append("\n    team: Quality Assurance\n");
        }
        Path file = dir.resolve("bot-config.yml");
        Files.writeString(file, shipped.replaceFirst("(?m)^agents:\n", extra.toString()));
        return file;
    }

    /** Asks the real pacer for one DM slot per agent, each a different channel, moving time as it says. */
    private static Duration dmRound(int agents) {
        SettableClock clock = SettableClock.newYork("2026-11-24T09:00");
        Pacer pacer = Pacer.slack(clock);
        Instant first = clock.instant();
        for (int i = 0; i < agents; i++) {
            ApiCall dm = new ApiCall(ApiCall.POST_MESSAGE, "D" + i);
            Optional<HeldUntil> held;
            while ((held = pacer.tryTake(dm)).isPresent()) {
                clock.set(held.get().until());
            }
        }
        return Duration.between(first, clock.instant());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
