package dev.phasebot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentReadTest {

    @TempDir
    Path dir;

    @Test
    void aReadCompletesWhileAWriteTransactionIsHeldOpenAndSeesOnlyWhatWasCommitted() throws Exception {
        try (Database db = Database.open(dir.resolve("phasebot.db"))) {
            db.run(tx -> tx.update("INSERT INTO audit_log(at, actor, action) VALUES (1, 'a', 'committed')"));
            CountDownLatch written = new CountDownLatch(1);
            CountDownLatch readDone = new CountDownLatch(1);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> db.run(tx -> {
                tx.update("INSERT INTO audit_log(at, actor, action) VALUES (2, 'a', 'uncommitted')");
                written.countDown();
                await(readDone);
            }));
            assertTrue(written.await(10, TimeUnit.SECONDS), "the writer started");

            // the writer holds its transaction open until this read is done: a read that waited
            // for it would never finish, and the latch would time out below
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> count(db));
            int seen = read.get(10, TimeUnit.SECONDS);
            readDone.countDown();
            writer.get(10, TimeUnit.SECONDS);

            assertEquals(1, seen);
            assertEquals(2, count(db));
        }
    }

    @Test
    void aReadInsideAWriteTransactionSeesThatTransactionsOwnWrites() {
        try (Database db = Database.open(dir.resolve("phasebot.db"))) {
            int seen = db.inTransaction(tx -> {
                tx.update("INSERT INTO audit_log(at, actor, action) VALUES (1, 'a', 'x')");
                return count(db);
            });
            assertEquals(1, seen);
        }
    }

    private static int count(Database db) {
        return db.read(tx -> tx.queryOne("SELECT count(*) FROM audit_log", rs -> rs.getInt(1)))
                .orElseThrow();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the read never finished");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
