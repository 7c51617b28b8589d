package dev.phasebot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.PostgresServer;
import dev.phasebot.support.RecordingTransport;
import dev.phasebot.support.SettableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two bots on one PostgreSQL database, as two replicas run: what SQLite's one writer made
 * correct for free (the next task and incident numbers) stays correct when both write at once,
 * and what a replica kept in memory (agent links, timers to arm) reaches the other.
 */
class ReplicasOnPostgresTest {

    private final List<Phasebot> bots = new ArrayList<>();

    @AfterEach
    void close() {
        bots.forEach(Phasebot::close);
    }

    private Phasebot replica(PostgresServer.Database pg, BotConfig config, Clock clock) {
        Phasebot bot = new Phasebot(config, pg.open(), clock, true);
        bots.add(bot);
        return bot;
    }

    @Test
    void tasksAndIncidentsAddedThroughTwoReplicasAtOnceGetEveryNumberOnce() throws Exception {
        PostgresServer.Database pg = PostgresServer.migratedDatabase();
        SettableClock clock = SettableClock.newYork("2026-11-24T10:00");
        Phasebot a = replica(pg, Fixtures.shippedConfig(), clock);
        Phasebot b = replica(pg, Fixtures.shippedConfig(), clock);
        String lead = a.config().lead().id();
        int eachWay = 20;

        List<Callable<String>> work = new ArrayList<>();
        for (Phasebot bot : List.of(a, b)) {
            for (int i = 0; i < eachWay; i++) {
                int n = i;
                work.add(() -> bot.taskChanges()
                        .add(lead, "Task " + n, "HIGH", null, null, null, List.of())
                        .taskId());
                work.add(() -> "#"
                        + bot.incidents()
                                .raise("qa-engineer", new RaiseRequest("Outage " + n, "HIGH", false, null, null))
                                .id());
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<String> numbers = new ArrayList<>();
        try {
            for (Future<String> done : threads.invokeAll(work)) {
                numbers.add(done.get());
            }
        } finally {
            threads.shutdown();
        }

        Set<String> tasks = new TreeSet<>();
        Set<String> incidents = new TreeSet<>();
        numbers.forEach(n -> (n.startsWith("#") ? incidents : tasks).add(n));
        assertEquals(2 * eachWay, tasks.size(), "every task got a number of its own: " + numbers);
        assertEquals(2 * eachWay, incidents.size(), "every incident got a number of its own: " + numbers);
        Set<String> expectedIncidents = new TreeSet<>();
        for (int i = 1; i <= 2 * eachWay; i++) {
            expectedIncidents.add("#" + i);
        }
        assertEquals(expectedIncidents, incidents, "incident numbers follow each other with no gap");
    }

    @Test
    void aWriteThatReadsBeforeItWritesNeverInterleavesWithAnotherReplicasWrite() throws Exception {
        PostgresServer.Database pg = PostgresServer.migratedDatabase();
        try (dev.phasebot.store.Database a = pg.open();
                dev.phasebot.store.Database b = pg.open()) {
            a.run(tx -> {
                tx.update("CREATE TABLE counter(n BIGINT NOT NULL)");
                tx.update("INSERT INTO counter(n) VALUES (0)");
            });
            java.util.concurrent.CountDownLatch bothRead = new java.util.concurrent.CountDownLatch(2);
            List<Callable<Void>> replicas = new ArrayList<>();
            for (dev.phasebot.store.Database replica : List.of(a, b)) {
                replicas.add(() -> {
                    replica.run(tx -> {
                        long n = tx.queryOne("SELECT n FROM counter", rs -> rs.getLong(1))
                                .orElseThrow();
                        bothRead.countDown();
                        try {
                            // Gives the other replica every chance to read the same n, as the next task number was
                            // read.
                            bothRead.await(1, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        tx.update("UPDATE counter SET n = ?", n + 1);
                    });
                    return null;
                });
            }
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                for (Future<Void> done : threads.invokeAll(replicas)) {
                    done.get();
                }
            } finally {
                threads.shutdown();
            }
            assertEquals(
                    2L,
                    a.read(tx -> tx.queryOne("SELECT n FROM counter", rs -> rs.getLong(1)))
                            .orElseThrow(),
                    "the second read waited for the first write: no increment is lost");
        }
    }

    @Test
    void eachReplicaNamesItsRoleOnReadyzAndInItsMetricsAndAStandbyIsReady() {
        PostgresServer.Database pg = PostgresServer.freshDatabase();
        Clock clock = Fixtures.realTimeOnATuesdayAfternoon();
        Phasebot leader = replica(pg, Fixtures.shippedConfig(), clock);
        Phasebot standby = replica(pg, Fixtures.shippedConfig(), clock);
        leader.start(new RecordingTransport());
        standby.start(new RecordingTransport());

        var leaderReady = leader.opsPages().answer("GET", "/readyz").orElseThrow();
        var standbyReady = standby.opsPages().answer("GET", "/readyz").orElseThrow();
        assertEquals(200, leaderReady.status(), leaderReady.body());
        assertTrue(leaderReady.body().contains("\"role\":\"leader\""), leaderReady.body());
        assertEquals(200, standbyReady.status(), "a standby serves, so a load balancer sends it requests");
        assertTrue(standbyReady.body().contains("\"role\":\"standby\""), standbyReady.body());
        assertTrue(standbyReady.body().contains("standby: the leader runs the schedules"), standbyReady.body());
        assertTrue(leader.opsPages()
                .answer("GET", "/metrics")
                .orElseThrow()
                .body()
                .contains("phasebot_leader{store=\"postgresql\"} 1.0"));
        assertTrue(standby.opsPages()
                .answer("GET", "/metrics")
                .orElseThrow()
                .body()
                .contains("phasebot_leader{store=\"postgresql\"} 0.0"));
    }

    @Test
    void aLinkMadeThroughOneReplicaIsSeenByTheOtherAtOnce() {
        PostgresServer.Database pg = PostgresServer.migratedDatabase();
        SettableClock clock = SettableClock.newYork("2026-11-24T10:00");
        Phasebot a = replica(pg, Fixtures.shippedConfig(), clock);
        Phasebot b = replica(pg, Fixtures.shippedConfig(), clock);
        assertTrue(b.agents().agentForSlackUser("U0NEW").isEmpty());

        a.database().run(tx -> a.agents().link(tx, "qa-engineer", "U0NEW", "senior-system-developer", clock.instant()));

        assertEquals(
                "qa-engineer",
                b.agents().agentForSlackUser("U0NEW").orElseThrow().id(),
                "the other replica acts on the link with its very next request");
        a.database()
                .run(tx -> a.agents().link(tx, "qa-engineer", "U0MOVED", "senior-system-developer", clock.instant()));
        await(
                () -> b.agents().agentForSlackUser("U0NEW").isEmpty()
                        && b.agents().slackUser("qa-engineer").orElse("").equals("U0MOVED"),
                "a relink through A replaces the old link on B as it commits");
    }

    @Test
    void aDeadlineWrittenThroughTheStandbyIsArmedFiredAndSentByTheLeaderOnly() {
        PostgresServer.Database pg = PostgresServer.migratedDatabase();
        // Milestones of seconds, on real time: Quartz arms by the wall clock.
        BotConfig config = new ConfigLoader()
                .parse(
                        "bot-config.yml with milestones of seconds",
                        Fixtures.shippedConfigText()
                                .replace("due: PT30M", "due: PT2S")
                                .replace("due: PT60M", "due: PT3S")
                                .replace("due: PT2H", "due: PT4S"));
        Clock clock = Clock.system(config.phase().zone());
        Phasebot leader = replica(pg, config, clock);
        Phasebot standby = replica(pg, config, clock);
        RecordingTransport leaderSlack = new RecordingTransport();
        RecordingTransport standbySlack = new RecordingTransport();
        leader.start(leaderSlack);
        standby.start(standbySlack);
        assertTrue(leader.database().leadership().held());
        assertTrue(!standby.database().leadership().held());

        standby.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, "T4"));

        await(
                () -> leaderSlack.delivered().stream()
                        .anyMatch(d ->
                                d.message().toString().contains("missed its implementation or escalation deadline")),
                "the leader fired the last milestone, armed from the standby's write");
        assertEquals(List.of(), standbySlack.attempts(), "the standby sent nothing");
        assertEquals(0, standby.timers().runDue(), "and fires nothing, even when asked to");
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            try {
                Thread.sleep(20); // another thread's work on real time, not a timing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
