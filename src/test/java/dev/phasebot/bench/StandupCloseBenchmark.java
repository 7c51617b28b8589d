package dev.phasebot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.phasebot.Phasebot;
import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.DeliveryWorker;
import dev.phasebot.delivery.Pacer;
import dev.phasebot.delivery.Pacer.HeldUntil;
import dev.phasebot.delivery.Transport.ApiCall;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.slack.SlackTransport;
import dev.phasebot.standup.StandupUpdate;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Closing a standup of many agents (blockers naming other agents and tasks), in the same run as
 * its baseline, reading and joining the same rows: the close's write, which the lead waits for;
 * a late update's write; and, at delivery, outside any write, the summary built and rendered to
 * Slack parts. Then the summary delivered to the Web API stand-in: how many parts, the largest,
 * and how many edits one late update makes. Last, how long Slack's pacing makes a DM round to
 * that many agents. Run with {@code bench/standup-close.sh}.
 */
public final class StandupCloseBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Destination CHANNEL = Destination.channel("coordination");
    /** The channel id the stand-in gives #alphapy-phase2. */
    private static final String CHANNEL_ID = "C0ALPHAPYPHASE2";

    private static final String LATE_AGENT = "bench-agent-250";
    private static final int WARM_UP_RENDERS = 30;

    private StandupCloseBenchmark() {}

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("phasebot-close-bench");
        BotConfig config = Fixtures.shippedConfigWithAgents(agents);
        System.out.printf(
                Locale.ROOT,
                "agents=%d runs=%d cores=%d java=%s%n",
                config.agents().size(),
                runs,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        List<Double> reads = new ArrayList<>();
        List<Double> closes = new ArrayList<>();
        List<Double> lates = new ArrayList<>();
        List<Double> renders = new ArrayList<>();
        // run 0 warms the JIT and is not counted
        for (int run = 0; run <= runs; run++) {
            SettableClock clock = SettableClock.newYork("2026-11-24T09:00");
            try (Phasebot bot = new Phasebot(config, dir.resolve("close-" + run + ".db"), clock, false);
                    Slack slack = Slack.getInstance(new SlackConfig())) {
                postUpdates(bot, config, clock);
                long r0 = System.nanoTime();
                int rows = joinedUpdateRows(bot);
                double read = (System.nanoTime() - r0) / 1e6;
                long c0 = System.nanoTime();
                bot.standupSession().closeNow(config.lead().id());
                double close = (System.nanoTime() - c0) / 1e6;
                if (rows < agents) {
                    throw new IllegalStateException("only " + rows + " updates were recorded");
                }
                // What the delivery worker does with the close's row: build the summary, render it to parts.
                SlackTransport transport = new SlackTransport(slack.methods("xoxb-bench"), config, bot.agents());
                double render = 0;
                // The warm-up run renders it many times: once per run would leave it to the interpreter.
                for (int i = 0; i < (run == 0 ? WARM_UP_RENDERS : 1); i++) {
                    long d0 = System.nanoTime();
                    Message summary = bot.outbox().message(CHANNEL, summaryBody(bot));
                    Optional<ApiCall> first = transport.call(new OutgoingDelivery(1, false, summary, null));
                    render = (System.nanoTime() - d0) / 1e6;
                    if (first.isEmpty()) {
                        throw new IllegalStateException("the summary rendered to nothing to post");
                    }
                }
                clock.tick(Duration.ofMinutes(10));
                long l0 = System.nanoTime();
                bot.standupUpdates().submit(LATE_AGENT, lateUpdate());
                double late = (System.nanoTime() - l0) / 1e6;
                if (run > 0) {
                    reads.add(read);
                    closes.add(close);
                    renders.add(render);
                    lates.add(late);
                }
                System.out.printf(
                        Locale.ROOT,
                        "run %d: read %d rows %.1f ms, close %.1f ms, render at delivery %.1f ms, "
                                + "late update %.1f ms%n",
                        run,
                        rows,
                        read,
                        close,
                        render,
                        late);
            }
        }
        System.out.println("| measurement | baseline: reading and joining the rows | phasebot | ratio |");
        System.out.println("|---|---|---|---|");
        row(
                String.format(Locale.ROOT, "%d-agent standup close: the write the lead waits for", agents),
                runs,
                reads,
                closes);
        row("a late update after the close: its write", runs, reads, lates);
        row("at delivery, outside any write: the summary built and rendered to Slack parts", runs, reads, renders);

        weeklyAgenda(config, dir, runs);

        delivered(config, dir);

        Duration round = dmRound(config.agents().size());
        System.out.printf(
                Locale.ROOT,
                "a DM round to %d agents under Pacer.slack: the last DM goes out %.1f s after the first%n",
                config.agents().size(),
                round.toMillis() / 1000.0);
    }

    /** Opens the standup, and every agent posts an update whose blockers name two agents and two tasks. */
    private static void postUpdates(Phasebot bot, BotConfig config, SettableClock clock) {
        bot.standupSession().openNow(config.lead().id());
        clock.tick(Duration.ofMinutes(5));
        List<String> ids = config.agents().stream().map(a -> a.id()).toList();
        for (int i = 0; i < ids.size(); i++) {
            String blockers = "waiting on @" + ids.get((i + 1) % ids.size()) + " and " + ids.get((i + 7) % ids.size())
                    + " for T3, then T4";
            bot.standupUpdates()
                    .submit(
                            ids.get(i),
                            new StandupUpdate(
                                    "no new findings",
                                    blockers,
                                    "item " + i,
                                    "pair with " + ids.get((i + 3) % ids.size())));
        }
        clock.tick(Duration.ofMinutes(5));
    }

    private static StandupUpdate lateUpdate() {
        return new StandupUpdate(
                "no new findings",
                "waiting on @bench-agent-251 and bench-agent-257 for T3, then T4",
                "item 250 and the T7 fix",
                "");
    }

    private static String summaryBody(Phasebot bot) {
        return bot.database()
                .read(tx -> tx.queryOne(
                        "SELECT body FROM outbox WHERE dedupe_key = ?",
                        rs -> rs.getString(1),
                        "standup:" + bot.standupUpdates().today() + ":summary"))
                .orElseThrow();
    }

    /**
     * The summary delivered to the Web API stand-in, Slack's pace kept on a settable clock: its
     * parts, the largest of them, and the edits one late update makes.
     */
    private static void delivered(BotConfig config, Path dir) throws Exception {
        SettableClock clock = SettableClock.newYork("2026-11-24T09:00");
        SlackConfig slackConfig = new SlackConfig();
        try (FakeSlackApi api = new FakeSlackApi(clock);
                Phasebot bot = new Phasebot(config, dir.resolve("delivered.db"), clock, false)) {
            slackConfig.setMethodsEndpointUrlPrefix(api.url());
            try (Slack slack = Slack.getInstance(slackConfig)) {
                DeliveryWorker worker = new DeliveryWorker(
                        bot.database(),
                        new SlackTransport(slack.methods("xoxb-bench"), config, bot.agents()),
                        clock,
                        bot.outbox());
                postUpdates(bot, config, clock);
                bot.standupSession().closeNow(config.lead().id());
                Instant closed = clock.instant();
                deliverAll(worker, clock);
                Duration posting = Duration.between(closed, clock.instant());
                List<FakeSlackApi.Call> posts = api.succeeded("chat.postMessage");
                // The opening is the channel's first message; the summary is its second, then its thread.
                String summaryTs = null;
                for (int i = 0, seen = 0; i < posts.size() && summaryTs == null; i++) {
                    if (api.posted().get(i).channel().equals(CHANNEL_ID)
                            && posts.get(i).param("thread_ts") == null
                            && ++seen == 2) {
                        summaryTs = api.posted().get(i).ts();
                    }
                }
                int parts = 0;
                int maxBlocks = 0;
                int maxChars = 0;
                for (int i = 0; i < posts.size(); i++) {
                    if (summaryTs.equals(api.posted().get(i).ts())
                            || summaryTs.equals(posts.get(i).param("thread_ts"))) {
                        JsonNode blocks = JSON.readTree(posts.get(i).param("blocks"));
                        parts++;
                        maxBlocks = Math.max(maxBlocks, blocks.size());
                        maxChars = Math.max(maxChars, chars(blocks));
                    }
                }
                System.out.printf(
                        Locale.ROOT,
                        "the summary in Slack: %d parts (the message and %d replies in its thread), "
                                + "posted in %d s at Slack's pace; the largest part %d blocks, %d characters (limits 50, 12,000)%n",
                        parts,
                        parts - 1,
                        posting.toSeconds(),
                        maxBlocks,
                        maxChars);

                int postsBefore = api.calls("chat.postMessage").size();
                clock.tick(Duration.ofMinutes(20));
                bot.standupUpdates().submit(LATE_AGENT, lateUpdate());
                deliverAll(worker, clock);
                System.out.printf(
                        Locale.ROOT,
                        "one late update (%s): %d chat.update calls of %d parts, %d chat.postMessage "
                                + "(the late notice in the opening's thread)%n",
                        LATE_AGENT,
                        api.calls("chat.update").size(),
                        parts,
                        api.calls("chat.postMessage").size() - postsBefore);
            }
        }
    }

    private static void deliverAll(DeliveryWorker worker, SettableClock clock) {
        for (int second = 0; second < 3_600 && worker.pendingCount() > 0; second++) {
            worker.deliverDue();
            clock.tick(Duration.ofSeconds(1));
        }
        if (worker.pendingCount() > 0) {
            throw new IllegalStateException(worker.pendingCount() + " rows still pending after an hour");
        }
    }

    /** The characters of text a message's blocks show, as Slack counts them. */
    private static int chars(JsonNode blocks) {
        int chars = 0;
        for (JsonNode block : blocks) {
            if (block.has("text")) {
                chars += block.get("text").get("text").asText().length();
            }
            for (JsonNode field : block.path("fields")) {
                chars += field.get("text").asText().length();
            }
            for (JsonNode element : block.path("elements")) {
                chars += element.path("text").isTextual()
                        ? element.get("text").asText().length()
                        : 0;
            }
        }
        return chars;
    }

    /** The baseline: every update row read and joined with its standup, as the summary and agenda start. */
    private static int joinedUpdateRows(Phasebot bot) {
        return bot.database()
                .read(tx -> tx.query(
                                "SELECT u.agent, u.blockers, u.commitments, u.coordination, s.day "
                                        + "FROM standup_update u JOIN standup s ON s.day = u.day",
                                rs -> rs.getString(1) + rs.getString(2) + rs.getString(3) + rs.getString(4))
                        .size());
    }

    private static void row(String what, int runs, List<Double> baseline, List<Double> measured) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < baseline.size(); i++) {
            ratios.add(measured.get(i) / baseline.get(i));
        }
        System.out.printf(
                Locale.ROOT,
                "| %s, median of %d | %.1f ms | %.1f ms | %.1fx |%n",
                what,
                runs,
                median(baseline),
                median(measured),
                median(ratios));
    }

    /**
     * The Friday review's agenda after a week in which every agent posted every day (blockers
     * naming agents and tasks): gathering it (what {@code postAgendaScheduled} does before its
     * write, as {@code /review preview} does) against reading and joining the week's update rows,
     * interleaved run by run; then the one scheduled post, gathering and write.
     */
    private static void weeklyAgenda(BotConfig config, Path dir, int runs) {
        SettableClock clock = SettableClock.newYork("2026-11-30T09:00");
        try (Phasebot bot = new Phasebot(config, dir.resolve("agenda.db"), clock, false)) {
            for (int day = 30; day <= 34; day++) {
                clock.setLocal(day <= 30 ? "2026-11-30T09:00:00" : "2026-12-0" + (day - 30) + "T09:00:00");
                postUpdates(bot, config, clock);
                bot.standupSession().closeNow(config.lead().id());
            }
            clock.setLocal("2026-12-04T13:00:00");
            List<Double> reads = new ArrayList<>();
            List<Double> gathers = new ArrayList<>();
            for (int run = -WARM_UP_RENDERS; run < runs; run++) {
                long r0 = System.nanoTime();
                int rows = joinedUpdateRows(bot);
                double read = (System.nanoTime() - r0) / 1e6;
                long g0 = System.nanoTime();
                if (bot.reviewSession().preview().sections().isEmpty()) {
                    throw new IllegalStateException("the agenda came out empty");
                }
                double gather = (System.nanoTime() - g0) / 1e6;
                if (rows < 5 * config.agents().size()) {
                    throw new IllegalStateException("only " + rows + " updates were recorded");
                }
                if (run >= 0) {
                    reads.add(read);
                    gathers.add(gather);
                }
            }
            row(
                    String.format(
                            Locale.ROOT,
                            "the weekly review's agenda (%d agents, 5 standups): gathered outside any write",
                            config.agents().size()),
                    runs,
                    reads,
                    gathers);
            long p0 = System.nanoTime();
            if (!bot.reviewSession().postAgendaScheduled()) {
                throw new IllegalStateException("the agenda was not posted");
            }
            System.out.printf(
                    Locale.ROOT,
                    "the scheduled agenda post, gathering and write: %.1f ms%n",
                    (System.nanoTime() - p0) / 1e6);
        }
    }

    /** Asks the real pacer for one DM slot per agent, each a different channel, moving time as it says. */
    private static Duration dmRound(int agents) {
        SettableClock clock = SettableClock.newYork("2026-11-24T09:00");
        Pacer pacer = Pacer.slack(clock);
        Instant first = clock.instant();
        for (int i = 0; i < agents; i++) {
            ApiCall dm = new ApiCall(ApiCall.POST_MESSAGE, "D" + i);
            Optional<HeldUntil> held;
            while ((held = pacer.tryTake(dm)).isPresent()) {
                clock.set(held.get().until());
            }
        }
        return Duration.between(first, clock.instant());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
