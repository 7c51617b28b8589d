package dev.phasebot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnsTest {

    @TempDir
    Path dir;

    @Test
    void anInstantGoesInAsEpochMillisAndComesBackTheSameByNameAndByIndex() {
        Instant at = Instant.parse("2026-11-24T14:00:00.123Z");
        try (Database db = Database.open(dir.resolve("phasebot.db"))) {
            db.run(tx -> tx.update("INSERT INTO timer(kind, subject, due_at, fired_at) VALUES ('k', 's', ?, ?)",
                    Columns.millis(at), Columns.millis(at)));

            assertEquals(List.of(1_795_528_800_123L), db.read(tx -> tx.query("SELECT due_at FROM timer", rs -> rs.getLong(1))));
            assertEquals(List.of(at, at), db.read(tx -> tx.queryOne("SELECT due_at, fired_at FROM timer",
                    rs -> List.of(Columns.instant(rs, "due_at"), Columns.instant(rs, 2)))).orElseThrow());
        }
    }

    @Test
    void aNullColumnIsNoInstantWhileZeroIsTheEpoch() {
        try (Database db = Database.open(dir.resolve("phasebot.db"))) {
            db.run(tx -> tx.update("INSERT INTO timer(kind, subject, due_at, fired_at) VALUES ('k', 's', 0, ?)",
                    Columns.millis(null)));

            List<Instant> read = db.read(tx -> tx.queryOne("SELECT due_at, fired_at FROM timer",
                    rs -> Arrays.asList(Columns.instant(rs, 1), Columns.instant(rs, "fired_at")))).orElseThrow();

            assertEquals(Instant.EPOCH, read.get(0));
            assertNull(read.get(1));
        }
    }
}
