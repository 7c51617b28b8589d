package dev.phasebot;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ConfigException;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.console.ConsoleAdapter;
import dev.phasebot.console.ConsoleTransport;
import dev.phasebot.slack.SlackRuntime;
import dev.phasebot.slack.SlackSettings;
import dev.phasebot.slack.SlackTransport;
import dev.phasebot.store.InstanceLock;
import dev.phasebot.store.InstanceLockedException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts phasebot: on Slack when {@code SLACK_BOT_TOKEN} is set, otherwise on the console.
 * A bad config or environment stops it with one line that says what to fix (exit code 2).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        SlackSettings slack;
        BotConfig config;
        try {
            slack = SlackSettings.fromEnvironment(env);
            config = new ConfigLoader().load(Path.of(env.getOrDefault("PHASEBOT_CONFIG", "bot-config.yml")));
        } catch (ConfigException | IllegalStateException e) {
            System.err.println("phasebot: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (slack == null && System.getenv("PHASEBOT_LOG_LEVEL") == null) {
            // On the console, log lines would drown the conversation; warnings still show.
            System.setProperty("PHASEBOT_LOG_LEVEL", "WARN");
        }
        Path db = Path.of(env.getOrDefault("PHASEBOT_DB", "data/phasebot.db"));
        Clock clock = Clock.system(config.phase().zone());
        InstanceLock instance;
        try {
            boolean standby = "true".equalsIgnoreCase(env.getOrDefault("PHASEBOT_STANDBY", "false"));
            if (standby) {
                System.err.println("phasebot: standby: waiting for the phasebot on " + db + " to stop");
            }
            instance = standby ? InstanceLock.waitFor(db) : InstanceLock.acquire(db);
        } catch (InstanceLockedException e) {
            System.err.println("phasebot: " + e.getMessage());
            System.exit(3);
            return;
        }
        // Held (and so kept reachable) until the bot has stopped.
        try (instance) {
            if (slack == null) {
                runConsole(config, db, clock);
            } else {
                runSlack(config, db, clock, slack);
            }
        }
    }

    private static void runConsole(BotConfig config, Path db, Clock clock) throws Exception {
        try (Phasebot bot = new Phasebot(config, db, clock, true)) {
            bot.start(new ConsoleTransport(System.out, config));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            new ConsoleAdapter(in, System.out, bot.dispatcher(), bot.standupCommands(), bot.incidentCommands(), config,
                    () -> bot.worker().deliverDue()).run();
            bot.worker().deliverDue();
        }
    }

    /** Mistakes that let the bot start but leave it half useful; said once, at start-up. */
    private static void warnAboutSetup(BotConfig config, Phasebot bot) {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Main.class);
        if (bot.agents().slackUser(config.lead().id()).isEmpty()) {
            log.warn("the lead {} is not linked to a Slack user: set slack_user or email for it in the config, "
                    + "or nobody can run lead-only commands such as /standup link", config.lead().id());
        }
        config.channels().forEach((role, channel) -> {
            if (channel.isPrivate() && (channel.id() == null || channel.id().isBlank())) {
                log.warn("channel role {} ({}) is private but has no id: set channels.{}.id to its C... id, "
                        + "or Slack may refuse the posts", role, channel.name(), role);
            }
        });
    }

    private static void runSlack(BotConfig config, Path db, Clock clock, SlackSettings settings) throws Exception {
        Phasebot bot = new Phasebot(config, db, clock, false);
        SlackRuntime slack = new SlackRuntime(settings, bot.dispatcher(), bot.standupCommands(), bot.incidentCommands(),
                bot.agents(), clock);
        slack.linkAgentsByEmail(config, bot.agents(), bot.database(), clock);
        warnAboutSetup(config, bot);
        slack.showDashboardAtHome(bot.dashboard()::render, bot.agents(), refresh -> {
            bot.plan().onChange(refresh);
            bot.incidents().onOpenSetChange(refresh);
        });
        bot.start(new SlackTransport(slack.methods(), config, bot.agents()));
        slack.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                slack.close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
            bot.close();
            stopped.countDown();
        }, "phasebot-shutdown"));
        stopped.await();
    }
}
