package dev.phasebot.slack;

import com.slack.api.bolt.App;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;
import dev.phasebot.command.AgentDirectory;
import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.message.Block;
import dev.phasebot.message.Doc;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The App Home tab. A linked user sees the phase dashboard, as {@code /phase} shows it; anyone
 * else in the workspace sees only how to get linked, since {@code /phase} would refuse them too.
 * Published when someone opens the tab, for every linked user when the plan or the open
 * incidents change, and for a user whose link changed. Publishing is best effort and runs off
 * the request thread.
 */
final class HomeTab {

    private static final Logger log = LoggerFactory.getLogger(HomeTab.class);

    private final MethodsClient methods;
    private final AgentDirectory agents;
    private final Supplier<Doc> dashboard;
    private final Executor executor;

    HomeTab(MethodsClient methods, AgentDirectory agents, Supplier<Doc> dashboard, Executor executor) {
        this.methods = methods;
        this.agents = agents;
        this.dashboard = dashboard;
        this.executor = executor;
    }

    /** Publishes on opening, on every change {@code onChange} reports, and on every link made. */
    void register(App app, Consumer<Runnable> onChange) {
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            String user = payload.getEvent().getUser();
            later(() -> publish(user, viewFor(user)));
            return ctx.ack();
        });
        onChange.accept(() -> later(() -> {
            View view = SlackViews.home(dashboard.get());
            agents.linkedSlackUsers().forEach(user -> publish(user, view));
        }));
        agents.onLinkChange(user -> later(() -> publish(user, viewFor(user))));
    }

    /** What {@code user}'s Home shows now: the dashboard, or how to get linked. */
    View viewFor(String user) {
        if (agents.agentForSlackUser(user).isPresent()) {
            return SlackViews.home(dashboard.get());
        }
        return SlackViews.home(howToGetLinked());
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

    /**
     * Hands work to the app's threads. Never throws: the link listener runs inside the
     * transaction that links, and a Home left stale must not undo a link (nor fail a change
     * of the plan) while the app is stopping.
     */
    private void later(Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            log.warn("the App Home was not republished: the app is stopping");
        }
    }

    private void publish(String user, View view) {
        try {
            var response = methods.viewsPublish(r -> r.userId(user).view(view));
            if (!response.isOk()) {
                log.warn("views.publish for {} failed: {}", user, response.getError());
            }
        } catch (Exception e) {
            log.warn("views.publish for {} failed: {}", user, e.toString());
        }
    }
}
