package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.DeliveryWorker;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.message.Outbox;
import dev.phasebot.store.Database;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SettableClock;
import dev.phasebot.team.AgentDirectory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery worker over the real SlackTransport and the Web API stand-in. */
class SlackDeliveryTest {

    private static final List<String> CHANNELS = List.of("#alphapy-phase2", "U0QA", "U0ML");
    private static final String RATE_LIMITED = "{\"ok\":false,\"error\":\"ratelimited\"}";

    @TempDir
    Path dir;

    private final SettableClock clock = SettableClock.newYork("2026-11-24T09:00");
    private final BotConfig config = Fixtures.shippedConfig();
    private FakeSlackApi api;
    private Slack slack;
    private Database db;
    private Outbox outbox;
    private DeliveryWorker worker;

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.close();
        }
        db.close();
        slack.close();
        api.close();
    }

    @Test
    void a429WithRetryAfterTwoKeepsEveryPostFromSlackForTwoSecondsThenAllGoInOrder() throws Exception {
        start(clock);
        api.fail("chat.postMessage", 429, Map.of("Retry-After", "2"), RATE_LIMITED);
        postTwoToEachDestination();

        for (int step = 0; step < 30; step++) {
            worker.deliverDue();
            clock.tick(Duration.ofMillis(100));
        }

        assertHeldForTwoSecondsThenDeliveredInOrder();
    }

    @Test
    void theRunningWorkerWaitsOutA429OnTheWallClockToo() throws Exception {
        // The worker's own thread on the system clock: proves its idle wait honours the hold.
        start(Clock.systemUTC());
        api.fail("chat.postMessage", 429, Map.of("Retry-After", "2"), RATE_LIMITED);
        postTwoToEachDestination();
        worker.start();

        api.await("chat.postMessage", 7, 10_000);
        assertHeldForTwoSecondsThenDeliveredInOrder();
    }

    private void assertHeldForTwoSecondsThenDeliveredInOrder() {
        List<FakeSlackApi.Arrival> posts = api.arrivals("chat.postMessage");
        assertEquals(7, posts.size(), "one refused, then each of the six once");
        assertEquals(429, posts.get(0).call().status());
        Instant heldUntil = posts.get(0).at().plusSeconds(2);
        for (FakeSlackApi.Arrival post : posts.subList(1, posts.size())) {
            assertTrue(!post.at().isBefore(heldUntil), "a post reached Slack " + Duration.between(posts.get(0).at(),
                    post.at()) + " after the 429: " + post.call().param("channel"));
            assertEquals(200, post.call().status());
        }
        for (String channel : CHANNELS) {
            assertEquals(List.of("first to " + channel, "second to " + channel), api.succeeded("chat.postMessage")
                    .stream().filter(c -> c.param("channel").equals(channel)).map(c -> c.param("text")).toList());
        }
    }

    private void start(Clock workerClock) throws Exception {
        api = workerClock instanceof SettableClock ? new FakeSlackApi(workerClock) : new FakeSlackApi();
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(api.url());
        slack = Slack.getInstance(slackConfig);
        db = Database.open(dir.resolve("phasebot.db"));
        AgentDirectory agents = new AgentDirectory(config, db, false);
        db.run(tx -> {
            agents.link(tx, "qa-engineer", "U0QA", "test", workerClock.instant());
            agents.link(tx, "ml-engineer", "U0ML", "test", workerClock.instant());
        });
        outbox = new Outbox(workerClock);
        worker = new DeliveryWorker(db, new SlackTransport(slack.methods("xoxb-test"), config, agents), workerClock,
                outbox);
    }

    private void postTwoToEachDestination() {
        Map<String, String> destinations = Map.of("channel:coordination", "#alphapy-phase2",
                "dm:qa-engineer", "U0QA", "dm:ml-engineer", "U0ML");
        for (String order : List.of("first", "second")) {
            for (String destination : List.of("channel:coordination", "dm:qa-engineer", "dm:ml-engineer")) {
                String text = order + " to " + destinations.get(destination);
                db.run(tx -> outbox.post(tx, text, Message.of(Destination.parse(destination), text)));
            }
        }
    }
}
