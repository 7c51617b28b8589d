package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import dev.phasebot.command.AgentDirectory;
import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.DeliveryWorker;
import dev.phasebot.delivery.Transport;
import dev.phasebot.support.DeliveryTest;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SettableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery worker over the real SlackTransport and the Web API stand-in: rate limits, and
 * what a restart does with a post that was in flight when the bot was killed.
 */
class SlackDeliveryTest extends DeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> CHANNELS = List.of("#alphapy-phase2", "U0QA", "U0ML");
    private static final String RATE_LIMITED = "{\"ok\":false,\"error\":\"ratelimited\"}";

    private final BotConfig config = Fixtures.shippedConfig();
    private FakeSlackApi api;
    private Slack slack;
    private MethodsClient methods;
    private AgentDirectory agents;

    SlackDeliveryTest() {
        super("2026-11-24T09:00");
    }

    /** Nothing before the test: each starts with {@link #start(Clock)} on the clock it is about. */
    @Override
    protected void start() {}

    @AfterEach
    void stop() throws Exception {
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

    @Test
    void aRefusedTokenKeepsThePostWaitingInsteadOfGivingItUp() throws Exception {
        start(clock);
        api.fail("chat.postMessage", 200, Map.of(), "{\"ok\":false,\"error\":\"invalid_auth\"}");
        post("standup", "channel:coordination", "the standup");

        worker.deliverDue();
        assertEquals(1, worker.pendingCount(), "kept: the token, not the message, was at fault");
        clock.tick(Duration.ofMinutes(1));
        worker.deliverDue();

        assertEquals(0, worker.pendingCount());
        assertEquals(2, api.calls("chat.postMessage").size(), "refused once, then posted");
        assertEquals(
                "sent",
                db.read(tx -> tx.queryOne("SELECT status FROM outbox", rs -> rs.getString(1)))
                        .orElse(null));
    }

    private void assertHeldForTwoSecondsThenDeliveredInOrder() {
        List<FakeSlackApi.Arrival> posts = api.arrivals("chat.postMessage");
        assertEquals(7, posts.size(), "one refused, then each of the six once");
        assertEquals(429, posts.get(0).call().status());
        Instant heldUntil = posts.get(0).at().plusSeconds(2);
        for (FakeSlackApi.Arrival post : posts.subList(1, posts.size())) {
            assertTrue(
                    !post.at().isBefore(heldUntil),
                    "a post reached Slack " + Duration.between(posts.get(0).at(), post.at()) + " after the 429: "
                            + post.call().param("channel"));
            assertEquals(200, post.call().status());
        }
        for (String channel : CHANNELS) {
            assertEquals(
                    List.of("first to " + channel, "second to " + channel),
                    api.succeeded("chat.postMessage").stream()
                            .filter(c -> c.param("channel").equals(channel))
                            .map(c -> c.param("text"))
                            .toList());
        }
    }

    @Test
    void aDmSlackAlreadyHasIsNotPostedAgainAfterAKillDuringItsSendAndItsEditFindsIt() throws Exception {
        start(clock);
        post("prompt", "dm:qa-engineer", "standup prompt");
        assertThrows(Killed.class, dying(Death.AFTER_SLACK_ANSWERED)::deliverDue);
        FakeSlackApi.Posted inSlack = api.posted().get(0);
        JsonNode metadata = JSON.readTree(inSlack.metadata());
        assertEquals("phasebot_outbox", metadata.get("event_type").asText());
        assertEquals(1, metadata.get("event_payload").get("outbox_id").asLong());

        restart(Duration.ofSeconds(40));
        assertEquals(1, worker.deliverDue());
        assertEquals(1, api.calls("chat.postMessage").size(), "not posted a second time");
        assertEquals(1, api.calls("conversations.history").size());
        assertEquals(
                List.of("U0QA", inSlack.ts()),
                db.read(tx -> tx.queryOne(
                                "SELECT slack_channel, slack_ts FROM outbox WHERE dedupe_key = 'prompt' AND status = 'sent'",
                                rs -> List.of(rs.getString(1), rs.getString(2))))
                        .orElseThrow());

        update("prompt", "dm:qa-engineer", "standup prompt, answered");
        worker.deliverDue();
        FakeSlackApi.Call edit = api.succeeded("chat.update").get(0);
        assertEquals(List.of("U0QA", inSlack.ts()), List.of(edit.param("channel"), edit.param("ts")));
    }

    @Test
    void aChannelPostSlackAlreadyHasIsFoundInTheChannelItsEarlierMessagesWentTo() throws Exception {
        start(clock);
        post("open", "channel:coordination", "standup is open");
        worker.deliverDue();
        clock.tick(Duration.ofMinutes(15));
        post("summary", "channel:coordination", "standup summary");
        assertThrows(Killed.class, dying(Death.AFTER_SLACK_ANSWERED)::deliverDue);

        restart(Duration.ofMinutes(3));
        assertEquals(1, worker.deliverDue());
        assertEquals(
                List.of("standup is open", "standup summary"),
                api.calls("chat.postMessage").stream().map(c -> c.param("text")).toList());
        FakeSlackApi.Call history = api.calls("conversations.history").get(0);
        assertEquals("C0ALPHAPYPHASE2", history.param("channel"));
        assertEquals(
                Long.toString(api.arrivals("chat.postMessage")
                        .get(1)
                        .at()
                        .minusSeconds(120)
                        .getEpochSecond()),
                history.param("oldest"),
                "read from two minutes before the attempt");
    }

    @Test
    void aPostThatNeverReachedSlackBeforeTheKillIsPostedOnceAfterTheRestart() throws Exception {
        start(clock);
        post("prompt", "dm:qa-engineer", "standup prompt");
        assertThrows(Killed.class, dying(Death.BEFORE_THE_CALL)::deliverDue);

        restart(Duration.ofSeconds(40));
        assertEquals(1, worker.deliverDue());
        assertEquals(1, api.calls("conversations.history").size(), "looked for it first");
        assertEquals(
                List.of("standup prompt"),
                api.succeeded("chat.postMessage").stream()
                        .map(c -> c.param("text"))
                        .toList());
    }

    @Test
    void whenTheHistoryCannotBeReadThePostIsSentAgain() throws Exception {
        start(clock);
        post("prompt", "dm:qa-engineer", "standup prompt");
        assertThrows(Killed.class, dying(Death.AFTER_SLACK_ANSWERED)::deliverDue);
        api.fail("conversations.history", 200, Map.of(), "{\"ok\":false,\"error\":\"missing_scope\"}");

        restart(Duration.ofSeconds(40));
        assertEquals(1, worker.deliverDue());
        assertEquals(2, api.succeeded("chat.postMessage").size(), "the duplicate the INFO log warns of");
        assertEquals(0, worker.pendingCount());
    }

    /** Where a kill -9 strikes a post. */
    private enum Death {
        BEFORE_THE_CALL,
        AFTER_SLACK_ANSWERED
    }

    /** A worker whose next post dies at {@code death}, as the bot does under kill -9. */
    private DeliveryWorker dying(Death death) {
        Transport real = transport();
        return workerSendingThrough(real, delivery -> {
            if (death == Death.AFTER_SLACK_ANSWERED) {
                real.deliver(delivery);
            }
            throw new Killed();
        });
    }

    /** Over a directory read from the database as it is now, as a new process reads it. */
    @Override
    protected Transport transport() {
        agents = new AgentDirectory(config, db, false);
        return new SlackTransport(methods, config, agents);
    }

    private void start(Clock workerClock) throws Exception {
        api = workerClock instanceof SettableClock ? new FakeSlackApi(workerClock) : new FakeSlackApi();
        slack = api.slack();
        methods = slack.methods("xoxb-test");
        open(workerClock);
        db.run(tx -> {
            agents.link(tx, "qa-engineer", "U0QA", "test", workerClock.instant());
            agents.link(tx, "ml-engineer", "U0ML", "test", workerClock.instant());
        });
    }

    private void postTwoToEachDestination() {
        Map<String, String> destinations =
                Map.of("channel:coordination", "#alphapy-phase2", "dm:qa-engineer", "U0QA", "dm:ml-engineer", "U0ML");
        for (String order : List.of("first", "second")) {
            for (String destination : List.of("channel:coordination", "dm:qa-engineer", "dm:ml-engineer")) {
                String text = order + " to " + destinations.get(destination);
                post(text, destination, text);
            }
        }
    }
}
