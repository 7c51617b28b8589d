package dev.phasebot.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.delivery.Outbox.DeferredDoc;
import dev.phasebot.delivery.Transport.DeliveryResult;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Doc;
import dev.phasebot.store.Database;
import dev.phasebot.support.RecordingTransport;
import dev.phasebot.support.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows whose doc a registered source renders at delivery: rendered then, from the state as it is
 * then; a burst of edits asked for while one is pending becomes that one edit; an edit asked for
 * while it is being sent is sent again.
 */
class DeferredDocTest {

    private static final Destination CHANNEL = Destination.channel("coordination");
    private static final DeferredDoc SCORE = new DeferredDoc("score", "tuesday");

    @TempDir
    Path dir;

    private final SettableClock clock = SettableClock.newYork("2026-11-24T09:00");
    private final AtomicInteger renders = new AtomicInteger();
    private Database db;
    private Outbox outbox;

    @BeforeEach
    void setUp() {
        db = Database.open(dir.resolve("phasebot.db"));
        db.run(tx -> tx.update("CREATE TABLE score (day TEXT PRIMARY KEY, points INTEGER)"));
        db.run(tx -> tx.update("INSERT INTO score VALUES ('tuesday', 1)"));
        outbox = new Outbox(clock);
        outbox.register("score", day -> {
            renders.incrementAndGet();
            int points = db.read(tx -> tx.queryOne("SELECT points FROM score WHERE day = ?", rs -> rs.getInt(1), day))
                    .orElseThrow();
            return Doc.of(day + ": " + points + " points");
        });
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aDeferredPostIsRenderedWhenDeliveredFromTheStateThenNotWhenWritten() {
        RecordingTransport transport = new RecordingTransport();
        DeliveryWorker worker = new DeliveryWorker(db, transport, clock, outbox);
        db.run(tx -> outbox.post(tx, "score:tuesday", CHANNEL, SCORE));
        assertEquals(0, renders.get(), "nothing rendered in the write");
        db.run(tx -> tx.update("UPDATE score SET points = 2"));

        worker.deliverDue();

        assertEquals(List.of("tuesday: 2 points"), transport.textsTo(CHANNEL.key()));
        assertEquals(1, renders.get());
    }

    @Test
    void aBurstOfRefreshesWhileAnEditIsPendingBecomesOneEditRenderedOnce() {
        RecordingTransport transport = new RecordingTransport();
        DeliveryWorker worker = new DeliveryWorker(db, transport, clock, outbox);
        db.run(tx -> outbox.post(tx, "score:tuesday", CHANNEL, SCORE));
        worker.deliverDue();
        renders.set(0);

        for (int points = 3; points <= 7; points++) {
            int now = points;
            db.run(tx -> {
                tx.update("UPDATE score SET points = ?", now);
                outbox.refresh(tx, "score:tuesday", CHANNEL, SCORE);
            });
        }
        assertEquals(1, worker.pendingCount(), "one pending edit for five changes");
        worker.deliverDue();

        List<OutgoingDelivery> edits = transport.delivered().stream()
                .filter(OutgoingDelivery::isUpdate)
                .toList();
        assertEquals(1, edits.size());
        assertEquals("tuesday: 7 points", edits.get(0).message().text());
        assertEquals(1, renders.get());
        db.run(tx -> outbox.refresh(tx, "score:tuesday", CHANNEL, SCORE));
        assertEquals(1, worker.pendingCount(), "once that edit is sent, the next change queues a new one");
    }

    @Test
    void aChangeCommittedWhileItsEditIsBeingSentGetsTheEditSentAgainWithIt() {
        // The change lands between the rendering and Slack's answer: the first edit shows 3 points, not 4.
        RecordingTransport recording = new RecordingTransport();
        AtomicInteger updates = new AtomicInteger();
        Transport transport = delivery -> {
            DeliveryResult result = recording.deliver(delivery);
            if (delivery.isUpdate() && updates.incrementAndGet() == 1) {
                db.run(tx -> {
                    tx.update("UPDATE score SET points = 4");
                    outbox.refresh(tx, "score:tuesday", CHANNEL, SCORE);
                });
            }
            return result;
        };
        DeliveryWorker worker = new DeliveryWorker(db, transport, clock, outbox);
        db.run(tx -> outbox.post(tx, "score:tuesday", CHANNEL, SCORE));
        worker.deliverDue();
        db.run(tx -> {
            tx.update("UPDATE score SET points = 3");
            outbox.refresh(tx, "score:tuesday", CHANNEL, SCORE);
        });

        worker.deliverDue();

        assertEquals(
                List.of("tuesday: 1 points", "tuesday: 3 points", "tuesday: 4 points"),
                recording.textsTo(CHANNEL.key()));
        assertEquals(0, worker.pendingCount());
    }

    @Test
    void aSourceThatFailsLeavesItsRowPendingForARetryInsteadOfDroppingIt() {
        RecordingTransport transport = new RecordingTransport();
        DeliveryWorker worker = new DeliveryWorker(db, transport, clock, outbox);
        db.run(tx -> outbox.post(tx, "missing", CHANNEL, new DeferredDoc("no-such-source", "x")));

        assertEquals(0, worker.deliverDue());
        assertEquals(1, worker.pendingCount());
        assertTrue(db.read(tx -> tx.queryOne("SELECT last_error FROM outbox", rs -> rs.getString(1)))
                .orElseThrow()
                .contains("no doc source named no-such-source"));
        clock.tick(Duration.ofSeconds(1));
        assertEquals(0, worker.deliverDue());
        assertEquals(List.of(), transport.delivered());
    }
}
