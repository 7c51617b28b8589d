package dev.phasebot.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.incident.IncidentWeek;
import dev.phasebot.schedule.TimerService;
import dev.phasebot.standup.StandupReports.Participation;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SettableClock;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agenda is gathered before the write that posts it: reading a large team's week must not
 * hold the one writer, and every deadline queued behind it, for as long as that takes.
 */
class ReviewAgendaGatheringTest {

    private static final String LEAD = "senior-system-developer";

    @TempDir
    Path dir;

    private final SettableClock clock = SettableClock.newYork("2025-08-22T13:00");
    private final BotConfig config = Fixtures.shippedConfig();
    private final AtomicInteger gathered = new AtomicInteger();
    private Database database;
    private ReviewSession reviews;

    @BeforeEach
    void start() {
        database = Database.open(dir.resolve("phasebot.db"));
        reviews = new ReviewSession(
                config,
                database,
                new Outbox(clock),
                new TimerService(database, clock, TimerService.Arming.NONE),
                new AuditLog(),
                clock,
                new ReviewLog(config, database, new AuditLog(), clock),
                new ReviewInputs(
                        List::of,
                        List::of,
                        (from, to, now) -> new IncidentWeek(List.of(), List.of()),
                        this::participationWhileAnotherCallerWrites,
                        List::of,
                        List::of,
                        (title, owner, day) -> "T99"));
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void aWriteFromAnotherCallerCommitsWhileTheScheduledAgendaIsGathered() {
        assertTrue(reviews.postAgendaScheduled());
        assertEquals(1, gathered.get());
        assertEquals(
                1,
                database.read(tx -> tx.queryOne("SELECT count(*) FROM review", rs -> rs.getInt(1)))
                        .orElseThrow());
    }

    @Test
    void anAgendaAlreadyPostedIsNotGatheredAgain() {
        assertTrue(reviews.postAgendaScheduled());
        assertTrue(!reviews.postAgendaScheduled());
        assertEquals(1, gathered.get());
    }

    @Test
    void aWriteFromAnotherCallerCommitsWhileTheAgendaOfAReviewOpenedByHandIsGathered() {
        clock.setLocal("2025-08-20T10:00");
        reviews.openNow(LEAD);
        assertEquals(1, gathered.get());
    }

    /**
     * Stands in for reading the week's standups: while it runs, another caller writes and waits
     * for its commit. Were the agenda gathered inside the writer's transaction, that commit
     * could not come until the gathering ended, and this would time out.
     */
    private Participation participationWhileAnotherCallerWrites(java.time.LocalDate first, java.time.LocalDate last) {
        gathered.incrementAndGet();
        try {
            CompletableFuture.runAsync(() -> database.run(tx ->
                            tx.update("INSERT INTO audit_log(at, actor, action) VALUES (1, 'someone', 'meanwhile')")))
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("a write waited for the agenda to be gathered", e);
        }
        return new Participation(first, last, 0, List.of());
    }
}
