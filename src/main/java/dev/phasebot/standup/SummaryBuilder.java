package dev.phasebot.standup;

import dev.phasebot.command.PlanRefs;
import dev.phasebot.config.Agent;
import dev.phasebot.config.BotConfig;
import dev.phasebot.plan.PlanService.TaskBrief;
import dev.phasebot.standup.StandupRepository.PostedUpdate;
import dev.phasebot.standup.StandupSession.StandupDay;
import dev.phasebot.standup.StandupSummary.SecurityPost;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the closing summary and the security channel's post as values from the day's
 * updates: sections in the plan's priority order, agents in the plan's rank. A withheld update
 * ({@link SecurityUpdates}) keeps its place in each section, saying where it was given and
 * which tasks its blockers name instead of its text.
 */
final class SummaryBuilder {

    private final BotConfig config;
    private final SecurityUpdates security;
    /** Where the summary learns the title and state of a task a blocker mentions ("T3"): the plan. */
    private final Function<String, Optional<TaskBrief>> tasks;

    private final AgentMentions mentions;
    /** The config's rank and team per agent, looked up once: the config scans its list each time. */
    private final Map<String, Integer> rankById = new HashMap<>();

    private final Set<String> securityAgents = new HashSet<>();

    SummaryBuilder(BotConfig config, SecurityUpdates security, Function<String, Optional<TaskBrief>> tasks) {
        this.config = config;
        this.security = security;
        this.tasks = tasks;
        this.mentions =
                new AgentMentions(config.agents().stream().map(Agent::id).toList());
        for (Agent agent : config.agents()) {
            rankById.put(agent.id(), config.rank(agent.id()));
            if (config.isSecurityTeam(agent.id())) {
                securityAgents.add(agent.id());
            }
        }
    }

    StandupSummary summary(
            StandupDay day,
            List<PostedUpdate> posted,
            List<OutOfOffice> out,
            Duration closedLate,
            List<dev.phasebot.incident.IncidentQueries.OpenIncident> openIncidents) {
        // the same few tasks are named by many blockers; the plan is asked once per task per summary
        Map<String, Optional<TaskBrief>> described = new HashMap<>();
        Function<List<String>, List<String>> describe = ids -> describe(ids, described);
        List<PostedUpdate> updates = ranked(posted);
        Set<String> outAgents = out.stream().map(OutOfOffice::agent).collect(Collectors.toSet());
        Set<String> postedAgents = updates.stream().map(PostedUpdate::agent).collect(Collectors.toSet());

        List<PostedUpdate> securityTeam =
                updates.stream().filter(p -> securityAgents.contains(p.agent())).toList();
        boolean noSecurityUpdate =
                securityTeam.stream().allMatch(p -> p.update().security().isEmpty());
        List<StandupSummary.Item> securityItems = new ArrayList<>();
        for (PostedUpdate p : securityTeam) {
            if (security.isWithheld(p.agent())) {
                // Its place, first: that it was given and the tasks its blockers name, never what it says.
                securityItems.add(new StandupSummary.Item(p.agent(), security.given(p.update()), p.late()));
            } else {
                securityItems.addAll(items(List.of(p), Section.SECURITY));
            }
        }
        securityItems.addAll(items(
                updates.stream()
                        .filter(p -> !securityAgents.contains(p.agent())
                                && !UpdateParser.saysNothing(p.update().security()))
                        .toList(),
                Section.SECURITY));

        List<StandupSummary.Blocker> blockers = new ArrayList<>();
        for (PostedUpdate p : updates) {
            String text = p.update().blockers();
            if (UpdateParser.saysNothing(text)) {
                continue;
            }
            if (security.isWithheld(p.agent())) {
                // Not whom it is blocked on either: those names come from the text.
                blockers.add(new StandupSummary.Blocker(
                        p.agent(),
                        List.of(),
                        null,
                        "details in " + security.channelName(),
                        describe.apply(security.tasksNamed(text)),
                        p.late()));
            } else {
                blockers.add(new StandupSummary.Blocker(
                        p.agent(),
                        mentions.in(text, p.agent()),
                        text,
                        null,
                        describe.apply(PlanRefs.tasksInText(text)),
                        p.late()));
            }
        }

        List<String> missing = config.agents().stream()
                .map(Agent::id)
                .filter(a -> !postedAgents.contains(a) && !outAgents.contains(a))
                .toList();
        List<PostedUpdate> late = posted.stream()
                .filter(PostedUpdate::late)
                .sorted(Comparator.comparing(PostedUpdate::postedAt))
                .toList();
        return new StandupSummary(
                day,
                closedLate,
                openIncidents,
                noSecurityUpdate,
                securityItems,
                blockers,
                items(updates, Section.TODAY),
                items(updates, Section.COORDINATION),
                missing,
                out,
                late);
    }

    SecurityPost securityPost(LocalDate day, List<PostedUpdate> posted) {
        List<SecurityPost.Entry> entries = ranked(posted).stream()
                .filter(p -> security.isWithheld(p.agent()))
                .map(p -> new SecurityPost.Entry(
                        p, describe(PlanRefs.tasksInText(p.update().blockers()), new HashMap<>())))
                .toList();
        return new SecurityPost(day, config.channel(config.standup().channel()).name(), entries);
    }

    private List<PostedUpdate> ranked(List<PostedUpdate> posted) {
        return posted.stream()
                .sorted(Comparator.comparingInt(
                        (PostedUpdate p) -> rankById.getOrDefault(p.agent(), Integer.MAX_VALUE)))
                .toList();
    }

    private List<StandupSummary.Item> items(List<PostedUpdate> updates, Section section) {
        List<StandupSummary.Item> items = new ArrayList<>();
        for (PostedUpdate p : updates) {
            String value = section.of(p.update());
            if (!value.isEmpty()) {
                items.add(new StandupSummary.Item(
                        p.agent(),
                        security.isWithheld(p.agent()) ? "given in " + security.channelName() : value,
                        p.late()));
            }
        }
        return items;
    }

    /** "T3 Model Architecture Design (blocked)" for each task the plan knows. */
    private List<String> describe(List<String> taskIds, Map<String, Optional<TaskBrief>> described) {
        return taskIds.stream()
                .map(id -> described.computeIfAbsent(id, tasks))
                .flatMap(Optional::stream)
                .map(t -> t.id() + " " + t.title() + " (" + t.status() + ")")
                .toList();
    }
}
