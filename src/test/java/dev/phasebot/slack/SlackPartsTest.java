package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import dev.phasebot.command.AgentDirectory;
import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.DeliveryWorker;
import dev.phasebot.delivery.Transport;
import dev.phasebot.delivery.Transport.ApiCall;
import dev.phasebot.delivery.Transport.DeliveryResult;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Message;
import dev.phasebot.message.Span;
import dev.phasebot.support.DeliveryTest;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A message too long for one Slack message, over the real SlackTransport and the Web API
 * stand-in: posted as parts (the message, then replies in its thread), each kept as it goes, so a
 * 429, a 5xx or a crash between parts resumes with the parts still missing; an edit changes only
 * the parts whose content changed, posts the ones the doc grew and empties the ones it lost.
 */
class SlackPartsTest extends DeliveryTest {

    private static final Destination CHANNEL = Destination.channel("coordination");
    private static final String KEY = "summary";
    private static final String RATE_LIMITED = "{\"ok\":false,\"error\":\"ratelimited\"}";

    private final BotConfig config = Fixtures.shippedConfig();
    private FakeSlackApi api;
    private Slack slack;
    private MethodsClient methods;

    SlackPartsTest() {
        super("2026-11-24T09:15");
    }

    @Override
    protected void start() throws Exception {
        api = new FakeSlackApi(clock);
        slack = api.slack();
        methods = slack.methods("xoxb-test");
        open(clock);
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        api.close();
    }

    @Test
    void aLongMessageIsItsFirstPartWithItsMetadataThenTheRestInItsThreadEachKept() {
        int parts = partsOf(list(400, i -> "waiting on the pipeline review"));
        assertTrue(parts > 3, parts + " parts");
        post(list(400, i -> "waiting on the pipeline review"));

        deliverAll();

        List<FakeSlackApi.Call> posts = api.succeeded("chat.postMessage");
        assertEquals(parts, posts.size());
        String first = api.posted().get(0).ts();
        assertNull(posts.get(0).param("thread_ts"));
        assertNotNull(posts.get(0).param("metadata"));
        assertFalse(
                posts.get(0).param("metadata").contains("\"part\""),
                posts.get(0).param("metadata"));
        for (int i = 1; i < parts; i++) {
            FakeSlackApi.Call reply = posts.get(i);
            assertEquals(first, reply.param("thread_ts"));
            assertTrue(
                    reply.param("metadata").contains("\"part\":" + i),
                    "each reply names its row and its part: " + reply.param("metadata"));
        }
        assertEquals(api.posted().stream().map(FakeSlackApi.Posted::ts).toList(), keptParts());
        assertEquals(0, worker.pendingCount());
    }

    @Test
    void aRateLimitBetweenPartsHoldsTheRowThenTheRestGoWithoutPostingTheFirstAgain() {
        Doc doc = list(400, i -> "waiting on the pipeline review");
        int parts = partsOf(doc);
        post(doc);
        worker.deliverDue();
        int before = api.succeeded("chat.postMessage").size();
        assertTrue(before >= 1 && before < parts, before + " of " + parts + " went in the first burst");
        api.fail("chat.postMessage", 429, Map.of("Retry-After", "5"), RATE_LIMITED);
        clock.tick(Duration.ofSeconds(1));
        worker.deliverDue();
        assertEquals(before, api.succeeded("chat.postMessage").size(), "the 429");

        clock.tick(Duration.ofSeconds(4));
        worker.deliverDue();
        assertEquals(before, api.succeeded("chat.postMessage").size(), "held for the Retry-After");
        deliverAll();

        assertEquals(parts, api.succeeded("chat.postMessage").size());
        assertEquals(
                1,
                api.succeeded("chat.postMessage").stream()
                        .filter(c -> c.param("thread_ts") == null)
                        .count(),
                "the message once");
        assertEquals(threadOrder(doc), postedTexts());
    }

    @Test
    void aServerErrorBetweenPartsResumesWithTheMissingPartsAfterTheBackoff() {
        Doc doc = list(400, i -> "waiting on the pipeline review");
        post(doc);
        worker.deliverDue();
        int before = api.succeeded("chat.postMessage").size();
        api.fail("chat.postMessage", 500, Map.of(), "{\"ok\":false}");
        clock.tick(Duration.ofSeconds(1));
        worker.deliverDue();
        assertEquals(1, worker.pendingCount());

        deliverAll();

        assertEquals(partsOf(doc), api.succeeded("chat.postMessage").size());
        assertEquals(threadOrder(doc), postedTexts());
        assertTrue(before > 0);
    }

    @Test
    void aRefusalOfALaterPartLeavesTheMessageSentSoItsEditStillReachesItAndFillsTheGap() {
        Doc doc = list(400, i -> "waiting on the pipeline review");
        post(doc);
        worker.deliverDue();
        int before = api.succeeded("chat.postMessage").size();
        api.fail("chat.postMessage", 200, Map.of(), "{\"ok\":false,\"error\":\"invalid_blocks\"}");
        clock.tick(Duration.ofSeconds(1));
        worker.deliverDue();
        assertEquals(0, worker.pendingCount());
        assertEquals(
                "sent",
                db.read(tx -> tx.queryOne("SELECT status FROM outbox", rs -> rs.getString(1)))
                        .orElseThrow());

        update(doc);
        deliverAll();

        assertEquals(partsOf(doc), api.posted().size(), "the edit posted what was missing, and nothing twice");
        assertEquals(
                1,
                api.succeeded("chat.postMessage").stream()
                        .filter(c -> c.param("thread_ts") == null)
                        .count());
        assertTrue(before > 0);
    }

    @Test
    void aKillBetweenPartsResumesAfterTheRestartWithTheMissingPartsOnly() {
        Doc doc = list(400, i -> "waiting on the pipeline review");
        post(doc);
        worker = dyingAtCall(3);
        assertThrows(Killed.class, worker::deliverDue);
        assertEquals(2, api.succeeded("chat.postMessage").size());

        restart(Duration.ofSeconds(40));
        deliverAll();

        assertEquals(partsOf(doc), api.succeeded("chat.postMessage").size(), "no part twice");
        assertEquals(List.of(), api.calls("conversations.history"), "the message was kept: no need to look for it");
        assertEquals(1, api.calls("conversations.replies").size(), "the reply in flight was looked for in the thread");
        assertEquals(threadOrder(doc), postedTexts());
    }

    @Test
    void aKillDuringTheFirstPartFindsItInTheHistoryThenPostsOnlyTheRest() {
        // A channel named in the config is found by where an earlier message to it landed.
        db.run(tx -> outbox.post(tx, "open", Message.of(CHANNEL, Doc.of("The standup is open."))));
        worker.deliverDue();
        clock.tick(Duration.ofMinutes(15));
        Doc doc = list(400, i -> "waiting on the pipeline review");
        post(doc);
        worker = dyingAfterSlackAnswered();
        assertThrows(Killed.class, worker::deliverDue);

        restart(Duration.ofSeconds(40));
        deliverAll();

        List<FakeSlackApi.Call> posts = api.succeeded("chat.postMessage").subList(1, partsOf(doc) + 1);
        assertEquals(partsOf(doc) + 1, api.succeeded("chat.postMessage").size(), "the message once, each reply once");
        assertEquals(1, api.calls("conversations.history").size());
        String first = api.posted().get(1).ts();
        assertTrue(posts.subList(1, posts.size()).stream().allMatch(c -> first.equals(c.param("thread_ts"))));
        assertEquals(
                List.of(first),
                api.succeeded("chat.update").stream().map(c -> c.param("ts")).toList(),
                "what the message said before the kill is not known, so it is sent again, in place");
    }

    @Test
    void aKillRightAfterSlackTookAReplyFindsItInTheThreadAndPostsEveryPartOnce() {
        Doc doc = list(400, i -> "waiting on the pipeline review");
        post(doc);
        worker = dyingAfterSlackAnswered(3);
        assertThrows(Killed.class, worker::deliverDue);
        assertEquals(3, api.succeeded("chat.postMessage").size());

        restart(Duration.ofSeconds(40));
        deliverAll();

        assertEquals(
                partsOf(doc), api.succeeded("chat.postMessage").size(), "the reply Slack took is not posted again");
        assertEquals(threadOrder(doc), postedTexts());
        assertEquals(1, api.calls("conversations.replies").size());
        assertEquals(List.of(), api.calls("conversations.history"), "the message was kept: only its thread is read");
        assertEquals(api.posted().stream().map(FakeSlackApi.Posted::ts).toList(), keptParts());
        String third = api.posted().get(2).ts();
        assertEquals(
                List.of(third),
                api.succeeded("chat.update").stream().map(c -> c.param("ts")).toList(),
                "what the reply said before the kill is not known, so it is sent again, in place");
    }

    @Test
    void anEditChangesOnlyThePartWhoseContentChangedAndLeavesTheOthersUntouched() {
        post(list(400, i -> "waiting on the pipeline review"));
        deliverAll();
        int posts = api.calls("chat.postMessage").size();

        update(list(
                400,
                i -> i == 250 ? "waiting on the pipeline review and T7 (late)" : "waiting on the pipeline review"));
        deliverAll();

        List<FakeSlackApi.Call> edits = api.succeeded("chat.update");
        assertEquals(1, edits.size());
        assertTrue(
                edits.get(0).param("blocks").contains("*agent-250* is blocked: waiting on the pipeline review and T7"));
        assertTrue(keptParts().contains(edits.get(0).param("ts")), "an edit of one of the message's parts");
        assertEquals(posts, api.calls("chat.postMessage").size());
    }

    @Test
    void anEditThatGrowsTheDocPostsItsNewPartsInTheThread() {
        post(list(100, i -> "waiting on the pipeline review"));
        deliverAll();
        int before = api.succeeded("chat.postMessage").size();

        update(list(400, i -> "waiting on the pipeline review"));
        deliverAll();

        String first = api.posted().get(0).ts();
        List<FakeSlackApi.Call> added = api.succeeded("chat.postMessage")
                .subList(before, api.succeeded("chat.postMessage").size());
        assertEquals(partsOf(list(400, i -> "waiting on the pipeline review")), before + added.size());
        assertTrue(added.stream().allMatch(c -> first.equals(c.param("thread_ts"))));
        assertEquals(before + added.size(), keptParts().size());
    }

    @Test
    void aPartThatIsInTheThreadTwiceIsRecordedOnceFromTheFirst() throws Exception {
        Doc doc = list(400, i -> "waiting on the pipeline review");
        post(doc);
        worker = dyingAfterSlackAnswered(3);
        assertThrows(Killed.class, worker::deliverDue);
        FakeSlackApi.Posted taken = api.posted().get(2);
        // the same part again, as a bot before replies named their parts could have left it
        methods.chatPostMessage(r -> r.channel(taken.channel())
                .threadTs(taken.threadTs())
                .text(taken.text())
                .metadata(new com.slack.api.model.Message.Metadata(
                        SlackTransport.METADATA_EVENT,
                        java.util.Map.of(SlackTransport.METADATA_ROW, 1, SlackTransport.METADATA_PART, 2))));

        restart(Duration.ofSeconds(40));
        deliverAll();

        assertEquals(0, worker.pendingCount());
        assertEquals(
                partsOf(doc) + 1, api.succeeded("chat.postMessage").size(), "nothing posted beyond the two copies");
        assertTrue(keptParts().contains(taken.ts()), "the first copy is the one kept: " + keptParts());
    }

    @Test
    void aKillRightAfterSlackTookAPartAnEditAddedFindsItInTheThreadAndPostsItOnce() {
        post(list(100, i -> "waiting on the pipeline review"));
        deliverAll();
        int before = api.succeeded("chat.postMessage").size();
        Doc grown = list(400, i -> "waiting on the pipeline review");
        update(grown);
        Transport real = transport();
        worker = workerSendingThrough(real, delivery -> {
            boolean posts = real.call(delivery)
                    .map(c -> ApiCall.POST_MESSAGE.equals(c.method()))
                    .orElse(false);
            DeliveryResult result = real.deliver(delivery);
            if (posts) {
                throw new Killed();
            }
            return result;
        });
        assertThrows(Killed.class, worker::deliverDue);
        assertEquals(before + 1, api.succeeded("chat.postMessage").size());

        restart(Duration.ofSeconds(40));
        deliverAll();

        assertEquals(partsOf(grown), api.succeeded("chat.postMessage").size(), "no part of the edit posted twice");
        assertEquals(1, api.calls("conversations.replies").size());
        assertEquals(partsOf(grown), keptParts().size());
    }

    @Test
    void anEditThatShrinksTheDocEmptiesThePartsItLostAndGrowingAgainFillsThemInPlace() {
        Doc doc = list(400, i -> "waiting on the pipeline review");
        int parts = partsOf(doc);
        post(doc);
        deliverAll();

        update(list(50, i -> "waiting on the pipeline review"));
        deliverAll();
        List<FakeSlackApi.Call> emptied = api.succeeded("chat.update").stream()
                .filter(c -> c.param("text").equals("(nothing more)"))
                .toList();
        assertEquals(parts - 1, emptied.size(), "all but the message itself");

        update(doc);
        deliverAll();
        assertEquals(
                parts, api.succeeded("chat.postMessage").size(), "no new reply: the emptied ones are filled again");
        assertEquals(
                keptParts().subList(1, parts),
                api.succeeded("chat.update").stream()
                        .skip(parts)
                        .filter(c -> !c.param("ts").equals(keptParts().get(0)))
                        .map(c -> c.param("ts"))
                        .toList());
    }

    /** A heading and one long list, one item per agent. */
    private static Doc list(int agents, IntFunction<String> blocker) {
        List<Line> items = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            items.add(Line.of(
                    Span.strong("agent-" + i),
                    " is blocked: " + blocker.apply(i) + " and the model design, " + "see T3 and T4 for the details"));
        }
        return Doc.builder()
                .heading("Daily standup summary")
                .bullets(Line.of("Blockers and dependencies"), items)
                .build();
    }

    private static int partsOf(Doc doc) {
        return SlackBlocks.render(doc).size();
    }

    private static List<String> threadOrder(Doc doc) {
        return SlackBlocks.render(doc).stream().map(SlackBlocks.Part::text).toList();
    }

    private void post(Doc doc) {
        db.run(tx -> outbox.post(tx, KEY, Message.of(CHANNEL, doc)));
    }

    private void update(Doc doc) {
        db.run(tx -> outbox.update(tx, KEY, Message.of(CHANNEL, doc)));
    }

    /** Runs the worker, a second at a time, until nothing waits: Slack's pace lets about one post a second through. */
    private void deliverAll() {
        for (int second = 0; second < 600 && worker.pendingCount() > 0; second++) {
            worker.deliverDue();
            clock.tick(Duration.ofSeconds(1));
        }
        assertEquals(0, worker.pendingCount(), "everything delivered");
    }

    /** The text of each post Slack took, in the order it took them. */
    private List<String> postedTexts() {
        return api.succeeded("chat.postMessage").stream()
                .map(c -> c.param("text"))
                .toList();
    }

    /** The ts of each part kept for the row, in order. */
    private List<String> keptParts() {
        return db.read(tx -> tx.query("SELECT slack_ts FROM outbox_part ORDER BY part", rs -> rs.getString(1)));
    }

    @Override
    protected Transport transport() {
        return new SlackTransport(methods, config, new AgentDirectory(config, db, false));
    }

    /** A worker whose {@code n}th call dies before it reaches Slack, as the bot does under kill -9. */
    private DeliveryWorker dyingAtCall(int n) {
        Transport real = transport();
        AtomicInteger calls = new AtomicInteger();
        return workerSendingThrough(real, delivery -> {
            if (calls.incrementAndGet() == n) {
                throw new Killed();
            }
            return real.deliver(delivery);
        });
    }

    /** A worker that dies right after Slack answered its first call. */
    private DeliveryWorker dyingAfterSlackAnswered() {
        return dyingAfterSlackAnswered(1);
    }

    /** A worker that dies right after Slack answered its {@code n}th call, before the answer is written. */
    private DeliveryWorker dyingAfterSlackAnswered(int n) {
        Transport real = transport();
        AtomicInteger calls = new AtomicInteger();
        return workerSendingThrough(real, delivery -> {
            DeliveryResult result = real.deliver(delivery);
            if (calls.incrementAndGet() == n) {
                throw new Killed();
            }
            return result;
        });
    }
}
