package dev.phasebot.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.Phasebot;
import dev.phasebot.delivery.DeliveryWorker;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SettableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An incident's room on the console: each step a line under the room's name. */
class ConsoleRoomTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final SettableClock clock = SettableClock.newYork("2026-11-24T10:00");
    private Phasebot bot;

    @AfterEach
    void close() {
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void theRoomsCreationInviteTopicPinTopicAtResolveAndArchiveArePrintedAsLinesUnderItsName() {
        bot = Fixtures.bot(dir.resolve("phasebot.db"), clock);
        DeliveryWorker worker = new DeliveryWorker(
                bot.database(),
                bot.incidents()
                        .rooms()
                        .around(new ConsoleTransport(
                                new PrintStream(printed, true, StandardCharsets.UTF_8), bot.config())),
                clock,
                bot.outbox());
        bot.incidents().raise("qa-engineer", new RaiseRequest("Token leak", null, true, null, "T4"));
        worker.deliverDue();
        bot.incidents().resolve("senior-system-developer", 1, "rotated");
        clock.tick(Duration.ofHours(24));
        bot.timers().runDue();
        worker.deliverDue();

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> room =
                lines.stream().filter(l -> l.startsWith("[#inc-1-token-leak]")).toList();
        assertEquals(
                List.of(
                        "[#inc-1-token-leak] created (private)",
                        "[#inc-1-token-leak] invited python-ml-fintech-reviewer, senior-system-developer",
                        "[#inc-1-token-leak] topic: CRITICAL security incident #1 · next: technical assessment by "
                                + "10:30 EST",
                        "[#inc-1-token-leak] pinned the card",
                        "[#inc-1-token-leak] topic: CRITICAL security incident #1 · resolved",
                        "[#inc-1-token-leak] archived"),
                room,
                String.join("\n", lines));
        String pointer = lines.stream()
                .filter(l -> l.contains("has its own room"))
                .findFirst()
                .orElseThrow();
        assertTrue(pointer.startsWith("[#alphapy-security]"), pointer);
        assertFalse(pointer.toLowerCase().contains("token"), pointer);
        assertEquals(0, worker.pendingCount());
    }
}
