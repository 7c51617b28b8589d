package dev.phasebot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteQueueTest {

    @TempDir
    Path dir;

    private Database db;
    private final ExecutorService callers = Executors.newFixedThreadPool(16);
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("phasebot.db"));
    }

    @AfterEach
    void close() {
        release.countDown();
        callers.shutdownNow();
        db.close();
    }

    @Test
    void everyWriteOfManyConcurrentWritersIsDurableAndVisibleOnceItsCallerReturns() throws Exception {
        int writers = 16;
        int each = 40;
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String actor = "w" + w;
            done.add(CompletableFuture.runAsync(
                    () -> {
                        for (int i = 0; i < each; i++) {
                            int n = i;
                            db.run(tx -> insert(tx, actor, "n" + n));
                            // what a caller wrote is there for its very next read
                            assertEquals(n + 1, countBy(db, actor));
                        }
                    },
                    callers));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        db.close();

        db = Database.open(dir.resolve("phasebot.db"));
        assertEquals(writers * each, count(db));
    }

    @Test
    void requestsQueuedWhileTheWriterIsBusyCommitTogetherInOneTransaction() throws Exception {
        CompletableFuture<Void> blocker = holdTheWriter();
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String action = "q" + i;
            queued.add(CompletableFuture.runAsync(() -> db.run(tx -> insert(tx, "a", action)), callers));
        }
        awaitQueued(10);
        long commitsBefore = db.commits();

        release.countDown();
        blocker.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertEquals(11, count(db));
        assertEquals(commitsBefore + 2, db.commits(), "the blocker's commit and one for the ten queued");
    }

    @Test
    void aFailingRequestRollsBackOnlyItselfAndItsCallerGetsItsOwnException() throws Exception {
        CompletableFuture<Void> blocker = holdTheWriter();
        CompletableFuture<Void> before =
                CompletableFuture.runAsync(() -> db.run(tx -> insert(tx, "a", "before")), callers);
        awaitQueued(1);
        IllegalStateException boom = new IllegalStateException("boom");
        CompletableFuture<Void> failing = CompletableFuture.runAsync(
                () -> db.run(tx -> {
                    insert(tx, "a", "failing");
                    throw boom;
                }),
                callers);
        awaitQueued(2);
        CompletableFuture<Void> badSql = CompletableFuture.runAsync(
                () -> db.run(tx -> {
                    insert(tx, "a", "bad-sql");
                    tx.update("INSERT INTO no_such_table VALUES (1)");
                }),
                callers);
        awaitQueued(3);
        CompletableFuture<Void> after =
                CompletableFuture.runAsync(() -> db.run(tx -> insert(tx, "a", "after")), callers);
        awaitQueued(4);
        long commitsBefore = db.commits();

        release.countDown();
        blocker.get(10, TimeUnit.SECONDS);
        before.get(10, TimeUnit.SECONDS);
        after.get(10, TimeUnit.SECONDS);
        ExecutionException failed = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
        assertSame(boom, failed.getCause());
        ExecutionException sql = assertThrows(ExecutionException.class, () -> badSql.get(10, TimeUnit.SECONDS));
        assertTrue(sql.getCause() instanceof StoreException, sql.getCause().toString());

        assertEquals(List.of("after", "before", "blocker"), actions(db));
        assertEquals(commitsBefore + 2, db.commits(), "the four queued requests shared one commit");
    }

    @Test
    void aTimerFiringQueuedBehindABurstOfUpdatesIsWrittenFirst() throws Exception {
        CompletableFuture<Void> blocker = holdTheWriter();
        List<CompletableFuture<Void>> updates = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String action = "update" + i;
            updates.add(CompletableFuture.runAsync(() -> db.run(tx -> insert(tx, "a", action)), callers));
        }
        awaitQueued(10);
        CompletableFuture<Void> timer = CompletableFuture.runAsync(
                () -> db.run(WritePriority.DEADLINE, tx -> insert(tx, "a", "deadline")), callers);
        awaitQueued(11);

        release.countDown();
        blocker.get(10, TimeUnit.SECONDS);
        timer.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(updates.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        List<String> written =
                db.read(tx -> tx.query("SELECT action FROM audit_log ORDER BY id", rs -> rs.getString(1)));
        assertEquals("blocker", written.get(0));
        assertEquals("deadline", written.get(1), written.toString());
        assertEquals(12, written.size());
    }

    @Test
    void deliveryBookkeepingIsWrittenBeforeUpdatesButAfterADeadline() throws Exception {
        CompletableFuture<Void> blocker = holdTheWriter();
        CompletableFuture<Void> update =
                CompletableFuture.runAsync(() -> db.run(tx -> insert(tx, "a", "update")), callers);
        awaitQueued(1);
        CompletableFuture<Void> delivery = CompletableFuture.runAsync(
                () -> db.run(WritePriority.DELIVERY, tx -> insert(tx, "a", "delivery")), callers);
        awaitQueued(2);
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(
                () -> db.run(WritePriority.DEADLINE, tx -> insert(tx, "a", "deadline")), callers);
        awaitQueued(3);

        release.countDown();
        CompletableFuture.allOf(blocker, update, delivery, deadline).get(10, TimeUnit.SECONDS);

        assertEquals(
                List.of("blocker", "deadline", "delivery", "update"),
                db.read(tx -> tx.query("SELECT action FROM audit_log ORDER BY id", rs -> rs.getString(1))));
    }

    @Test
    void aWriteFromInsideAWriteRunsInlineInTheSameTransaction() {
        long before = db.commits();
        int seen = db.inTransaction(tx -> {
            insert(tx, "a", "outer");
            db.run(inner -> insert(inner, "a", "inner"));
            return db.read(r -> r.queryOne("SELECT count(*) FROM audit_log", rs -> rs.getInt(1)))
                    .orElseThrow();
        });
        assertEquals(2, seen);
        assertEquals(before + 1, db.commits());
    }

    @Test
    void afterCommitWorkRunsOnTheCallersThreadOnceTheWriteIsVisibleAndNeverForARollback() {
        List<Integer> seenAfterCommit = new ArrayList<>();
        List<Thread> ranOn = new ArrayList<>();
        db.run(tx -> {
            insert(tx, "a", "x");
            tx.afterCommit(() -> {
                seenAfterCommit.add(count(db));
                ranOn.add(Thread.currentThread());
            });
        });
        assertThrows(
                IllegalStateException.class,
                () -> db.run(tx -> {
                    tx.afterCommit(() -> seenAfterCommit.add(-1));
                    throw new IllegalStateException("rolled back");
                }));

        assertEquals(List.of(1), seenAfterCommit);
        assertEquals(List.of(Thread.currentThread()), ranOn);
    }

    @Test
    void closingWritesWhatIsQueuedAndRefusesWhatComesAfter() throws Exception {
        CompletableFuture<Void> blocker = holdTheWriter();
        CompletableFuture<Void> queued =
                CompletableFuture.runAsync(() -> db.run(tx -> insert(tx, "a", "queued")), callers);
        awaitQueued(1);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(db::close, callers);
        awaitClosing();

        release.countDown();
        closing.get(10, TimeUnit.SECONDS);
        blocker.get(10, TimeUnit.SECONDS);
        queued.get(10, TimeUnit.SECONDS);
        assertThrows(StoreException.class, () -> db.run(tx -> insert(tx, "a", "late")));

        db = Database.open(dir.resolve("phasebot.db"));
        assertEquals(List.of("blocker", "queued"), actions(db));
    }

    /** Starts a write that keeps the writer busy until {@link #release} opens. */
    private CompletableFuture<Void> holdTheWriter() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Void> blocker = CompletableFuture.runAsync(
                () -> db.run(tx -> {
                    insert(tx, "a", "blocker");
                    running.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }),
                callers);
        assertTrue(running.await(10, TimeUnit.SECONDS), "the writer took the blocker");
        return blocker;
    }

    /** Waits until {@code n} requests are queued: their order in the queue is what these tests are about. */
    private void awaitQueued(int n) throws TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (db.queuedWrites() < n) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(db.queuedWrites() + " queued, expected " + n);
            }
            Thread.onSpinWait();
        }
    }

    /** Waits until close has queued its marker behind the one request already queued. */
    private void awaitClosing() throws TimeoutException {
        awaitQueued(2);
    }

    private static void insert(Tx tx, String actor, String action) {
        tx.update("INSERT INTO audit_log(at, actor, action) VALUES (1, ?, ?)", actor, action);
    }

    private static int count(Database db) {
        return db.read(tx -> tx.queryOne("SELECT count(*) FROM audit_log", rs -> rs.getInt(1)))
                .orElseThrow();
    }

    private static int countBy(Database db, String actor) {
        return db.read(tx -> tx.queryOne("SELECT count(*) FROM audit_log WHERE actor = ?", rs -> rs.getInt(1), actor))
                .orElseThrow();
    }

    private static List<String> actions(Database db) {
        return db.read(tx -> tx.query("SELECT action FROM audit_log ORDER BY action", rs -> rs.getString(1)));
    }
}
