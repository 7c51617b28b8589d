package dev.phasebot.standup;

import dev.phasebot.command.PlanRefs;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.PlanSpec;
import dev.phasebot.message.Destination;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Whose standup text may be shown where, under {@code standup.security_update}. The plan keeps
 * security issues in its private security channel, so when the key is {@code private} the
 * security team's update (the agents of the team marked {@code security: true}) is told in full
 * only there and to those who may read it. Every other place (the summary, another agent's
 * {@code /standup history}, the review agenda) says only that it was given and which of the
 * plan's tasks its blockers name: task ids are the plan's own words, the text around them is not.
 */
final class SecurityUpdates {

    private final BotConfig config;
    private final boolean keepPrivate;
    private final String role;
    private final Supplier<PlanSpec> plan;

    /** {@code plan}: the plan as last (re)loaded, whose task ids a withheld update's blockers may name. */
    SecurityUpdates(BotConfig config, Supplier<PlanSpec> plan) {
        this.config = config;
        this.keepPrivate = config.standup().keepsSecurityUpdatePrivate();
        // The channel security incidents go to: the bot has one idea of "the security channel".
        this.role = config.escalation().securityChannel();
        this.plan = plan;
    }

    /** True when this agent's standup text stays out of public places. */
    boolean isWithheld(String agent) {
        return keepPrivate && config.isSecurityTeam(agent);
    }

    /** The agents whose updates are withheld (none when the setting is public). */
    List<String> withheldAgents() {
        return config.agents().stream()
                .map(a -> a.id())
                .filter(this::isWithheld)
                .toList();
    }

    /** True when some agent's updates are withheld: the setting is private and the config names a security team. */
    boolean withholdsAny() {
        return keepPrivate && config.agents().stream().anyMatch(a -> config.isSecurityTeam(a.id()));
    }

    /** True when {@code reader} may read {@code author}'s text: any unwithheld text, one's own, or as a reader of the security channel. */
    boolean maySee(String reader, String author) {
        return !isWithheld(author) || author.equals(reader) || config.maySeeSecurityDetails(reader);
    }

    Destination channel() {
        return Destination.channel(role);
    }

    /** "#alphapy-security", as people know it (plain words: the surfaces escape them). */
    String channelName() {
        return config.channel(role).name();
    }

    /** "update given in #alphapy-security; blockers name T3, T7": all a public place says of a withheld update. */
    String given(StandupUpdate update) {
        return "update given in " + channelName() + blockers(update);
    }

    /** "; blockers name T3, T7", "; blockers given, naming no task of the plan", or nothing when there are none. */
    String blockers(StandupUpdate update) {
        if (UpdateParser.saysNothing(update.blockers())) {
            return "";
        }
        List<String> tasks = tasksNamed(update.blockers());
        return tasks.isEmpty()
                ? "; blockers given, naming no task of the plan"
                : "; blockers name " + String.join(", ", tasks);
    }

    /** The plan's task ids a text names, each once; an id the plan does not define is text like any other. */
    List<String> tasksNamed(String text) {
        Set<String> taskIds =
                plan.get().tasks().stream().map(PlanSpec.TaskSpec::id).collect(Collectors.toSet());
        return PlanRefs.tasksInText(text).stream().filter(taskIds::contains).toList();
    }
}
