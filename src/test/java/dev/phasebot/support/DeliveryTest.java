package dev.phasebot.support;

import dev.phasebot.delivery.DeliveryWorker;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.delivery.Transport;
import dev.phasebot.delivery.Transport.ApiCall;
import dev.phasebot.delivery.Transport.DeliveryResult;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Message;
import dev.phasebot.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh SQLite file, the outbox and a delivery worker over the test's transport, on a clock
 * moved by hand, with no bot around them: the setting of the delivery tests. It opens before each
 * test (see {@link #start}); {@link #restart} is a new process on the same file.
 */
public abstract class DeliveryTest {

    @TempDir
    protected Path dir;

    protected final SettableClock clock;
    protected Database db;
    protected Outbox outbox;
    protected DeliveryWorker worker;

    /** Thrown in place of the process dying (kill -9): nothing after it runs, so the worker writes nothing. */
    protected static final class Killed extends Error {
        public Killed() {}
    }

    /** @param start the New York wall-clock time the test begins at, e.g. 2026-11-24T09:00 */
    protected DeliveryTest(String start) {
        this.clock = SettableClock.newYork(start);
    }

    /** What the worker sends through; built again at each (re)start, once {@link #db} is open. */
    protected abstract Transport transport();

    @BeforeEach
    void startDelivery() throws Exception {
        start();
    }

    /**
     * Opens on the test's clock before each test; a test whose transport needs something started
     * first (a Web API stand-in), or that opens on another clock, overrides it.
     */
    protected void start() throws Exception {
        open(clock);
    }

    /** The store the outbox lives in: the SQLite file, unless a test runs on PostgreSQL. */
    protected Database openStore() {
        return Database.open(dir.resolve("phasebot.db"));
    }

    /** Opens the store, and an outbox and a worker reading {@code on}. */
    protected void open(Clock on) {
        db = openStore();
        outbox = new Outbox(on);
        worker = new DeliveryWorker(db, transport(), on, outbox);
    }

    /** A new process on the same database file, {@code down} later: the worker dies with the old one. */
    protected void restart(Duration down) {
        db.close();
        clock.tick(down);
        open(clock);
    }

    @AfterEach
    void closeDelivery() {
        if (worker != null) {
            worker.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /**
     * A worker over the same outbox whose sending is {@code deliver} while {@code real} still names
     * the Slack method each delivery uses, so the pacer treats it as the real transport's.
     */
    protected DeliveryWorker workerSendingThrough(Transport real, Transport deliver) {
        return new DeliveryWorker(
                db,
                new Transport() {
                    @Override
                    public DeliveryResult deliver(OutgoingDelivery delivery) {
                        return deliver.deliver(delivery);
                    }

                    @Override
                    public Optional<ApiCall> call(OutgoingDelivery delivery) {
                        return real.call(delivery);
                    }
                },
                clock,
                outbox);
    }

    protected void post(String key, String destination, String text) {
        db.run(tx -> outbox.post(tx, key, msg(destination, text)));
    }

    protected void update(String key, String destination, String text) {
        db.run(tx -> outbox.update(tx, key, msg(destination, text)));
    }

    protected static Message msg(String destination, String text) {
        return Message.of(Destination.parse(destination), Doc.of(text));
    }
}
