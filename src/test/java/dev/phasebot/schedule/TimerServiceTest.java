package dev.phasebot.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.store.Database;
import dev.phasebot.support.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimerServiceTest {

    /** The store the timers live in: the SQLite file here, PostgreSQL in {@link TimerServiceOnPostgresTest}. */
    protected Database openStore() {
        return Database.open(dir.resolve("phasebot.db"));
    }

    @TempDir
    protected Path dir;

    private final SettableClock clock = SettableClock.newYork("2026-11-24T09:00");
    private Database db;
    private TimerService timers;
    private final List<String> fired = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = openStore();
        timers = new TimerService(db, clock, TimerService.Arming.NONE);
        timers.on("test", (tx, t, now) -> {
            fired.add(t.subject() + "@" + now);
            tx.update(
                    "INSERT INTO audit_log(at, actor, action, detail) VALUES (?, 'timer', 'fired', ?)",
                    now.toEpochMilli(),
                    t.subject());
        });
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aKindOfTimerHasOneHandlerAndASecondRegistrationIsRefused() {
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> timers.on("test", (tx, t, now) -> {}));
        assertTrue(refused.getMessage().contains("test"), refused.getMessage());
    }

    @Test
    void aTimerFiresOnceWhenDueAndNotBefore() {
        schedule("a", clock.instant().plus(Duration.ofMinutes(30)));

        clock.tick(Duration.ofMinutes(29).plusSeconds(59));
        assertEquals(0, timers.runDue());
        clock.tick(Duration.ofSeconds(1));
        assertEquals(1, timers.runDue());
        clock.tick(Duration.ofMinutes(5));
        assertEquals(0, timers.runDue());
        assertEquals(List.of("a@" + Instant.parse("2026-11-24T14:30:00Z")), fired);
    }

    @Test
    void aCancelledTimerNeverFires() {
        schedule("a", clock.instant().plus(Duration.ofMinutes(30)));
        db.run(tx -> assertTrue(timers.cancel(tx, "test", "a")));

        clock.tick(Duration.ofHours(1));
        assertEquals(0, timers.runDue());
        assertTrue(fired.isEmpty());
        assertTrue(timers.pending().isEmpty());
    }

    @Test
    void schedulingTheSameKindAndSubjectTwiceMakesOneTimer() {
        schedule("a", clock.instant().plusSeconds(60));
        schedule("a", clock.instant().plusSeconds(120));
        assertEquals(1, timers.pending().size());
    }

    @Test
    void aTimerFiredFromManyThreadsAtOnceRunsItsHandlerOnce() throws Exception {
        schedule("race", clock.instant());
        long id = timers.pending().get(0).id();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger wins = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                if (timers.fire(id)) {
                    wins.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(1, wins.get());
        assertEquals(1, fired.size());
        assertEquals(
                1,
                db.inTransaction(tx -> tx.queryOne("SELECT count(*) FROM audit_log", rs -> rs.getInt(1)))
                        .orElseThrow());
    }

    @Test
    void aHandlerThatFailsLeavesTheTimerPendingAndWritesNothing() {
        timers.on("flaky", (tx, t, now) -> {
            tx.update("INSERT INTO audit_log(at, actor, action) VALUES (1, 'x', 'half')");
            throw new IllegalStateException("boom");
        });
        db.run(tx -> timers.schedule(tx, "flaky", "f", clock.instant()));

        assertEquals(0, timers.runDue());
        assertEquals(1, timers.pending().size());
        assertEquals(
                0,
                db.inTransaction(tx -> tx.queryOne("SELECT count(*) FROM audit_log", rs -> rs.getInt(1)))
                        .orElseThrow());
    }

    @Test
    void rearmingArmsEveryPendingTimerFromTheRowsOfAPreviousProcess() {
        schedule("later", clock.instant().plus(Duration.ofHours(2)));
        schedule("sooner", clock.instant().plus(Duration.ofMinutes(1)));
        db.close();

        db = openStore();
        List<String> armed = new ArrayList<>();
        TimerService restarted = new TimerService(db, clock, (id, due) -> armed.add(id + "@" + due));
        assertEquals(2, restarted.rearmAll());
        assertEquals(2, armed.size());
        assertTrue(armed.get(0).endsWith("@" + clock.instant().plus(Duration.ofMinutes(1))));
    }

    @Test
    void atStartUpTimersThatFellDueWhileDownFireInDueOrderBeforeTheRestAreArmed() {
        schedule("third", clock.instant().plus(Duration.ofMinutes(30)));
        schedule("first", clock.instant().plus(Duration.ofMinutes(10)));
        schedule("second", clock.instant().plus(Duration.ofMinutes(20)));
        schedule("future", clock.instant().plus(Duration.ofHours(5)));
        db.close();
        clock.tick(Duration.ofHours(1));

        db = openStore();
        List<String> order = new ArrayList<>();
        List<String> armed = new ArrayList<>();
        // An arming that would fire everything handed to it at once, in any order, as a thread pool may.
        TimerService restarted = new TimerService(db, clock, (id, due) -> armed.add(id + "@" + due));
        restarted.on("test", (tx, t, now) -> order.add(t.subject()));

        assertEquals(4, restarted.rearmAll());
        assertEquals(List.of("first", "second", "third"), order, "fired by the start-up pass, earliest first");
        assertEquals(1, armed.size(), "only the future timer is left to the scheduler: " + armed);
    }

    @Test
    void dueTimersFireInDueOrder() {
        schedule("b", clock.instant().plusSeconds(20));
        schedule("a", clock.instant().plusSeconds(10));
        clock.tick(Duration.ofMinutes(1));
        assertEquals(2, timers.runDue());
        assertEquals("a", fired.get(0).substring(0, 1));
        assertFalse(fired.get(1).startsWith("a"));
    }

    private void schedule(String subject, Instant due) {
        db.run(tx -> timers.schedule(tx, "test", subject, due));
    }
}
