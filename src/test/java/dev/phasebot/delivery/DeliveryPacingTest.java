package dev.phasebot.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.phasebot.delivery.Transport.ApiCall;
import dev.phasebot.delivery.Transport.DeliveryResult;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.support.DeliveryTest;
import dev.phasebot.support.RecordingTransport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The worker asks the pacer before each call: 429s hold back a whole method, posts keep Slack's pace. */
class DeliveryPacingTest extends DeliveryTest {

    private final RecordingTransport recording = new RecordingTransport();
    /** The recording transport, saying which Slack method each delivery uses, as SlackTransport does. */
    private final Transport transport = new Transport() {
        @Override
        public DeliveryResult deliver(OutgoingDelivery delivery) {
            return recording.deliver(delivery);
        }

        @Override
        public Optional<ApiCall> call(OutgoingDelivery delivery) {
            return Optional.of(new ApiCall(
                    delivery.isUpdate() ? ApiCall.UPDATE : ApiCall.POST_MESSAGE,
                    delivery.message().destination().key()));
        }
    };

    DeliveryPacingTest() {
        super("2026-11-24T09:00");
    }

    @Override
    protected Transport transport() {
        return transport;
    }

    @Test
    void aRateLimitOnOnePostHoldsBackThePostsToEveryDestinationUntilItsRetryAfter() {
        recording.failNext(new DeliveryResult.RateLimited(Duration.ofSeconds(2)));
        for (String destination : List.of("channel:coordination", "dm:qa-engineer", "dm:ml-engineer")) {
            post(destination, "first to " + destination);
            post(destination, "second to " + destination);
        }

        assertEquals(0, worker.deliverDue());
        assertEquals(1, recording.attempts().size(), "only the call that got the 429");
        clock.tick(Duration.ofMillis(1_999));
        assertEquals(0, worker.deliverDue());
        assertEquals(1, recording.attempts().size(), "no post to any destination inside the Retry-After");

        clock.tick(Duration.ofMillis(1));
        assertEquals(6, worker.deliverDue());
        for (String destination : List.of("channel:coordination", "dm:qa-engineer", "dm:ml-engineer")) {
            assertEquals(
                    List.of("first to " + destination, "second to " + destination), recording.textsTo(destination));
        }
    }

    @Test
    void aRateLimitOnPostsLetsUpdatesGoOn() {
        post("channel:coordination", "summary");
        worker.deliverDue();
        recording.failNext(new DeliveryResult.RateLimited(Duration.ofSeconds(30)));
        post("dm:qa-engineer", "prompt");
        worker.deliverDue();
        update("channel:coordination#1", "channel:coordination", "summary, edited");

        assertEquals(1, worker.deliverDue());
        assertEquals(List.of("summary", "summary, edited"), recording.textsTo("channel:coordination"));
        assertEquals(List.of(), recording.textsTo("dm:qa-engineer"));
    }

    @Test
    void aRowHeldBackByRateLimitsCountsNoAttemptAndKeepsItsBackoffShort() {
        recording.failNext(
                new DeliveryResult.RateLimited(Duration.ofSeconds(5)),
                new DeliveryResult.RateLimited(Duration.ofSeconds(5)),
                new DeliveryResult.RateLimited(Duration.ofSeconds(5)),
                new DeliveryResult.RetryLater(null, "HTTP 500"));
        post("channel:coordination", "hello");
        for (int i = 0; i < 3; i++) {
            worker.deliverDue();
            clock.tick(Duration.ofSeconds(5));
        }
        assertEquals(0, attempts(), "three 429s are not three failures");

        worker.deliverDue();
        assertEquals(1, attempts());
        clock.tick(Duration.ofSeconds(1));
        assertEquals(1, worker.deliverDue(), "the 500's backoff is the first one, a second");
    }

    @Test
    void postsToOneChannelKeepSlacksPaceWhileOtherDestinationsGoAtOnce() {
        for (int i = 1; i <= 5; i++) {
            post("channel:coordination", "update " + i);
        }
        post("dm:qa-engineer", "prompt");
        post("dm:ml-engineer", "prompt");

        assertEquals(5, worker.deliverDue(), "three to the channel at once, and both DMs");
        assertEquals(List.of("prompt"), recording.textsTo("dm:ml-engineer"));
        assertEquals(0, worker.deliverDue());
        clock.tick(Duration.ofSeconds(1));
        assertEquals(1, worker.deliverDue());
        clock.tick(Duration.ofSeconds(1));
        assertEquals(1, worker.deliverDue());
        assertEquals(
                List.of("update 1", "update 2", "update 3", "update 4", "update 5"),
                recording.textsTo("channel:coordination"));
        assertEquals(0, worker.pendingCount());
    }

    @Test
    void aRowHeldByThePaceIsNotWrittenToOrCountedAsAnAttempt() {
        for (int i = 1; i <= 4; i++) {
            post("channel:coordination", "update " + i);
        }
        worker.deliverDue();
        assertEquals(
                List.of(0),
                db.read(tx -> tx.query("SELECT attempts FROM outbox WHERE status = 'pending'", rs -> rs.getInt(1))));
        assertEquals(
                List.of(clock.millis()),
                db.read(tx ->
                        tx.query("SELECT next_attempt_at FROM outbox WHERE status = 'pending'", rs -> rs.getLong(1))),
                "the pace lives in memory; the row keeps its place and its due time");
    }

    private int attempts() {
        return db.read(tx ->
                tx.queryOne("SELECT attempts FROM outbox", rs -> rs.getInt(1)).orElseThrow());
    }

    private int keys;

    private void post(String destination, String text) {
        String key = destination + "#" + ++keys;
        post(key, destination, text);
    }

    @Test
    void aRowThePacerHoldsIsNotRenderedAgainUntilItsHoldEnds() {
        java.util.concurrent.atomic.AtomicInteger renders = new java.util.concurrent.atomic.AtomicInteger();
        outbox.register("summary", day -> {
            renders.incrementAndGet();
            return dev.phasebot.message.Doc.of("summary of " + day);
        });
        recording.failNext(new DeliveryResult.RateLimited(Duration.ofSeconds(30)));
        post("dm:qa-engineer", "a DM that gets the 429");
        db.run(tx -> outbox.post(
                tx,
                "summary:tuesday",
                dev.phasebot.message.Destination.channel("coordination"),
                new dev.phasebot.delivery.Outbox.DeferredDoc("summary", "tuesday")));

        for (int second = 0; second < 10; second++) {
            assertEquals(0, worker.deliverDue());
            clock.tick(Duration.ofSeconds(1));
        }
        assertEquals(1, renders.get(), "rendered once, then held by the pacer without being rendered again");

        clock.tick(Duration.ofSeconds(20));
        assertEquals(2, worker.deliverDue());
        assertEquals(List.of("summary of tuesday"), recording.textsTo("channel:coordination"));
        assertEquals(2, renders.get(), "rendered again when it may go");
    }
}
