package dev.phasebot.support;

import dev.phasebot.Phasebot;
import dev.phasebot.delivery.DeliveryWorker;
import dev.phasebot.slack.SlackRuntime;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link SlackHarness} on a fresh folder and a clock moved by hand, with its parts at hand as
 * fields and closed after each test: the setting of the tests of the Slack adapter. A test starts
 * it with {@link #start}, once it has said who is linked and what else the port serves.
 */
public abstract class SlackTest {

    @TempDir
    protected Path dir;

    protected final SettableClock clock;
    private final String secret;
    protected SlackHarness harness;
    protected FakeSlackApi api;
    protected Phasebot bot;
    protected SlackRuntime slack;
    protected SignedSlackClient client;
    /** Delivers the outbox to the stand-in when the test says so, on the test's clock. */
    protected DeliveryWorker worker;

    /**
     * @param start the New York wall-clock time the test begins at, e.g. 2026-11-24T09:00
     * @param secret the signing secret the app checks and the client signs with
     */
    protected SlackTest(String start, String secret) {
        this.clock = SettableClock.newYork(start);
        this.secret = secret;
    }

    /** A harness on this test's folder, clock and secret, to link users on and pass to {@link #start}. */
    protected SlackHarness.Builder slackHarness() {
        return SlackHarness.builder(dir, clock, secret);
    }

    protected void start(SlackHarness.Builder builder) throws Exception {
        harness = builder.start();
        api = harness.api;
        bot = harness.bot;
        slack = harness.slack;
        client = harness.client;
        worker = harness.deliveryWorker();
    }

    /** Delivers until nothing is left, a second of the clock at a time, past backoffs and Retry-Afters. */
    protected void drain() {
        for (int second = 0; second < 120; second++) {
            worker.deliverDue();
            if (worker.pendingCount() == 0) {
                return;
            }
            clock.tick(Duration.ofSeconds(1));
        }
    }

    @AfterEach
    void stopSlack() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }
}
