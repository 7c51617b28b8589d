package dev.phasebot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void migrationsBuildTheSchemaFromAnEmptyFileInNewDirectories() {
        Path file = dir.resolve("nested/data/phasebot.db");
        try (Database db = Database.open(file)) {
            List<String> tables = db.inTransaction(tx -> tx.query(
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", rs -> rs.getString(1)));
            assertTrue(
                    tables.containsAll(List.of(
                            "agent_link",
                            "audit_log",
                            "out_of_office",
                            "outbox",
                            "flyway_schema_history",
                            "standup",
                            "standup_update",
                            "timer",
                            "incident",
                            "incident_milestone",
                            "incident_event",
                            "incident_notice",
                            "task",
                            "task_deliverable",
                            "task_dependency",
                            "gate",
                            "gate_criterion",
                            "gate_block",
                            "overdue_check",
                            "decision",
                            "metric",
                            "metric_value",
                            "review_item",
                            "review",
                            "review_note")),
                    tables.toString());
        }
        assertTrue(Files.exists(file));
    }

    @Test
    void reopeningAMigratedFileAppliesNothingTwiceAndKeepsData() {
        Path file = dir.resolve("phasebot.db");
        int recorded;
        try (Database db = Database.open(file)) {
            db.run(tx -> tx.update("INSERT INTO audit_log(at, actor, action) VALUES (1, 'a', 'x')"));
            recorded = historyRows(db);
        }
        try (Database db = Database.open(file)) {
            assertEquals(recorded, historyRows(db));
            assertEquals(
                    1,
                    db.inTransaction(tx -> tx.queryOne("SELECT count(*) FROM audit_log", rs -> rs.getInt(1)))
                            .orElseThrow());
        }
    }

    @Test
    void theFileRunsInWalModeWithForeignKeysAndFullSync() {
        try (Database db = Database.open(dir.resolve("phasebot.db"))) {
            assertEquals("wal", pragma(db, "journal_mode"));
            assertEquals("1", pragma(db, "foreign_keys"));
            assertEquals("2", pragma(db, "synchronous"));
            assertEquals("5000", pragma(db, "busy_timeout"));
        }
    }

    @Test
    void aFailedTransactionLeavesNothingHalfWritten() {
        try (Database db = Database.open(dir.resolve("phasebot.db"))) {
            assertThrows(
                    IllegalStateException.class,
                    () -> db.run(tx -> {
                        tx.update("INSERT INTO audit_log(at, actor, action) VALUES (1, 'a', 'first')");
                        throw new IllegalStateException("boom");
                    }));
            assertEquals(
                    0,
                    db.inTransaction(tx -> tx.queryOne("SELECT count(*) FROM audit_log", rs -> rs.getInt(1)))
                            .orElseThrow());
        }
    }

    @Test
    void nestedTransactionsJoinTheOuterOne() {
        try (Database db = Database.open(dir.resolve("phasebot.db"))) {
            assertThrows(
                    IllegalStateException.class,
                    () -> db.run(tx -> {
                        db.run(inner ->
                                inner.update("INSERT INTO audit_log(at, actor, action) VALUES (1, 'a', 'inner')"));
                        throw new IllegalStateException("outer fails after inner");
                    }));
            assertEquals(
                    0,
                    db.inTransaction(tx -> tx.queryOne("SELECT count(*) FROM audit_log", rs -> rs.getInt(1)))
                            .orElseThrow());
        }
    }

    private static int historyRows(Database db) {
        return db.read(tx -> tx.queryOne("SELECT count(*) FROM flyway_schema_history", rs -> rs.getInt(1)))
                .orElseThrow();
    }

    private static String pragma(Database db, String name) {
        return db.inTransaction(tx -> tx.queryOne("PRAGMA " + name, rs -> rs.getString(1)))
                .orElseThrow();
    }
}
