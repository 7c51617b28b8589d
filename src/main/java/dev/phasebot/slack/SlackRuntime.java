package dev.phasebot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.socket_mode.SocketModeClient;
import dev.phasebot.command.AgentDirectory;
import dev.phasebot.command.CommandDispatcher;
import dev.phasebot.config.Agent;
import dev.phasebot.config.BotConfig;
import dev.phasebot.incident.IncidentCommands;
import dev.phasebot.ops.HealthCheck;
import dev.phasebot.ops.HealthCheck.Verdict;
import dev.phasebot.ops.OpsPages;
import dev.phasebot.standup.StandupCommands;
import dev.phasebot.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything Slack: the Web API client (pointed at {@code SLACK_API_URL} when set), the Bolt
 * app with our handlers, and the HTTP server Slack calls. Built only when a token is given.
 */
public final class SlackRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlackRuntime.class);

    private final Slack slack;
    private final MethodsClient methods;
    private final App app;
    private final SlackHttpServer server;
    private final String appToken;
    private final TokenAuthorization authorization;
    private final TokenWatch tokenWatch;
    private final OpsPages pages;
    private final Clock clock;
    private HomeTab homeTab;
    private boolean homeTabByHand;
    private SocketModeApp socketModeApp;
    private com.slack.api.methods.response.auth.AuthTestResponse identity;

    /** Without operations pages or meters: the request port answers Slack only. */
    public SlackRuntime(
            SlackSettings settings,
            CommandDispatcher dispatcher,
            StandupCommands standupForm,
            IncidentCommands incidentForm,
            AgentDirectory agents,
            Clock clock) {
        // An empty composite registry drops what is recorded into it.
        this(
                settings,
                dispatcher,
                standupForm,
                incidentForm,
                agents,
                clock,
                OpsPages.none(),
                new CompositeMeterRegistry());
    }

    /**
     * {@code pages} gain the token check ({@link #pages()}) and are served on the request port
     * over HTTP; {@code meters} get the ack latency.
     */
    public SlackRuntime(
            SlackSettings settings,
            CommandDispatcher dispatcher,
            StandupCommands standupForm,
            IncidentCommands incidentForm,
            AgentDirectory agents,
            Clock clock,
            OpsPages pages,
            MeterRegistry meters) {
        this(settings, dispatcher, standupForm, incidentForm, agents, clock, pages, meters, null);
    }

    /**
     * As above, and {@code api} (the agents' {@code /api/v1}, which answers only its own paths)
     * is served on the request port too, so programs reach the bot where Slack does.
     */
    public SlackRuntime(
            SlackSettings settings,
            CommandDispatcher dispatcher,
            StandupCommands standupForm,
            IncidentCommands incidentForm,
            AgentDirectory agents,
            Clock clock,
            OpsPages pages,
            MeterRegistry meters,
            org.eclipse.jetty.server.Handler api) {
        this(settings, dispatcher, standupForm, incidentForm, agents, clock, pages, meters, api, null);
    }

    /**
     * As above, over the bot's {@code store}: when replicas share it, a signed request replayed to
     * another replica is refused there too (null, or a store of one process: remembered in memory).
     */
    public SlackRuntime(
            SlackSettings settings,
            CommandDispatcher dispatcher,
            StandupCommands standupForm,
            IncidentCommands incidentForm,
            AgentDirectory agents,
            Clock clock,
            OpsPages pages,
            MeterRegistry meters,
            org.eclipse.jetty.server.Handler api,
            Database store) {
        this.clock = clock;
        SlackConfig slackConfig = new SlackConfig();
        if (settings.apiUrl() != null) {
            String prefix = settings.apiUrl().endsWith("/") ? settings.apiUrl() : settings.apiUrl() + "/";
            slackConfig.setMethodsEndpointUrlPrefix(prefix);
        }
        slackConfig.setPrettyResponseLoggingEnabled(false);
        // The SDK's call statistics resolve the team with a hidden auth.test before a method's
        // first call, which doubled the calls (and logged ERROR) during a Slack hiccup.
        slackConfig.setStatsEnabled(false);
        this.slack = Slack.getInstance(slackConfig);
        this.methods = slack.methods(settings.botToken());
        AppConfig appConfig = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(settings.botToken())
                .signingSecret(settings.signingSecret())
                // Signatures are checked before Bolt sees a request, more strictly than Bolt does.
                .requestVerificationEnabled(false)
                .build();
        // Our own authorization instead of Bolt's, which asks Slack on the request path.
        this.authorization = new TokenAuthorization(settings.botToken());
        this.app = new App(
                appConfig,
                new java.util.ArrayList<>(java.util.List.of(
                        authorization,
                        new com.slack.api.bolt.middleware.builtin.IgnoringSelfEvents(slackConfig, false))));
        app.asOAuthApp(false);
        this.tokenWatch =
                new TokenWatch(new TokenCheck(methods), authorization, duration -> Thread.sleep(duration.toMillis()));
        new SlackCommandHandlers(dispatcher, standupForm, incidentForm, agents, agents.config(), app.executorService())
                .register(app);
        this.appToken = settings.appToken();
        this.pages = pages.with(new HealthCheck(
                "slack_auth",
                () -> tokenWatch
                        .lastStatus()
                        .map(SlackRuntime::verdict)
                        .orElse(Verdict.failed("auth.test has not answered yet"))));
        if (settings.socketMode()) {
            // Slack authenticates the WebSocket with the app token; there is no request to sign.
            this.server = null;
        } else {
            this.server = new SlackHttpServer(
                    settings.host(),
                    settings.port(),
                    app,
                    new SlackRequestVerifier(settings.signingSecret(), store, clock),
                    this.pages,
                    meters,
                    api);
        }
    }

    /**
     * The App Home tab: see {@link HomeTab} for who sees what, and when it is published again.
     * {@code store} remembers whose Home was opened and which are stale; the leader publishes them
     * from {@link #open} on.
     */
    public void showDashboardAtHome(
            java.util.function.Supplier<dev.phasebot.message.Doc> dashboard,
            AgentDirectory agents,
            java.util.function.Consumer<Runnable> onChange,
            Database store) {
        homeTab = new HomeTab(methods, agents, dashboard, store, clock);
        homeTab.register(app, onChange);
    }

    /** The App Home's publisher, for a test to drive with its clock: {@link #open} then starts no thread. */
    HomeTab homeTabDrivenByHand() {
        homeTabByHand = true;
        return homeTab;
    }

    /** What the last {@code auth.test} said, in words that name no team, user or token. */
    private static Verdict verdict(TokenStatus status) {
        if (status instanceof TokenStatus.Confirmed) {
            return Verdict.ok("the last auth.test confirmed the bot token");
        }
        if (status instanceof TokenStatus.Unreachable) {
            return Verdict.failed("the last auth.test could not reach Slack");
        }
        return Verdict.failed("Slack refused the bot token");
    }

    /** The operations pages with the token check: what an admin port serves in Socket Mode. */
    public OpsPages pages() {
        return pages;
    }

    public MethodsClient methods() {
        return methods;
    }

    public App app() {
        return app;
    }

    /**
     * Serves, confirms the token, and opens: what tests and a simple embedding want. The bot
     * itself calls the three steps in turn, doing its own start-up between them.
     */
    public void start() throws Exception {
        serve();
        awaitToken();
        open(refused -> log.error("{}", refused.getMessage()));
    }

    /**
     * Starts answering Slack's request URL. Until {@link #open} commands answer that the bot is
     * starting (nothing is recorded). Socket Mode has nothing to serve.
     */
    public void serve() throws Exception {
        app.start();
        if (server != null) {
            server.start();
            log.info("Slack request URL listening on port {} at {}", server.port(), SlackHttpServer.PATH);
        }
    }

    /**
     * Blocks until Slack confirms the bot token, retrying while Slack cannot be reached; throws
     * {@link TokenRefusedException} when Slack refuses it.
     */
    public void awaitToken() throws InterruptedException {
        identity = tokenWatch.awaitConfirmation();
        log.info("Slack confirmed the bot token: {} in {}", identity.getUser(), identity.getTeam());
    }

    /**
     * Lets requests through (in Socket Mode: connects), then re-checks the token every ten
     * minutes in the background and hands a later refusal (a revoked token) to {@code onRevoked}.
     */
    public void open(java.util.function.Consumer<TokenRefusedException> onRevoked) throws Exception {
        if (identity == null) {
            throw new IllegalStateException("open() before the token was confirmed");
        }
        authorization.confirm(identity);
        tokenWatch.refreshEvery(TokenWatch.REFRESH, onRevoked);
        if (homeTab != null && !homeTabByHand) {
            homeTab.start();
        }
        if (server == null) {
            socketModeApp = new SocketModeApp(appToken, app, SocketModeClient.Backend.JavaWebSocket);
            socketModeApp.startAsync();
            log.info("connected to Slack over Socket Mode");
        }
    }

    /** The HTTP port (tests ask for port 0); -1 in Socket Mode, which listens on nothing. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    /** Links agents that the config names by e-mail only, asking Slack who they are. */
    public void linkAgentsByEmail(BotConfig config, AgentDirectory agents, Database database, Clock clock) {
        for (Agent agent : config.agents()) {
            if (agent.email() == null || agents.slackUser(agent.id()).isPresent()) {
                continue;
            }
            try {
                UsersLookupByEmailResponse r = methods.usersLookupByEmail(q -> q.email(agent.email()));
                if (r.isOk() && r.getUser() != null) {
                    database.run(
                            tx -> agents.link(tx, agent.id(), r.getUser().getId(), "config-email", clock.instant()));
                    log.info(
                            "linked {} to {} by e-mail", agent.id(), r.getUser().getId());
                } else {
                    log.warn("cannot link {} by e-mail: {}", agent.id(), r.getError());
                }
            } catch (Exception e) {
                log.warn("cannot link {} by e-mail: {}", agent.id(), e.toString());
            }
        }
    }

    /** Throws nothing checked: an InterruptedException out of close() is easily lost by try-with-resources. */
    @Override
    public void close() {
        try {
            tokenWatch.close();
            if (homeTab != null) {
                homeTab.close();
            }
            if (server != null) {
                server.close();
            }
            if (socketModeApp != null) {
                socketModeApp.close();
            }
            app.stop();
            slack.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Slack did not stop cleanly", e);
        }
    }
}
