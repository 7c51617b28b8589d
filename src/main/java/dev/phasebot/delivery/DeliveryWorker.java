package dev.phasebot.delivery;

import dev.phasebot.delivery.OutboxRows.Row;
import dev.phasebot.delivery.Preparation.Prepared;
import dev.phasebot.delivery.Transport.ApiCall;
import dev.phasebot.delivery.Transport.DeliveryResult;
import dev.phasebot.store.Database;
import dev.phasebot.store.LeaseLostException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox: in order within each destination (a later message never overtakes an
 * earlier one that is waiting for a retry or held back), retrying network errors and 5xx with
 * exponential backoff, and marking a row sent only after the transport said so. Calls are
 * paced by a {@link Pacer}: a 429 holds back every call of its method until its Retry-After,
 * and chat.postMessage keeps to Slack's pace per channel. A held-back row is not a failed
 * attempt, so it does not grow its backoff. Exactly one worker runs per database, so no row
 * is in flight twice.
 *
 * <p>A post is recorded as in flight before its call. A row found still in flight (the
 * process died during the call, or the call got no answer, so Slack may have posted it) is
 * first looked up in Slack's history by the metadata it was posted with, and marked sent with
 * the ts found there instead of being posted again; when the history cannot be read it is
 * posted again and that is logged at INFO. The guarantee this gives is stated in one place,
 * the README's "Outbox" paragraph.
 *
 * <p>A row may take several calls ({@link Sending}): a long message goes out as parts, each
 * recorded as Slack takes it, and an edit changes only the parts whose content changed. A row
 * whose doc a source renders at delivery ({@link Preparation}) is rendered here, outside any
 * write; if it was asked for again while it was being sent, it is rendered and sent again.
 *
 * <p>Tests drive {@link #deliverDue()} with a settable clock; the bot runs {@link #start()}.
 * Rounds are serialised, so the console may also call {@link #deliverDue()} between commands.
 */
public final class DeliveryWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final long IDLE_POLL_MILLIS = 1_000;

    private final OutboxRows rows;
    private final Preparation preparation;
    private final Sending sending;
    private final Transport transport;
    private final Clock clock;
    private final Pacer pacer;
    private final Object signal = new Object();
    private final List<RejectionListener> rejectionListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean woken;
    private volatile boolean running;
    private volatile Thread thread;
    private final DeliveryCounts counts;
    /**
     * Rows the pacer held back without a write, until when: not prepared again before then, since
     * preparing renders a row whose doc a source builds (a 500-agent summary: about 15 ms).
     */
    private final java.util.Map<Long, Instant> heldByPacer = new java.util.HashMap<>();
    /** The earliest moment a row held back in the last round may go; the loop wakes for it. */
    private volatile Instant nextRelease;

    /** Paced for Slack's Web API ({@link Pacer#slack}); transports without rate limits are not paced. */
    public DeliveryWorker(Database database, Transport transport, Clock clock, Outbox outbox) {
        this(database, transport, clock, outbox, Pacer.slack(clock));
    }

    /** Counts each attempt's result in {@code meters} ({@code phasebot.deliveries} by result). */
    public DeliveryWorker(Database database, Transport transport, Clock clock, Outbox outbox, MeterRegistry meters) {
        this(database, transport, clock, outbox, Pacer.slack(clock), meters);
    }

    /** Counts nothing: an empty composite registry drops what is recorded into it. */
    public DeliveryWorker(Database database, Transport transport, Clock clock, Outbox outbox, Pacer pacer) {
        this(database, transport, clock, outbox, pacer, new CompositeMeterRegistry());
    }

    public DeliveryWorker(
            Database database, Transport transport, Clock clock, Outbox outbox, Pacer pacer, MeterRegistry meters) {
        this.rows = new OutboxRows(database, clock);
        this.preparation = new Preparation(rows, outbox);
        this.sending = new Sending(rows, transport, pacer, database.leadership());
        this.transport = transport;
        this.clock = clock;
        this.pacer = pacer;
        this.counts = DeliveryCounts.in(meters);
        outbox.onEnqueue(this::wake);
    }

    /** Told when a row is given up for good, with its dedupe key (may be null) and why. */
    @FunctionalInterface
    public interface RejectionListener {
        void rejected(String dedupeKey, String reason);
    }

    public void onRejected(RejectionListener listener) {
        rejectionListeners.add(listener);
    }

    /** Sends every row that is due now, queue heads first; returns how many were sent. */
    public synchronized int deliverDue() {
        int sent = 0;
        nextRelease = null;
        while (true) {
            List<Row> heads = rows.dueHeads();
            if (heads.isEmpty()) {
                return sent;
            }
            boolean queueMoved = false;
            for (Row row : heads) {
                Outcome outcome = attempt(row);
                if (outcome == Outcome.SENT) {
                    sent++;
                }
                queueMoved |= outcome == Outcome.SENT || outcome == Outcome.DROPPED || outcome == Outcome.AGAIN;
            }
            if (!queueMoved) {
                return sent;
            }
        }
    }

    /** How many rows are still waiting to be sent. */
    public int pendingCount() {
        return rows.pendingCount();
    }

    /** Whether the delivery thread was started, not stopped, and has not died. */
    public boolean isRunning() {
        Thread current = thread;
        return running && current != null && current.isAlive();
    }

    public void start() {
        running = true;
        thread = new Thread(this::loop, "phasebot-delivery");
        thread.setDaemon(true);
        thread.start();
    }

    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Stops after the current attempt; what is unsent stays in the outbox for the next start. */
    @Override
    public void close() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (running) {
            try {
                deliverDue();
            } catch (LeaseLostException e) {
                log.info("delivery paused: {}", e.getMessage());
            } catch (RuntimeException e) {
                log.error("delivery round failed; will try again", e);
            }
            synchronized (signal) {
                if (!woken && running) {
                    try {
                        signal.wait(idleMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    /** Until the next poll, or sooner when a held-back row may go sooner. */
    private long idleMillis() {
        Instant release = nextRelease;
        if (release == null) {
            return IDLE_POLL_MILLIS;
        }
        long untilRelease = release.toEpochMilli() - clock.millis();
        return Math.max(1, Math.min(IDLE_POLL_MILLIS, untilRelease));
    }

    private Outcome attempt(Row row) {
        Instant heldUntil = heldByPacer.remove(row.id());
        if (heldUntil != null && clock.instant().isBefore(heldUntil)) {
            heldByPacer.put(row.id(), heldUntil);
            released(heldUntil);
            return Outcome.HELD;
        }
        Prepared prepared = preparation.prepare(row);
        if (prepared instanceof Prepared.Never never) {
            reject(row, never.why());
            return Outcome.DROPPED;
        }
        if (prepared instanceof Prepared.NotYet notYet) {
            holdBack(row, notYet.after(), notYet.why());
            return Outcome.HELD;
        }
        if (prepared instanceof Prepared.Unrendered unrendered) {
            // Nothing was called; a trace of an earlier attempt stays, to be looked for next time.
            return record(
                    row,
                    row.id(),
                    Optional.empty(),
                    new DeliveryResult.RetryLater(
                            null, "could not render: " + unrendered.why(), row.attemptStartedAt() != null));
        }
        Prepared.Ready ready = (Prepared.Ready) prepared;
        Sending.Ended ended = sending.send(row, ready.delivery(), ready.messageId());
        if (ended.held() != null) {
            // Nothing is written: the row stays the head of its queue and is tried again in the
            // next round, so a held row costs no write and no attempt (parts sent so far are kept).
            log.debug(
                    "outbox row {} to {} held until {}: {}",
                    row.id(),
                    row.destination(),
                    ended.held().until(),
                    ended.held().why());
            heldByPacer.put(row.id(), ended.held().until());
            released(ended.held().until());
            return Outcome.HELD;
        }
        return record(row, ready.messageId(), ended.call(), ended.result());
    }

    private Outcome record(Row row, long messageId, Optional<ApiCall> call, DeliveryResult result) {
        if (result instanceof DeliveryResult.Sent sent) {
            if (!rows.markSent(row, sent.ref(), messageId, sent.parts())) {
                log.debug(
                        "outbox row {} to {} was asked for again while it was sent; sending it again",
                        row.id(),
                        row.destination());
                return Outcome.AGAIN;
            }
            counts.sent().increment();
            return Outcome.SENT;
        }
        if (result instanceof DeliveryResult.RateLimited limited) {
            String method = call.map(ApiCall::method).orElse("this transport");
            call.ifPresent(c -> pacer.rateLimited(c.method(), limited.retryAfter()));
            log.warn(
                    "outbox row {} to {} was rate limited: no {} call goes out for {}",
                    row.id(),
                    row.destination(),
                    method,
                    limited.retryAfter());
            holdBack(row, limited.retryAfter(), "HTTP 429 on " + method);
            counts.rateLimited().increment();
            return Outcome.HELD;
        }
        if (result instanceof DeliveryResult.RetryLater later) {
            Duration wait = later.after() != null ? later.after() : backoff(row.attempts() + 1);
            log.warn(
                    "outbox row {} to {} will be retried in {}: {}", row.id(), row.destination(), wait, later.reason());
            rows.retry(row, wait, later.reason(), later.mayHavePosted());
            counts.retried().increment();
            return Outcome.WAITING;
        }
        DeliveryResult.Rejected rejected = (DeliveryResult.Rejected) result;
        log.error("outbox row {} to {} was refused: {}", row.id(), row.destination(), rejected.reason());
        reject(row, rejected.reason());
        return Outcome.DROPPED;
    }

    static Duration backoff(int attempts) {
        long seconds = 1L << Math.min(attempts - 1, 16);
        Duration d = Duration.ofSeconds(seconds);
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private void holdBack(Row row, Duration wait, String reason) {
        Instant until = clock.instant().plus(wait);
        rows.holdBack(row, until, reason);
        released(until);
    }

    private void released(Instant at) {
        Instant current = nextRelease;
        if (current == null || at.isBefore(current)) {
            nextRelease = at;
        }
    }

    private void reject(Row row, String reason) {
        String key = rows.reject(row, reason);
        counts.rejected().increment();
        for (RejectionListener listener : rejectionListeners) {
            try {
                listener.rejected(key, reason);
            } catch (RuntimeException e) {
                log.error("a rejection listener failed", e);
            }
        }
    }

    /**
     * WAITING: a failed attempt, retried after a backoff; HELD: not tried, or refused for pacing;
     * AGAIN: sent, but asked for again meanwhile, so it goes again at once.
     */
    private enum Outcome {
        SENT,
        DROPPED,
        WAITING,
        HELD,
        AGAIN
    }

    /**
     * {@code phasebot.deliveries} by result: what the delivery worker's attempts came to.
     * Registered at zero, so an alert on their rate has a series before the first failure.
     */
    private record DeliveryCounts(Counter sent, Counter retried, Counter rateLimited, Counter rejected) {

        static DeliveryCounts in(MeterRegistry meters) {
            return new DeliveryCounts(
                    counter(meters, "sent"),
                    counter(meters, "retried"),
                    counter(meters, "rate_limited"),
                    counter(meters, "rejected"));
        }

        private static Counter counter(MeterRegistry meters, String result) {
            return Counter.builder("phasebot.deliveries")
                    .tag("result", result)
                    .description("delivery attempts by result")
                    .register(meters);
        }
    }
}
