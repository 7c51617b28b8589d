package dev.phasebot;

import dev.phasebot.api.ApiServer;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ConfigException;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.console.ConsoleAdapter;
import dev.phasebot.console.ConsoleTransport;
import dev.phasebot.ops.AdminServer;
import dev.phasebot.ops.AdminSettings;
import dev.phasebot.ops.HealthCheck;
import dev.phasebot.ops.LogFormat;
import dev.phasebot.ops.OpsPages;
import dev.phasebot.ops.RunLog;
import dev.phasebot.paging.PagerDutyWebhookHandler;
import dev.phasebot.paging.PagerDutyWebhookSettings;
import dev.phasebot.paging.PagingSettings;
import dev.phasebot.slack.SlackRuntime;
import dev.phasebot.slack.SlackSettings;
import dev.phasebot.slack.SlackTransport;
import dev.phasebot.slack.TokenRefusedException;
import dev.phasebot.store.Database;
import dev.phasebot.store.InstanceLock;
import dev.phasebot.store.InstanceLockedException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Starts phasebot: on Slack when {@code SLACK_BOT_TOKEN} is set, otherwise on the console.
 * Whatever stops it early says why in one line on stderr and exits non-zero, so a supervisor
 * sees it and restarts it or shows the reason: 2 a bad config or environment, 3 the database
 * is in use by another phasebot, 4 Slack refused the token, 1 anything else.
 */
public final class Main {

    private Main() {}

    static final int FAILED = 1;
    static final int BAD_SETUP = 2;
    static final int DATABASE_IN_USE = 3;
    static final int TOKEN_REFUSED = 4;

    public static void main(String[] args) {
        if (args.length > 0 && "mcp".equals(args[0])) {
            // The MCP server for coding agents: stdout is its protocol, and it needs no config, database or Slack.
            System.exit(dev.phasebot.mcp.McpMain.run(System.getenv(), System.in, System.out, System.err));
        }
        if (args.length > 0 && "copy-to".equals(args[0])) {
            // Moves the SQLite file into PostgreSQL; stdout is its report, so logs say only what went wrong.
            if (System.getenv("PHASEBOT_LOG_LEVEL") == null) {
                System.setProperty("PHASEBOT_LOG_LEVEL", "WARN");
            }
            System.exit(dev.phasebot.store.StoreCopy.run(
                    java.util.List.of(args).subList(1, args.length), System.getenv(), System.out, System.err));
        }
        try {
            run(System.getenv());
        } catch (TokenRefusedException e) {
            stop(TOKEN_REFUSED, e.getMessage());
        } catch (InstanceLockedException e) {
            stop(DATABASE_IN_USE, e.getMessage());
        } catch (ConfigException e) {
            // A config the store refuses (a phase.name an earlier phase had): the setup's fault, said in one line.
            stop(BAD_SETUP, e.getMessage());
        } catch (Throwable e) {
            // Without this the scheduler's threads would keep a process alive whose main thread died.
            org.slf4j.LoggerFactory.getLogger(Main.class).error("phasebot stopped", e);
            stop(FAILED, "stopped: " + reason(e));
        }
    }

    /** The exception and its causes on one line: what a supervisor's status line can show. */
    private static String reason(Throwable e) {
        StringBuilder line = new StringBuilder(String.valueOf(e.getMessage() != null ? e.getMessage() : e.toString()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            line.append(" (").append(cause).append(')');
        }
        return line.toString().replace('\n', ' ');
    }

    /** Set before a non-zero exit, so the shutdown hook logs no clean stop after the reason line. */
    private static volatile boolean failed;

    private static void stop(int code, String reason) {
        failed = true;
        System.err.println("phasebot: " + reason);
        System.exit(code);
    }

    private static void run(Map<String, String> env) throws Exception {
        SlackSettings slack;
        BotConfig config;
        // Read again by /phase reload, so the bot is given the path as well as what it held.
        Path configFile = Path.of(env.getOrDefault("PHASEBOT_CONFIG", "bot-config.yml"));
        Optional<AdminSettings> admin;
        PagingSettings paging;
        Optional<PagerDutyWebhookSettings> pagerDuty;
        try {
            LogFormat.check(env);
            slack = SlackSettings.fromEnvironment(env);
            admin = AdminSettings.fromEnvironment(env, slack != null && slack.socketMode());
            paging = PagingSettings.fromEnvironment(env);
            pagerDuty = PagerDutyWebhookSettings.fromEnvironment(env);
            config = new ConfigLoader().load(configFile);
        } catch (ConfigException | IllegalStateException e) {
            stop(BAD_SETUP, e.getMessage());
            return;
        }
        if (slack == null && env.get("PHASEBOT_LOG_LEVEL") == null) {
            // On the console, log lines would drown the conversation; warnings still show.
            System.setProperty("PHASEBOT_LOG_LEVEL", "WARN");
        }
        String where = env.getOrDefault("PHASEBOT_DB", "data/phasebot.db");
        Clock clock = Clock.system(config.phase().zone());
        boolean standby = "true".equalsIgnoreCase(env.getOrDefault("PHASEBOT_STANDBY", "false"));
        if (where.startsWith("jdbc:postgresql:")) {
            // Replicas share the database; the leader among them is chosen there (Database#leadership).
            Supplier<Database> store =
                    () -> Database.openPostgres(where, env.get("PHASEBOT_DB_USER"), env.get("PHASEBOT_DB_PASSWORD"));
            if (slack == null) {
                runConsole(config, configFile, store, clock, env, admin, paging);
            } else {
                runSlack(config, configFile, store, clock, slack, admin, paging, pagerDuty);
            }
            return;
        }
        Path db = Path.of(where);
        InstanceLock instance;
        try {
            if (standby) {
                System.err.println("phasebot: standby: waiting for the phasebot on " + db + " to stop");
            }
            instance = standby ? InstanceLock.waitFor(db) : InstanceLock.acquire(db);
        } catch (InstanceLockedException e) {
            stop(DATABASE_IN_USE, e.getMessage());
            return;
        }
        // Held (and so kept reachable) until the bot has stopped.
        try (instance) {
            Supplier<Database> store = () -> Database.open(db);
            if (slack == null) {
                runConsole(config, configFile, store, clock, env, admin, paging);
            } else {
                runSlack(config, configFile, store, clock, slack, admin, paging, pagerDuty);
            }
        }
    }

    /** The admin port's server, started; null (which try-with-resources skips) when none is wanted. */
    private static AdminServer adminServer(Optional<AdminSettings> settings, OpsPages pages) throws Exception {
        if (settings.isEmpty()) {
            return null;
        }
        AdminServer server = new AdminServer(settings.get(), pages);
        server.start();
        return server;
    }

    // The admin server is held open for the length of the conversation and never referenced in it.
    @SuppressWarnings("try")
    private static void runConsole(
            BotConfig config,
            Path configFile,
            Supplier<Database> store,
            Clock clock,
            Map<String, String> env,
            Optional<AdminSettings> admin,
            PagingSettings paging)
            throws Exception {
        RunLog run = new RunLog(config, "console", clock);
        try (Phasebot bot = new Phasebot(config, store.get(), clock, true, paging, configFile);
                AdminServer ops = adminServer(
                        admin,
                        bot.opsPages()
                                .with(new HealthCheck(
                                        "slack_auth",
                                        () -> HealthCheck.Verdict.notApplicable("the console has no Slack token"))))) {
            // Agents that are programs take part on the console too; a busy port costs the API, not the console.
            // Started before delivery, so posts due at start-up print after the banner, as they did.
            ApiServer api = ApiServer.startOrExplain(
                    env.getOrDefault("PHASEBOT_HOST", "127.0.0.1"),
                    env.getOrDefault("PORT", "3000"),
                    bot.api(),
                    System.err);
            try {
                bot.start(new ConsoleTransport(
                        System.out,
                        config,
                        java.nio.file.Path.of(env.getOrDefault(
                                "PHASEBOT_FILES_DIR", ConsoleTransport.DEFAULT_FILES_DIR.toString()))));
                run.started();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                new ConsoleAdapter(
                                in,
                                System.out,
                                bot.dispatcher(),
                                bot.standupCommands(),
                                bot.incidentCommands(),
                                config,
                                () -> deliverIfLeading(bot))
                        .run();
                deliverIfLeading(bot);
            } finally {
                if (api != null) {
                    api.close();
                }
            }
        }
        run.stopped();
    }

    /** On the console, what is due prints between commands; a standby's leader prints it elsewhere. */
    private static void deliverIfLeading(Phasebot bot) {
        var worker = bot.worker();
        if (worker != null && bot.database().leadership().held()) {
            worker.deliverDue();
        }
    }

    /** Mistakes that let the bot start but leave it half useful; said once, at start-up. */
    private static void warnAboutSetup(BotConfig config, Phasebot bot) {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Main.class);
        if (bot.agents().slackUser(config.lead().id()).isEmpty()) {
            log.warn(
                    "the lead {} is not linked to a Slack user: set slack_user or email for it in the config, "
                            + "or nobody can run lead-only commands such as /standup link",
                    config.lead().id());
        }
        config.channels().forEach((role, channel) -> {
            if (channel.isPrivate() && (channel.id() == null || channel.id().isBlank())) {
                log.warn(
                        "channel role {} ({}) is private but has no id: set channels.{}.id to its C... id, "
                                + "or Slack may refuse the posts",
                        role,
                        channel.name(),
                        role);
            }
        });
    }

    private static void runSlack(
            BotConfig config,
            Path configFile,
            Supplier<Database> store,
            Clock clock,
            SlackSettings settings,
            Optional<AdminSettings> admin,
            PagingSettings paging,
            Optional<PagerDutyWebhookSettings> pagerDuty)
            throws Exception {
        Phasebot bot = new Phasebot(config, store.get(), clock, false, paging, configFile);
        if (pagerDuty.isPresent() && settings.socketMode()) {
            org.slf4j.LoggerFactory.getLogger(Main.class)
                    .warn("PHASEBOT_PAGERDUTY_WEBHOOK_SECRET is set but Socket Mode has no public request URL: "
                            + "PagerDuty's webhooks need phasebot over HTTP (unset SLACK_APP_TOKEN)");
        }
        SlackRuntime slack = new SlackRuntime(
                settings,
                bot.dispatcher(),
                bot.standupCommands(),
                bot.incidentCommands(),
                bot.agents(),
                clock,
                bot.opsPages(),
                bot.meters(),
                // PagerDuty's webhooks share the request port (HTTP mode) with Slack and the API.
                PagerDutyWebhookHandler.onRequestPort(bot.api(), pagerDuty, bot, clock),
                bot.database());
        AdminServer ops = adminServer(admin, slack.pages());
        CountDownLatch stopped = new CountDownLatch(1);
        RunLog run = new RunLog(config, settings.socketMode() ? "socket" : "http", clock);
        // Registered first, so a stop at any later step still closes what was opened.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                if (ops != null) {
                                    ops.close();
                                }
                                slack.close();
                            } catch (Exception ignored) {
                                // shutting down anyway
                            }
                            bot.close();
                            if (!failed) {
                                run.stopped();
                            }
                            stopped.countDown();
                        },
                        "phasebot-shutdown"));
        slack.showDashboardAtHome(
                bot.dashboard()::doc,
                bot.agents(),
                refresh -> {
                    bot.planWriter().onChange(refresh);
                    bot.incidents().onOpenSetChange(refresh);
                },
                bot.database());
        slack.serve();
        slack.awaitToken();
        slack.linkAgentsByEmail(config, bot.agents(), bot.database(), clock);
        warnAboutSetup(config, bot);
        // Only now: with an unconfirmed token the worker would give up on every message it sent.
        bot.start(new SlackTransport(slack.methods(), config, bot.agents()));
        run.started();
        slack.open(revoked -> new Thread(() -> stop(TOKEN_REFUSED, revoked.getMessage()), "phasebot-stop").start());
        stopped.await();
    }
}
