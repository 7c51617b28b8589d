package dev.phasebot.support;

import dev.phasebot.Phasebot;
import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.DeliveryWorker;
import dev.phasebot.slack.SlackRuntime;
import dev.phasebot.slack.SlackSettings;
import dev.phasebot.slack.SlackTransport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The Slack side as the tests of the adapter use it: the Web API stand-in, a bot on the shipped
 * plan with some agents linked to Slack users, its Bolt app listening on a random loopback port,
 * and a client that signs requests as Slack does. Closed in the reverse order.
 */
public final class SlackHarness implements AutoCloseable {

    public final FakeSlackApi api;
    public final Phasebot bot;
    public final SlackRuntime slack;
    public final SignedSlackClient client;
    private final SettableClock clock;

    private SlackHarness(
            FakeSlackApi api, Phasebot bot, SlackRuntime slack, SignedSlackClient client, SettableClock clock) {
        this.api = api;
        this.bot = bot;
        this.slack = slack;
        this.client = client;
        this.clock = clock;
    }

    public static Builder builder(Path dir, SettableClock clock, String secret) {
        return new Builder(dir, clock, secret);
    }

    /** A delivery worker, driven by hand, that sends the bot's outbox to the Web API stand-in as the bot does. */
    public DeliveryWorker deliveryWorker() {
        return new DeliveryWorker(
                bot.database(),
                bot.incidents().rooms().around(new SlackTransport(slack.methods(), bot.config(), bot.agents())),
                clock,
                bot.outbox());
    }

    /** Presses a button as {@code userId}; the answers after the ack go to the stand-in's response_url. */
    public java.net.http.HttpResponse<String> pressButton(
            String userId, String channelId, String actionId, String value) throws Exception {
        return client.pressButton(userId, channelId, actionId, value, "77.66.55", api.url() + "response_url");
    }

    /**
     * Waits until the Bolt app has run everything it was handed after its acks (follow-up parts
     * through a response_url, App Home publishes), at most {@code seconds}: the work is then done,
     * not merely likely done. The app takes no more background work afterwards, so call it once,
     * after the test's last request.
     */
    public void drainAnswers(long seconds) throws InterruptedException {
        java.util.concurrent.ExecutorService executor = slack.app().executorService();
        executor.shutdown();
        if (!executor.awaitTermination(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("the Slack app's background work did not finish within " + seconds + " s");
        }
    }

    @Override
    public void close() throws Exception {
        slack.close();
        bot.close();
        api.close();
    }

    /** What differs between the tests: who is linked, which pages and API the port serves, extra wiring. */
    public static final class Builder {

        private final Path dir;
        private final SettableClock clock;
        private final String secret;
        private final Map<String, String> links = new LinkedHashMap<>();
        private BotConfig config = Fixtures.shippedConfig();
        private boolean opsPages;
        private boolean agentApi;
        private boolean standInOnTheClock;
        private BiConsumer<Phasebot, SlackRuntime> beforeStart = (bot, slack) -> {};

        private Builder(Path dir, SettableClock clock, String secret) {
            this.dir = dir;
            this.clock = clock;
            this.secret = secret;
        }

        /** A plan other than the shipped one, such as one whose security channel has members. */
        public Builder config(BotConfig config) {
            this.config = config;
            return this;
        }

        public Builder link(String agent, String slackUser) {
            links.put(agent, slackUser);
            return this;
        }

        /** Serve /healthz, /readyz and /metrics on the request port, with the bot's meters. */
        public Builder withOpsPages() {
            opsPages = true;
            return this;
        }

        /** Serve the agents' /api/v1 on the request port (implies the pages and meters). */
        public Builder withAgentApi() {
            opsPages = true;
            agentApi = true;
            return this;
        }

        /** The Web API stand-in stamps calls by the test's clock (and rate-limits by it). */
        public Builder standInOnTheClock() {
            standInOnTheClock = true;
            return this;
        }

        /** Wiring a test needs before the app starts, such as the App Home. */
        public Builder beforeStart(BiConsumer<Phasebot, SlackRuntime> wiring) {
            beforeStart = wiring;
            return this;
        }

        public SlackHarness start() throws Exception {
            FakeSlackApi api = standInOnTheClock ? new FakeSlackApi(clock) : new FakeSlackApi();
            Phasebot bot = new Phasebot(config, Fixtures.store(dir.resolve("phasebot.db")), clock, false);
            bot.database()
                    .run(tx -> links.forEach(
                            (agent, user) -> bot.agents().link(tx, agent, user, "test", clock.instant())));
            SlackSettings settings = SlackSettings.http("xoxb-test-token", secret, api.url(), "127.0.0.1", 0);
            SlackRuntime slack = opsPages
                    ? new SlackRuntime(
                            settings,
                            bot.dispatcher(),
                            bot.standupCommands(),
                            bot.incidentCommands(),
                            bot.agents(),
                            clock,
                            bot.opsPages(),
                            bot.meters(),
                            agentApi ? bot.api() : null,
                            bot.database())
                    : new SlackRuntime(
                            settings,
                            bot.dispatcher(),
                            bot.standupCommands(),
                            bot.incidentCommands(),
                            bot.agents(),
                            clock);
            beforeStart.accept(bot, slack);
            slack.start();
            return new SlackHarness(api, bot, slack, new SignedSlackClient(slack.port(), secret, clock), clock);
        }
    }
}
