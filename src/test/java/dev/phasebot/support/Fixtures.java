package dev.phasebot.support;

import dev.phasebot.Phasebot;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.delivery.DeliveryWorker;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped plan and a bot over a temp SQLite file, as most tests need them. */
public final class Fixtures {

    private Fixtures() {}

    public static Path shippedConfigPath() {
        Path path = Path.of("bot-config.yml");
        if (!Files.exists(path)) {
            throw new IllegalStateException("tests run from the project root, where bot-config.yml is");
        }
        return path;
    }

    public static BotConfig shippedConfig() {
        return new ConfigLoader().parse("bot-config.yml", shippedConfigText());
    }

    /**
     * The shipped file as tests read it: with {@code start: 2025-08-18} put back. The shipped file
     * leaves {@code phase.start} out (a newcomer's phase starts on its first run), but the tests'
     * dates (T3 due Thu 21 Aug 2025, ...) are written against that start. The one place it is put
     * back; {@link #shippedConfigTextAsShipped} is the file itself.
     */
    public static String shippedConfigText() {
        String shipped = shippedConfigTextAsShipped();
        String withStart = shipped.replaceFirst("(?m)^  # start: 2025-08-18$", "  start: 2025-08-18");
        if (withStart.equals(shipped)) {
            throw new IllegalStateException("bot-config.yml no longer has the commented phase.start line");
        }
        return withStart;
    }

    /** The next phase's name in {@link #nextPhaseConfigText}. */
    public static final String NEXT_PHASE = "AlphaPy Phase 3: Production Readiness";

    /**
     * The shipped file turned into the next phase's: {@code phase.name} is {@link #NEXT_PHASE},
     * {@code phase.start} left out (it starts the day it first runs), and a small plan of its own
     * whose ids (T1, T2, Gate 1) repeat phase 2's, as a next phase's would.
     */
    public static String nextPhaseConfigText() {
        String shipped = shippedConfigTextAsShipped();
        int plan = shipped.indexOf("\nplan:\n");
        if (plan < 0 || !shipped.contains("AlphaPy Phase 2: Specialist Implementation & Security Hardening")) {
            throw new IllegalStateException("bot-config.yml no longer has the phase name or plan: this fixture edits");
        }
        return shipped.substring(0, plan)
                        .replace("AlphaPy Phase 2: Specialist Implementation & Security Hardening", NEXT_PHASE)
                + """

                plan:
                  tasks:
                    - id: T1
                      title: Streaming pipeline
                      priority: HIGH
                      risk: MEDIUM
                      owner: python-ml-fintech-reviewer
                      due: "Week 1"
                      deliverables:
                        - Kafka consumer
                        - Backpressure tests
                    - id: T2
                      title: Production rollout
                      priority: CRITICAL
                      risk: HIGH
                      owner: devops-engineer
                      due: "Week 2"
                      depends_on: [T1]
                  gates:
                    - number: 1
                      name: Production Ready
                      owner: senior-system-developer
                      due: "Week 2"
                      criteria:
                        - Load test passed
                        - Runbook reviewed
                  success_metrics:
                    - name: Reliability
                      owner: devops-engineer
                      items:
                        - 99.9% availability over a week
                  risks:
                    - id: R1
                      risk: Broker capacity
                      detail: Kafka cluster sized for phase 2 traffic
                      mitigation: Load test before rollout
                      owner: devops-engineer
                """;
    }

    /** bot-config.yml exactly as shipped: without {@code phase.start}. */
    public static String shippedConfigTextAsShipped() {
        try {
            return Files.readString(shippedConfigPath());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The shipped plan with agents added up to {@code agents} (bench-agent-6, ... in the Quality
     * Assurance team): a large standup, as the close benchmark and its tests run it.
     */
    public static BotConfig shippedConfigWithAgents(int agents) {
        int shipped = shippedConfig().agents().size();
        StringBuilder extra = new StringBuilder("agents:\n");
        for (int i = shipped; i < agents; i++) {
            extra.append("  - id: bench-agent-").append(i).append("\n    team: Quality Assurance\n");
        }
        return new ConfigLoader()
                .parse(
                        "bot-config.yml with " + agents + " agents",
                        shippedConfigText().replaceFirst("(?m)^agents:\n", extra.toString()));
    }

    /**
     * Real time, moved to the last Tuesday at 14:00 in New York: benchmarks run on any day, and a
     * standup update is refused on a weekend. Afternoon, so no standup opens or closes meanwhile.
     */
    public static java.time.Clock realTimeOnATuesdayAfternoon() {
        java.time.ZoneId newYork = java.time.ZoneId.of("America/New_York");
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(newYork);
        java.time.ZonedDateTime tuesday = now.with(
                        java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.TUESDAY))
                .with(java.time.LocalTime.of(14, 0));
        return java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.between(now, tuesday));
    }

    /** A bot whose every agent is reachable (as on the console), not started: no Quartz, no threads. */
    public static Phasebot bot(Path db, SettableClock clock) {
        return new Phasebot(shippedConfig(), store(db), clock, true);
    }

    /** With {@code -Dphasebot.test.store=postgresql}, each file a scenario names is a PostgreSQL database. */
    private static final java.util.Map<Path, PostgresServer.Database> POSTGRES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The store of the scenario's {@code file}: the SQLite file, or with
     * {@code -Dphasebot.test.store=postgresql} a PostgreSQL database of its own (the same one when
     * the scenario opens the file again), so the whole suite can be run on the other store:
     * {@code mvn -B test -Dphasebot.test.store=postgresql}.
     */
    public static dev.phasebot.store.Database store(Path file) {
        if ("postgresql".equals(System.getProperty("phasebot.test.store"))) {
            return POSTGRES.computeIfAbsent(file.toAbsolutePath(), f -> PostgresServer.migratedDatabase())
                    .open();
        }
        return dev.phasebot.store.Database.open(file);
    }

    /** A delivery worker driven by hand over the bot's outbox. */
    public static DeliveryWorker worker(Phasebot bot, RecordingTransport transport, SettableClock clock) {
        return new DeliveryWorker(bot.database(), transport, clock, bot.outbox());
    }
}
