package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import dev.phasebot.Phasebot;
import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.DeliveryWorker;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Doc;
import dev.phasebot.standup.StandupUpdate;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary of a 500-agent standup in Slack (the shipped plan with agents added up to 500, each
 * update's blockers naming two agents and two tasks, as bench/standup-close.sh runs it): every
 * message within Slack's limits, and a late update edits only the parts it changes.
 */
class LargeStandupSummaryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int AGENTS = 500;
    private static final String LEAD = "senior-system-developer";

    @TempDir
    Path dir;

    private final SettableClock clock = SettableClock.newYork("2026-11-24T09:00");
    private final BotConfig config = Fixtures.shippedConfigWithAgents(AGENTS);
    private FakeSlackApi api;
    private Slack slack;
    private Phasebot bot;
    private DeliveryWorker worker;

    @BeforeEach
    void start() throws Exception {
        api = new FakeSlackApi(clock);
        slack = api.slack();
        // Nobody linked, so no DMs: the channel's messages are what this is about.
        bot = new Phasebot(config, dir.resolve("phasebot.db"), clock, false);
        worker = new DeliveryWorker(
                bot.database(),
                new SlackTransport(slack.methods("xoxb-test"), config, bot.agents()),
                clock,
                bot.outbox());
        bot.standupSession().openNow(LEAD);
        clock.tick(Duration.ofMinutes(5));
        List<String> ids = config.agents().stream().map(a -> a.id()).toList();
        for (int i = 0; i < ids.size(); i++) {
            bot.standupUpdates()
                    .submit(
                            ids.get(i),
                            new StandupUpdate(
                                    security(ids.get(i)),
                                    "waiting on @" + ids.get((i + 1) % ids.size()) + " and "
                                            + ids.get((i + 7) % ids.size()) + " for T3, then T4",
                                    "item " + i,
                                    "pair with " + ids.get((i + 3) % ids.size())));
        }
        clock.tick(Duration.ofMinutes(10));
        bot.timers().runDue();
        deliverAll();
    }

    @AfterEach
    void stop() throws Exception {
        bot.close();
        slack.close();
        api.close();
    }

    @Test
    void everyPartOfThe500AgentSummaryIsWithinEveryLimitSlackSetsOnAMessage() throws Exception {
        List<FakeSlackApi.Call> parts = summaryParts();

        for (FakeSlackApi.Call part : parts) {
            JsonNode blocks = JSON.readTree(part.param("blocks"));
            assertTrue(blocks.size() <= 50, blocks.size() + " blocks");
            int chars = 0;
            for (JsonNode block : blocks) {
                for (String text : texts(block)) {
                    int limit = block.get("type").asText().equals("header") ? 150 : 3_000;
                    assertTrue(text.length() <= limit, text.length() + " characters in a " + block.get("type"));
                    chars += text.length();
                }
            }
            assertTrue(chars <= 12_000, chars + " characters in one message");
            assertTrue(part.param("text").length() <= 3_000, "the fallback");
        }
        String all =
                String.join("\n", parts.stream().map(p -> p.param("blocks")).toList());
        for (String agent : List.of("bench-agent-6", "bench-agent-499", "devops-engineer")) {
            assertTrue(all.contains("*" + agent + "*: today: item "), agent + "'s update is in the summary");
        }
        assertTrue(
                all.contains("*python-ml-fintech-reviewer* is blocked (details in #alphapy-security)"),
                "the security team's, withheld");
    }

    @Test
    void the500AgentSummaryIsOneMessageInTheChannelAndItsDetailAtMostFourRepliesInItsThread() throws Exception {
        List<FakeSlackApi.Call> parts = summaryParts();

        assertTrue(parts.size() <= 5, parts.size() + " messages");
        assertNull(parts.get(0).param("thread_ts"), "the overview is the message in the channel");
        assertTrue(parts.subList(1, parts.size()).stream().allMatch(p -> p.param("thread_ts") != null));
        String overview = parts.get(0).param("blocks");
        assertTrue(overview.contains("1. Security team update"), overview);
        assertTrue(overview.contains("2. Blockers and dependencies"), overview);
        assertTrue(overview.contains("*Posted:* 500 · *Blocked:* 500 · *Did not post:* 0"), overview);
        assertTrue(overview.contains("more, in the updates by agent."), overview);
        String thread = String.join(
                "\n",
                parts.subList(1, parts.size()).stream()
                        .map(p -> p.param("blocks"))
                        .toList());
        for (int i = 6; i < AGENTS; i++) {
            assertTrue(thread.contains("*bench-agent-" + i + "*: "), "bench-agent-" + i + " in the thread");
        }
        assertTrue(thread.contains("Updates by agent, 1 of 4"), thread.substring(0, 300));
    }

    @Test
    void oneLateUpdateEditsOnlyThePartsWhoseContentChangedAndLeavesTheOthersUntouched() throws Exception {
        List<FakeSlackApi.Call> parts = summaryParts();
        Set<String> summaryTs = new HashSet<>(summaryTs());
        List<String> before = digests(summaryNow());
        int posts = api.calls("chat.postMessage").size();

        clock.tick(Duration.ofMinutes(25));
        bot.standupUpdates()
                .submit(
                        "bench-agent-250",
                        new StandupUpdate(
                                "no new findings",
                                "waiting on @bench-agent-251 and bench-agent-257 for T3, then T4",
                                "item 250 and the T7 fix",
                                ""));
        deliverAll();

        List<String> after = digests(summaryNow());
        int changed = 0;
        for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
            changed += i < before.size() && i < after.size() && before.get(i).equals(after.get(i)) ? 0 : 1;
        }
        List<FakeSlackApi.Call> edits = api.succeeded("chat.update");
        assertEquals(changed, edits.size(), "one edit per changed part");
        // The overview (its late list), and the updates by agent the late one left and joined (late ones come last).
        assertTrue(edits.size() <= 3, edits.size() + " of " + parts.size() + " parts edited");
        assertTrue(edits.stream().allMatch(e -> summaryTs.contains(e.param("ts"))), "edits of the summary's parts");
        assertTrue(
                edits.stream()
                        .anyMatch(e ->
                                e.param("blocks").contains("*bench-agent-250* _(late)_: security: no new findings")),
                edits.stream()
                        .map(e -> e.param("blocks"))
                        .toList()
                        .toString()
                        .replaceAll("(?s).*(bench-agent-250.{0,200}).*", "$1"));
        assertEquals(posts + 1, api.calls("chat.postMessage").size(), "only the late notice in the opening's thread");
    }

    /** The summary's messages as posted: the channel's second message (the opening is the first), and its thread. */
    private List<FakeSlackApi.Call> summaryParts() {
        List<FakeSlackApi.Call> posts = api.succeeded("chat.postMessage");
        String summaryTs = summaryTs().get(0);
        List<FakeSlackApi.Call> parts = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            if (summaryTs.equals(api.posted().get(i).ts())
                    || summaryTs.equals(posts.get(i).param("thread_ts"))) {
                parts.add(posts.get(i));
            }
        }
        assertTrue(
                parts.get(0).param("blocks").contains("Daily standup summary"),
                parts.get(0).param("blocks"));
        return parts;
    }

    /** The ts of the summary's message and of the replies in its thread. */
    private List<String> summaryTs() {
        List<FakeSlackApi.Call> posts = api.succeeded("chat.postMessage");
        List<FakeSlackApi.Posted> posted = api.posted();
        List<Integer> inChannel = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            if (posted.get(i).channel().equals("C0ALPHAPYPHASE2")
                    && posts.get(i).param("thread_ts") == null) {
                inChannel.add(i);
            }
        }
        String summary = posted.get(inChannel.get(1)).ts();
        List<String> ts = new ArrayList<>(List.of(summary));
        for (int i = 0; i < posts.size(); i++) {
            if (summary.equals(posts.get(i).param("thread_ts"))) {
                ts.add(posted.get(i).ts());
            }
        }
        return ts;
    }

    /** The summary as it would be rendered now. */
    private Doc summaryNow() {
        String body = "{\"deferred\":{\"source\":\"standup-summary\",\"argument\":\"2026-11-24\"}}";
        return bot.outbox().message(Destination.channel("coordination"), body).doc();
    }

    private static List<String> digests(Doc doc) {
        return SlackBlocks.render(doc).stream().map(SlackBlocks::digest).toList();
    }

    private static List<String> texts(JsonNode block) {
        List<String> texts = new ArrayList<>();
        if (block.has("text")) {
            texts.add(block.get("text").get("text").asText());
        }
        block.path("fields").forEach(f -> texts.add(f.get("text").asText()));
        block.path("elements").forEach(e -> {
            if (e.has("text") && e.get("text").isTextual()) {
                texts.add(e.get("text").asText());
            }
        });
        return texts;
    }

    private String security(String agent) {
        return config.isSecurityTeam(agent) ? "no new findings" : "";
    }

    /** Runs the worker a second at a time until nothing waits: about one post a second goes to a channel. */
    private void deliverAll() {
        for (int second = 0; second < 600 && worker.pendingCount() > 0; second++) {
            worker.deliverDue();
            clock.tick(Duration.ofSeconds(1));
        }
        assertEquals(0, worker.pendingCount(), "everything delivered");
    }
}
