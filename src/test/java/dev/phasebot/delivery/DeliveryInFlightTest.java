package dev.phasebot.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.phasebot.delivery.Transport.DeliveryResult;
import dev.phasebot.delivery.Transport.Lookback;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.delivery.Transport.SentRef;
import dev.phasebot.delivery.Transport.UnrecordedAttempt;
import dev.phasebot.support.DeliveryTest;
import dev.phasebot.support.RecordingTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A post is recorded as in flight before its call, and a row left in flight is looked up before it is posted again. */
class DeliveryInFlightTest extends DeliveryTest {

    private final RecordingTransport recording = new RecordingTransport();
    private final List<UnrecordedAttempt> lookups = new ArrayList<>();
    private final List<Long> inFlightDuringCalls = new ArrayList<>();
    private Lookback lookbackAnswer = new Lookback.Absent();
    private boolean dieDuringNextCall;

    private final Transport transport = new Transport() {
        @Override
        public DeliveryResult deliver(OutgoingDelivery delivery) {
            inFlightDuringCalls.add(attemptStartedAt(delivery.id()));
            DeliveryResult result = recording.deliver(delivery);
            if (dieDuringNextCall) {
                dieDuringNextCall = false;
                throw new Killed();
            }
            return result;
        }

        @Override
        public Lookback lookBack(UnrecordedAttempt attempt) {
            lookups.add(attempt);
            return lookbackAnswer;
        }
    };

    DeliveryInFlightTest() {
        super("2026-11-24T09:00");
    }

    @Override
    protected Transport transport() {
        return transport;
    }

    @Test
    void aPostIsRecordedInFlightBeforeItsCallAndClearedOnceSlackAnswered() {
        post("k1", "channel:coordination", "hello");
        worker.deliverDue();
        assertEquals(List.of(clock.millis()), inFlightDuringCalls);
        assertNull(attemptStartedAt(1));
        assertEquals(List.of(), lookups, "a row never in flight before is posted without a lookup");
    }

    @Test
    void aRowLeftInFlightByAKillIsLookedUpFromItsAttemptAndMarkedSentWhenSlackHasIt() {
        post("summary", "channel:coordination", "v1");
        dieDuringNextCall = true;
        assertThrows(Killed.class, worker::deliverDue);
        Instant attemptAt = clock.instant();
        restart(Duration.ofSeconds(30));
        lookbackAnswer = new Lookback.Found(new SentRef("C0COORD", "1795000000.000042"));

        assertEquals(1, worker.deliverDue());
        assertEquals(1, recording.attempts().size(), "not posted a second time");
        assertEquals(attemptAt, lookups.get(0).startedAt());
        assertEquals("v1", lookups.get(0).delivery().message().text());
        assertNull(attemptStartedAt(1));

        update("summary", "channel:coordination", "v2");
        worker.deliverDue();
        assertEquals(
                new SentRef("C0COORD", "1795000000.000042"),
                recording.delivered().get(1).original(),
                "the edit goes to the message found in the history");
    }

    @Test
    void aRowLeftInFlightThatSlackLacksIsPostedOnce() {
        post("k1", "dm:qa-engineer", "prompt");
        dieDuringNextCall = true;
        assertThrows(Killed.class, worker::deliverDue);
        restart(Duration.ofSeconds(30));
        recording.clear();

        assertEquals(1, worker.deliverDue());
        assertEquals(1, lookups.size());
        assertEquals(List.of("prompt"), recording.textsTo("dm:qa-engineer"));
    }

    @Test
    void whenTheHistoryCannotTellTheRowIsPostedAgain() {
        post("k1", "dm:qa-engineer", "prompt");
        dieDuringNextCall = true;
        assertThrows(Killed.class, worker::deliverDue);
        restart(Duration.ofSeconds(30));
        lookbackAnswer = new Lookback.Unknown("missing_scope");

        assertEquals(1, worker.deliverDue());
        assertEquals(
                List.of("prompt", "prompt"), recording.textsTo("dm:qa-engineer"), "the duplicate the log warns of");
    }

    @Test
    void aPostThatGotNoAnswerIsLookedUpBeforeItsRetryButOneSlackAnsweredIsNot() {
        recording.failNext(new DeliveryResult.RetryLater(null, "read timed out", true));
        post("k1", "dm:qa-engineer", "after a timeout");
        worker.deliverDue();
        clock.tick(Duration.ofSeconds(1));
        worker.deliverDue();
        assertEquals(1, lookups.size(), "Slack may have posted it before the answer was lost");
        assertEquals(List.of("after a timeout"), recording.textsTo("dm:qa-engineer"));

        recording.failNext(
                new DeliveryResult.RetryLater(null, "HTTP 500"), new DeliveryResult.RateLimited(Duration.ofSeconds(1)));
        post("k2", "dm:ml-engineer", "after a 500 and a 429");
        worker.deliverDue();
        clock.tick(Duration.ofSeconds(1));
        worker.deliverDue();
        clock.tick(Duration.ofSeconds(1));
        worker.deliverDue();
        assertEquals(1, lookups.size(), "an answer from Slack, even a 500 or a 429, says nothing was posted");
        assertEquals(List.of("after a 500 and a 429"), recording.textsTo("dm:ml-engineer"));
    }

    @Test
    void anEditIsNeverLookedUpSinceSendingItTwiceChangesNothing() {
        post("summary", "channel:coordination", "v1");
        worker.deliverDue();
        update("summary", "channel:coordination", "v2");
        dieDuringNextCall = true;
        assertThrows(Killed.class, worker::deliverDue);
        restart(Duration.ofSeconds(30));

        worker.deliverDue();
        assertEquals(List.of(), lookups);
        assertEquals(List.of("v1", "v2", "v2"), recording.textsTo("channel:coordination"));
    }

    private Long attemptStartedAt(long id) {
        long at = db.read(tx -> tx.queryOne(
                        "SELECT coalesce(attempt_started_at, -1) FROM outbox WHERE id = ?", rs -> rs.getLong(1), id))
                .orElseThrow();
        return at == -1 ? null : at;
    }
}
