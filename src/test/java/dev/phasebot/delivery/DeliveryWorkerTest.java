package dev.phasebot.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.delivery.Transport.DeliveryResult;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.delivery.Transport.SentRef;
import dev.phasebot.support.DeliveryTest;
import dev.phasebot.support.RecordingTransport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryWorkerTest extends DeliveryTest {

    private final RecordingTransport transport = new RecordingTransport();

    DeliveryWorkerTest() {
        super("2026-11-24T09:00");
    }

    @Override
    protected Transport transport() {
        return transport;
    }

    @Test
    void messagesToOneDestinationAreSentInTheOrderTheyWereWritten() {
        post("k1", "channel:coordination", "one");
        post("k2", "dm:qa-engineer", "dm");
        post("k3", "channel:coordination", "two");
        assertEquals(3, worker.deliverDue());
        assertEquals(List.of("one", "two"), transport.textsTo("channel:coordination"));
        assertEquals(0, worker.pendingCount());
    }

    @Test
    void theSameDedupeKeyIsOneMessage() {
        boolean first = db.inTransaction(tx -> outbox.post(tx, "k", msg("channel:coordination", "once")));
        boolean second = db.inTransaction(tx -> outbox.post(tx, "k", msg("channel:coordination", "twice")));
        assertTrue(first);
        assertTrue(!second);
        worker.deliverDue();
        assertEquals(List.of("once"), transport.textsTo("channel:coordination"));
    }

    @Test
    void serverErrorsAreRetriedWithBackoffAndLaterMessagesWaitTheirTurn() {
        transport.failNext(
                new DeliveryResult.RetryLater(null, "HTTP 500"), new DeliveryResult.RetryLater(null, "HTTP 502"));
        post("k1", "channel:coordination", "first");
        post("k2", "channel:coordination", "second");

        assertEquals(0, worker.deliverDue());
        clock.tick(Duration.ofMillis(999));
        assertEquals(0, worker.deliverDue(), "first backoff is one second");
        clock.tick(Duration.ofMillis(1));
        assertEquals(0, worker.deliverDue());
        clock.tick(Duration.ofSeconds(1));
        assertEquals(0, worker.deliverDue(), "second backoff is two seconds");
        clock.tick(Duration.ofSeconds(1));
        assertEquals(2, worker.deliverDue());
        assertEquals(List.of("first", "second"), transport.textsTo("channel:coordination"));
    }

    @Test
    void aRateLimitIsWaitedOutForExactlyItsRetryAfter() {
        transport.failNext(new DeliveryResult.RetryLater(Duration.ofSeconds(30), "HTTP 429"));
        post("k1", "channel:coordination", "hello");
        worker.deliverDue();
        clock.tick(Duration.ofSeconds(29));
        assertEquals(0, worker.deliverDue());
        assertEquals(1, transport.attempts().size(), "no attempt inside the Retry-After");
        clock.tick(Duration.ofSeconds(1));
        assertEquals(1, worker.deliverDue());
    }

    @Test
    void aRefusedMessageIsMarkedFailedAndTheQueueMovesOn() {
        transport.failNext(new DeliveryResult.Rejected("channel_not_found"));
        post("k1", "channel:coordination", "lost");
        post("k2", "channel:coordination", "next");
        worker.deliverDue();
        assertEquals(List.of("next"), transport.textsTo("channel:coordination"));
        assertEquals(
                "channel_not_found",
                db.inTransaction(tx -> tx.queryOne(
                                "SELECT last_error FROM outbox WHERE dedupe_key = 'k1' AND status = 'failed'",
                                rs -> rs.getString(1)))
                        .orElseThrow());
    }

    @Test
    void anUpdateGoesToWhereTheOriginalWasPosted() {
        post("summary", "channel:coordination", "v1");
        worker.deliverDue();
        update("summary", "channel:coordination", "v2");
        worker.deliverDue();
        OutgoingDelivery edit = transport.delivered().get(1);
        assertTrue(edit.isUpdate());
        assertEquals(new SentRef("C-channel:coordination", "ts-1"), edit.original());
    }

    @Test
    void anExceptionInTheTransportIsRetriedNotLost() {
        Transport throwing = new Transport() {
            private int calls;

            @Override
            public DeliveryResult deliver(OutgoingDelivery d) {
                if (calls++ == 0) {
                    throw new IllegalStateException("socket closed");
                }
                return transport.deliver(d);
            }
        };
        DeliveryWorker w = new DeliveryWorker(db, throwing, clock, outbox);
        post("k", "channel:coordination", "kept");
        assertEquals(0, w.deliverDue());
        clock.tick(Duration.ofSeconds(1));
        assertEquals(1, w.deliverDue());
    }

    @Test
    void aRestartResumesUnsentRowsAndSendsNothingTwice() {
        post("k1", "channel:coordination", "sent before the restart");
        worker.deliverDue();
        post("k2", "channel:coordination", "written, then the bot died");
        restart(Duration.ZERO);
        worker.deliverDue();
        assertEquals(
                List.of("sent before the restart", "written, then the bot died"),
                transport.textsTo("channel:coordination"));
    }

    @Test
    void backoffDoublesUpToFiveMinutes() {
        assertEquals(Duration.ofSeconds(1), DeliveryWorker.backoff(1));
        assertEquals(Duration.ofSeconds(8), DeliveryWorker.backoff(4));
        assertEquals(Duration.ofMinutes(5), DeliveryWorker.backoff(30));
    }
}
