package dev.phasebot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommittedCacheTest {

    @TempDir
    Path dir;

    private Database db;
    private CommittedCache<String, Integer> cache;
    private final AtomicInteger reads = new AtomicInteger();

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("phasebot.db"));
        cache = new CommittedCache<>(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aValueAskedForAgainBeforeAnythingCommitsIsReadOnce() {
        insert("a");
        Integer first = audits("day");
        assertSame(first, audits("day"));
        assertEquals(1, reads.get());
    }

    @Test
    void aCommitMakesTheNextCallerReadTheNewState() {
        insert("a");
        assertEquals(1, audits("day"));
        insert("b");
        assertEquals(2, audits("day"));
        assertEquals(2, reads.get());
    }

    @Test
    void anotherKeyIsReadAfresh() {
        insert("a");
        audits("monday");
        audits("tuesday");
        assertEquals(2, reads.get());
    }

    @Test
    void aReadThatFailsIsNotKept() {
        assertThrows(
                IllegalStateException.class,
                () -> cache.get("day", tx -> {
                    throw new IllegalStateException("boom");
                }));
        insert("a");
        assertEquals(1, audits("day"));
    }

    @Test
    void insideATransactionTheCacheIsPassedByAndTheTransactionsOwnWritesAreSeen() {
        insert("a");
        assertEquals(1, audits("day"));
        int inside = db.inTransaction(tx -> {
            tx.update("INSERT INTO audit_log(at, actor, action) VALUES (2, 'a', 'b')");
            return audits("day");
        });
        assertEquals(2, inside);
        assertEquals(2, audits("day"), "the value seen inside the transaction was not kept as the committed one");
    }

    @Test
    void aWriteThatRollsBackLeavesTheKeptValueRight() {
        insert("a");
        assertEquals(1, audits("day"));
        assertThrows(
                IllegalStateException.class,
                () -> db.run(tx -> {
                    tx.update("INSERT INTO audit_log(at, actor, action) VALUES (2, 'a', 'b')");
                    throw new IllegalStateException("rolled back");
                }));
        assertEquals(1, audits("day"));
    }

    @Test
    void whoeverWasToldOfACommitNeverGetsAValueReadBeforeIt() throws Exception {
        int writes = 300;
        java.util.concurrent.atomic.AtomicInteger committed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> stale = new java.util.concurrent.atomic.AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (committed.get() < writes && stale.get() == null) {
                int told = committed.get(); // every commit up to here has been answered
                int seen = audits("day");
                if (seen < told) {
                    stale.set("read " + seen + " rows after being told of " + told);
                }
            }
        });
        reader.start();
        for (int i = 0; i < writes; i++) {
            insert("w" + i);
            committed.incrementAndGet();
        }
        reader.join(30_000);
        assertEquals(null, stale.get());
        assertEquals(writes, audits("day"));
    }

    private Integer audits(String key) {
        return cache.get(key, tx -> {
            reads.incrementAndGet();
            return tx.queryOne("SELECT count(*) FROM audit_log", rs -> rs.getInt(1))
                    .orElseThrow();
        });
    }

    private void insert(String action) {
        db.run(tx -> tx.update("INSERT INTO audit_log(at, actor, action) VALUES (1, 'a', ?)", action));
    }
}
