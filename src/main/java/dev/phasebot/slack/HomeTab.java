package dev.phasebot.slack;

import com.slack.api.bolt.App;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;
import dev.phasebot.command.AgentDirectory;
import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.delivery.Pacer;
import dev.phasebot.delivery.Transport.ApiCall;
import dev.phasebot.message.Block;
import dev.phasebot.message.Doc;
import dev.phasebot.store.Database;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The App Home tab. A linked user sees the phase dashboard, as {@code /phase} shows it; anyone
 * else in the workspace sees only how to get linked, since {@code /phase} would refuse them too.
 *
 * <p>Only a Home its user opened is published: when it is opened, and again when what it shows
 * changes (the plan, the open incidents, the user's link). Slack takes about 100
 * {@code views.publish} a minute (Tier 4), so a change is not a call: it marks the opened Homes
 * it touches stale in the store ({@link OpenedHomes}), and one publisher, on the leader only,
 * publishes each stale Home's latest view once, however many changes made it stale. Calls are
 * paced by the outbox's {@link Pacer} ({@link #PACE}); a 429 holds every publish for its
 * Retry-After and the Home stays stale until Slack takes it. Marks reach the store from every
 * replica, so a Home opened or changed through a standby is published by the leader.
 */
final class HomeTab implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HomeTab.class);

    static final String METHOD = "views.publish";
    /**
     * Below Slack's Tier 4 (100+ a minute) with room for the burst: at most 10 + 80 calls in any
     * minute, retries included. A 300-user change is shown everywhere in under four minutes.
     */
    static final Pacer.Rate PACE = Pacer.Rate.of(80, Duration.ofMinutes(1), 10);

    private static final ApiCall CALL = new ApiCall(METHOD, "home");
    private static final Set<String> TOKEN_ERRORS =
            Set.of("invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive");
    private static final Set<String> RETRYABLE_ERRORS =
            Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout");
    private static final Set<String> RATE_LIMIT_ERRORS = Set.of("ratelimited", "rate_limited");
    private static final Duration TOKEN_RETRY = Duration.ofMinutes(1);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** How long the thread waits when nothing tells it sooner: a standby's marks and the lease are seen by then. */
    private static final long POLL_MILLIS = 1_000;
    /** After a change, the thread waits this long for the rest of its burst before publishing. */
    private static final long SETTLE_MILLIS = 250;

    private final MethodsClient methods;
    private final AgentDirectory agents;
    private final Supplier<Doc> dashboard;
    private final Database database;
    private final OpenedHomes homes;
    private final Clock clock;
    private final Pacer pacer;

    /** Marks not yet in the store, guarded by itself: listeners only note them, the publisher writes them. */
    private final Marks marks = new Marks();

    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;
    /** Publisher state, touched by {@link #publishDue} only (synchronized). */
    private boolean leading;

    private Instant retryAt;
    private int failures;

    HomeTab(MethodsClient methods, AgentDirectory agents, Supplier<Doc> dashboard, Database database, Clock clock) {
        this.methods = methods;
        this.agents = agents;
        this.dashboard = dashboard;
        this.database = database;
        this.homes = new OpenedHomes(database);
        this.clock = clock;
        this.pacer = new Pacer(clock, Map.of(), Map.of(METHOD, PACE));
    }

    /** Marks Homes stale on opening, on every change {@code onChange} reports, and on every link made. */
    void register(App app, Consumer<Runnable> onChange) {
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            AppHomeOpenedEvent event = payload.getEvent();
            // The event comes for the Messages tab too, which shows no view of ours.
            if (event.getTab() == null || "home".equals(event.getTab())) {
                note(m -> m.opened.put(event.getUser(), clock.instant()));
            }
            return ctx.ack();
        });
        onChange.accept(() -> note(m -> m.linkedChanged = true));
        agents.onLinkChange(user -> note(m -> m.users.add(user)));
        // A standby wrote marks: the leader publishes them.
        database.listen("home", detail -> wake());
    }

    /** The publisher's own thread, publishing as the leader (standbys only write their marks). */
    void start() {
        running = true;
        thread = new Thread(this::loop, "phasebot-home");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread after the current call; stale Homes stay marked for the next start. */
    @Override
    public void close() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Writes the marks noted so far, then, on the leader, publishes every stale Home Slack's pace
     * lets through now. Returns when there is more to publish (null: nothing until the next
     * change). Tests call it with a settable clock instead of starting the thread.
     */
    synchronized Optional<Instant> publishDue() {
        while (true) {
            writeMarks();
            if (!database.leadership().held()) {
                leading = false;
                return Optional.empty();
            }
            if (!leading) {
                // Each opened Home once as this leader renders it: what changed while none led, a new wording.
                leading = true;
                database.run(homes::changedAll);
            }
            Instant now = clock.instant();
            if (retryAt != null && now.isBefore(retryAt)) {
                return Optional.of(retryAt);
            }
            var stale = homes.stale();
            if (stale.isEmpty()) {
                return Optional.empty();
            }
            // Rendered after the stale Homes were read, so it shows at least what they asked for.
            View board = null;
            for (OpenedHomes.Stale home : stale) {
                Optional<Pacer.HeldUntil> held = pacer.tryTake(CALL);
                if (held.isPresent()) {
                    return Optional.of(held.get().until());
                }
                View view;
                if (agents.agentForSlackUser(home.slackUser()).isPresent()) {
                    board = board != null ? board : SlackViews.home(dashboard.get());
                    view = board;
                } else {
                    view = SlackViews.home(howToGetLinked());
                }
                Optional<Instant> after = publish(home, view);
                if (after.isPresent()) {
                    return after;
                }
            }
        }
    }

    /** One call; empty when the publisher may go on, or when the next one may go. */
    private Optional<Instant> publish(OpenedHomes.Stale home, View view) {
        String user = home.slackUser();
        try {
            var response = methods.viewsPublish(r -> r.userId(user).view(view));
            if (response.isOk()) {
                failures = 0;
                homes.shown(home);
                return Optional.empty();
            }
            String error = response.getError();
            if (RATE_LIMIT_ERRORS.contains(error)) {
                return rateLimited(seconds(retryAfter(response)));
            }
            if (TOKEN_ERRORS.contains(error)) {
                log.warn(
                        "views.publish for {} failed: {} (the bot token was refused); trying again in {}",
                        user,
                        error,
                        TOKEN_RETRY);
                return hold(TOKEN_RETRY);
            }
            if (RETRYABLE_ERRORS.contains(error)) {
                return backOff(user, error);
            }
            // Slack will not take this view for this user (user_not_found, ...): not again until it changes.
            log.warn("views.publish for {} failed: {}", user, error);
            homes.shown(home);
            return Optional.empty();
        } catch (SlackApiException e) {
            if (e.getResponse().code() == 429) {
                return rateLimited(seconds(e.getResponse().header("Retry-After")));
            }
            if (e.getResponse().code() >= 500) {
                return backOff(user, "HTTP " + e.getResponse().code());
            }
            log.warn(
                    "views.publish for {} failed: HTTP {}",
                    user,
                    e.getResponse().code());
            homes.shown(home);
            return Optional.empty();
        } catch (IOException e) {
            return backOff(user, e.toString());
        }
    }

    private Optional<Instant> rateLimited(Duration retryAfter) {
        pacer.rateLimited(METHOD, retryAfter);
        log.warn("views.publish was rate limited: no App Home is published for {}", retryAfter);
        return Optional.of(clock.instant().plus(retryAfter));
    }

    private Optional<Instant> backOff(String user, String why) {
        failures++;
        Duration wait = Duration.ofSeconds(1L << Math.min(failures - 1, 16));
        wait = wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
        log.warn("views.publish for {} failed: {}; trying again in {}", user, why, wait);
        return hold(wait);
    }

    private Optional<Instant> hold(Duration wait) {
        retryAt = clock.instant().plus(wait);
        return Optional.of(retryAt);
    }

    /** The Retry-After of a 429 the client read as an answer ({@code ratelimited}); null when it has none. */
    private static String retryAfter(com.slack.api.methods.SlackApiTextResponse response) {
        var headers = response.getHttpResponseHeaders();
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream()
                .filter(h -> "retry-after".equalsIgnoreCase(h.getKey())
                        && !h.getValue().isEmpty())
                .map(h -> h.getValue().get(0))
                .findFirst()
                .orElse(null);
    }

    private static Duration seconds(String header) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip())));
        } catch (RuntimeException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }

    /** Writes what the listeners noted in one transaction; a standby's tells the leader. */
    private void writeMarks() {
        Marks noted;
        synchronized (marks) {
            if (marks.isEmpty()) {
                return;
            }
            noted = marks.takeAll();
        }
        Set<String> changed = new HashSet<>(noted.users);
        if (noted.linkedChanged) {
            changed.addAll(agents.linkedSlackUsers());
        }
        try {
            database.run(tx -> {
                noted.opened.forEach((user, at) -> homes.opened(tx, user, at));
                homes.changed(tx, changed);
                tx.announce("home", "stale");
            });
        } catch (RuntimeException e) {
            synchronized (marks) {
                marks.add(noted);
            }
            throw e;
        }
    }

    /** Notes a mark for the publisher and wakes it. Never throws: listeners run after commits. */
    private void note(Consumer<Marks> mark) {
        synchronized (marks) {
            mark.accept(marks);
        }
        wake();
    }

    private void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            Optional<Instant> next;
            try {
                next = publishDue();
            } catch (RuntimeException e) {
                log.error("publishing App Homes failed; will try again", e);
                next = Optional.of(clock.instant().plusMillis(POLL_MILLIS));
            }
            boolean changed;
            synchronized (signal) {
                if (!woken && running) {
                    long wait = next.map(at -> at.toEpochMilli() - clock.millis())
                            .map(millis -> Math.max(1, Math.min(POLL_MILLIS, millis)))
                            .orElse(POLL_MILLIS);
                    try {
                        signal.wait(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                changed = woken;
                woken = false;
            }
            if (changed && running) {
                try {
                    // The rest of a burst (a command changing several things, a standby's marks) joins it.
                    Thread.sleep(SETTLE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** What listeners noted since the publisher last wrote: who opened, whose link changed, a plan change. */
    private static final class Marks {
        final Map<String, Instant> opened = new HashMap<>();
        final Set<String> users = new HashSet<>();
        boolean linkedChanged;

        boolean isEmpty() {
            return opened.isEmpty() && users.isEmpty() && !linkedChanged;
        }

        void add(Marks other) {
            other.opened.forEach(opened::putIfAbsent);
            users.addAll(other.users);
            linkedChanged |= other.linkedChanged;
        }

        Marks takeAll() {
            Marks taken = new Marks();
            taken.opened.putAll(opened);
            taken.users.addAll(users);
            taken.linkedChanged = linkedChanged;
            opened.clear();
            users.clear();
            linkedChanged = false;
            return taken;
        }
    }

    private String howToGetLinked() {
        String lead = agents.config().lead().id();
        String refusal;
        try {
            // The words every command answers an unlinked user, from the one place that says them.
            new Caller(null, null, null).requireAgent(lead);
            throw new IllegalStateException("an unlinked caller was taken for an agent");
        } catch (CommandException e) {
            refusal = e.answer().blocks().stream()
                    .filter(b -> b instanceof Block.Paragraph)
                    .flatMap(b -> ((Block.Paragraph) b).lines().stream())
                    .map(SlackBlocks::mrkdwn)
                    .collect(Collectors.joining("\n"));
        }
        String leadOnSlack = agents.slackUser(lead)
                .map(u -> " The lead is <@" + u + "> on Slack.")
                .orElse("");
        return "*phasebot*\n" + refusal + leadOnSlack + "\nUntil then this tab shows nothing of the phase.";
    }
}
