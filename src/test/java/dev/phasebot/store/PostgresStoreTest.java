package dev.phasebot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.Phasebot;
import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandReply;
import dev.phasebot.delivery.DeliveryWorker;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.standup.StandupUpdate;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.PostgresServer;
import dev.phasebot.support.RecordingTransport;
import dev.phasebot.support.SettableClock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot on PostgreSQL, one process: the same services, repositories and SQL as on the SQLite
 * file, against a real server the test starts. What a team sees must not depend on the store.
 */
class PostgresStoreTest {

    private final SettableClock clock = SettableClock.newYork("2026-11-24T10:00");
    private final RecordingTransport slack = new RecordingTransport();
    private PostgresServer.Database pg;
    private Phasebot bot;
    private DeliveryWorker worker;

    @BeforeEach
    void start() {
        pg = PostgresServer.migratedDatabase();
        bot = new Phasebot(Fixtures.shippedConfig(), pg.open(), clock, true);
        worker = Fixtures.worker(bot, slack, clock);
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void aCriticalIncidentsMissedDeadlineIsNoticedOnceOnPostgresAsOnTheFile(@TempDir Path dir) {
        SettableClock fileClock = SettableClock.newYork("2026-11-24T10:00");
        RecordingTransport fileSlack = new RecordingTransport();
        try (Phasebot onFile = Fixtures.bot(dir.resolve("phasebot.db"), fileClock)) {
            DeliveryWorker fileWorker = Fixtures.worker(onFile, fileSlack, fileClock);
            List<String> onPostgres = missAnAssessment(bot, worker, slack, clock);
            List<String> onTheFile = missAnAssessment(onFile, fileWorker, fileSlack, fileClock);

            assertEquals(onTheFile, onPostgres, "the same messages, in the same order, to the same places");
            assertEquals(onFile.timers().pendingByKind(), bot.timers().pendingByKind());
        }
    }

    /** Raises a CRITICAL incident at 10:00 and lets its assessment fall due; what reached Slack. */
    private static List<String> missAnAssessment(
            Phasebot bot, DeliveryWorker worker, RecordingTransport slack, SettableClock clock) {
        long id = bot.incidents()
                .raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, "T4"))
                .id();
        assertEquals(1, id);
        worker.deliverDue();
        clock.at("10:31");
        assertEquals(2, bot.timers().runDue(), "the assessment's deadline (and the status reminder) fired");
        assertEquals(0, bot.timers().runDue(), "and only once");
        worker.deliverDue();
        return slack.delivered().stream()
                .map(d -> d.message().destination().key() + ": " + d.message())
                .toList();
    }

    @Test
    void aStandupRunsOnPostgresFromOpeningToSummary() {
        clock.at("09:00");
        assertTrue(bot.standupSession().openScheduled());
        clock.at("09:04");
        bot.standupUpdates().submit("qa-engineer", new StandupUpdate("", "waiting on T3", "fuzz the YAML loader", ""));
        assertEquals(
                List.of("qa-engineer"),
                bot.standupReports().status().posted().stream()
                        .map(p -> p.agent())
                        .toList());

        clock.at("09:15");
        bot.timers().runDue();
        worker.deliverDue();
        assertTrue(
                slack.delivered().stream().anyMatch(d -> d.message().toString().contains("fuzz the YAML loader")),
                "the summary carries the update");
    }

    @Test
    void theOrderOfATasksDependenciesIsKeptOnPostgres() {
        // The plan has T3 depend on T1 and T6; T2 added in Slack comes after them, not between.
        bot.dispatcher().handle(Caller.agent("senior-system-developer"), "/task", "depends T3 on T2");
        CommandReply shown = bot.dispatcher().handle(Caller.agent("qa-engineer"), "/task", "show T3");
        List<String> dependencies = ((CommandReply.Text) shown)
                .text()
                .lines()
                .filter(line -> line.matches("\\s*• T[126]: .*"))
                .map(line -> line.strip().substring(2, 4))
                .toList();
        assertEquals(List.of("T1", "T6", "T2"), dependencies, ((CommandReply.Text) shown).text());
    }
}
