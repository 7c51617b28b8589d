package dev.phasebot.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondHolderOfTheSameDatabaseIsRefusedWithWhoHoldsIt() throws Exception {
        Path db = dir.resolve("data/phasebot.db");
        try (InstanceLock first = InstanceLock.acquire(db)) {
            InstanceLockedException refused =
                    assertThrows(InstanceLockedException.class, () -> InstanceLock.acquire(db));
            assertTrue(
                    refused.getMessage()
                            .contains("is in use by another phasebot (pid "
                                    + ProcessHandle.current().pid()),
                    refused.getMessage());
            assertTrue(Files.readString(InstanceLock.lockFile(db)).startsWith("pid "));
        }
    }

    @Test
    void theLockIsFreeAgainOnceItsHolderCloses() {
        Path db = dir.resolve("phasebot.db");
        InstanceLock.acquire(db).close();
        InstanceLock.acquire(db).close();
    }

    @Test
    void anotherDatabaseIsAnotherLock() {
        try (InstanceLock a = InstanceLock.acquire(dir.resolve("a.db"));
                InstanceLock b = InstanceLock.acquire(dir.resolve("b.db"))) {
            assertTrue(a != b);
        }
    }
}
