package dev.phasebot.plan;

import dev.phasebot.command.CommandException;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.PlanSpec;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.message.Outbox;
import dev.phasebot.message.SafeText;
import dev.phasebot.message.Times;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The plan kept honest: tasks that cannot start while what they depend on is unfinished,
 * tasks that are done only when their deliverables are (or the lead says so, on the record),
 * gates that pass only when every criterion is met and their owner passes them, and a daily
 * list of what is overdue. Every change is audited; gate changes are posted.
 */
public final class PlanService {

    private final PlanContext ctx;
    private final BotConfig config;
    private final Database database;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final PlanRepository repository;
    private final DueDates dueDates;
    private final Destination channel;
    private final TaskChanges tasks;
    private final GateChanges gates;

    public PlanService(BotConfig config, Database database, Outbox outbox, AuditLog audit, Clock clock) {
        this.ctx = new PlanContext(config, database, outbox, audit, clock);
        this.config = config;
        this.database = database;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.repository = ctx.repository;
        this.dueDates = ctx.dueDates;
        this.channel = ctx.channel;
        this.tasks = new TaskChanges(ctx);
        this.gates = new GateChanges(ctx);
    }

    /** Told after every change to the plan (the Slack App Home refreshes on it). */
    public void onChange(Runnable listener) {
        ctx.onChange(listener);
    }

    /**
     * Loads the config's plan into the store: new tasks and gates are added, changed fields
     * updated; statuses, checked deliverables, met criteria and passes recorded in Slack stay,
     * and so do fields edited and dependencies removed in Slack.
     */
    public void syncFromConfig() {
        database.run(tx -> {
            Map<String, Task> stored = repository.tasks(tx).stream()
                    .collect(Collectors.toMap(Task::id, Function.identity()));
            List<PlanSpec.TaskSpec> specs = config.plan().tasks();
            for (int i = 0; i < specs.size(); i++) {
                PlanSpec.TaskSpec t = specs.get(i);
                Task was = stored.get(t.id());
                Set<String> edited = was == null ? Set.of() : repository.editedFields(tx, t.id());
                String due = edited.contains("due") ? was.due() : t.due();
                repository.upsertTask(tx, t.id(), edited.contains("title") ? was.title() : t.title(),
                        edited.contains("priority") ? was.priority() : t.priority(),
                        edited.contains("risk") ? was.risk() : t.risk(),
                        edited.contains("owner") ? was.owner() : t.owner(), due, dueDates.dueAt(due), "config", i + 1);
                repository.syncDeliverables(tx, t.id(), t.deliverables() == null ? List.of() : t.deliverables());
                repository.syncConfigDependencies(tx, t.id(), t.dependsOn() == null ? List.of() : t.dependsOn());
            }
            for (PlanSpec.GateSpec g : config.plan().gates()) {
                repository.upsertGate(tx, g.number(), g.name(), g.owner(), g.due() == null ? "" : g.due(),
                        dueDates.dueAt(g.due()), g.impact());
                repository.syncCriteria(tx, g.number(), g.criteria());
                repository.syncBlocks(tx, g.number(), g.blocks() == null ? List.of() : g.blocks());
            }
        });
        ctx.changed();
    }

    public PlanSnapshot snapshot() {
        return database.read(tx -> new PlanSnapshot(repository.tasks(tx), repository.gates(tx)));
    }

    // --- tasks ---

    public String addTask(String agent, String title, String priority, String risk, String owner, String due,
                          List<String> deliverables) {
        String taskOwner = owner == null ? agent : owner;
        if (!isLead(agent) && !taskOwner.equals(agent)) {
            throw new CommandException("Only the lead (" + config.lead().id() + ") may add tasks for others; "
                    + "leave out owner: to add one of your own.");
        }
        if (config.agent(taskOwner).isEmpty()) {
            throw new CommandException("`" + SafeText.escape(taskOwner) + "` is not an agent of this phase.");
        }
        if (title == null || title.isBlank() || title.length() > 150) {
            throw new CommandException("Give the task a title of at most 150 characters: `/task add Fuzz the YAML loader; "
                    + "priority: HIGH; due: Week 2`.");
        }
        String p = priority == null ? "MEDIUM" : priority;
        String r = risk == null ? "MEDIUM" : risk;
        if (!PlanSpec.PRIORITIES.contains(p)) {
            throw new CommandException("Priority must be one of " + String.join(", ", PlanSpec.PRIORITIES) + ".");
        }
        if (!PlanSpec.RISKS.contains(r)) {
            throw new CommandException("Risk must be one of " + String.join(", ", PlanSpec.RISKS) + ".");
        }
        String d = due == null || due.isBlank() ? "none" : due.strip();
        Instant now = clock.instant();
        String id = ctx.change(tx -> {
            String newId = "T" + repository.nextTaskNumber(tx);
            repository.upsertTask(tx, newId, title.strip(), p, r, taskOwner, d, dueDates.dueAt(d), "slack",
                    repository.nextPosition(tx));
            for (int i = 0; i < deliverables.size(); i++) {
                repository.addDeliverable(tx, newId, i + 1, deliverables.get(i));
            }
            audit.record(tx, now, agent, "task.add", newId + " " + title);
            return newId;
        });
        return "Added " + id + ": " + SafeText.escape(title.strip()) + " (" + p + ", owner " + taskOwner + ", due " + d + ").";
    }

    /**
     * An action item of the weekly review becomes a task owned by the named agent; returns its
     * id. Joins the caller's transaction when there is one.
     */
    public String addActionItem(String title, String owner, String reviewDay) {
        Instant now = clock.instant();
        String text = title.length() > 150 ? title.substring(0, 149) + "…" : title;
        return ctx.change(tx -> {
            String newId = "T" + repository.nextTaskNumber(tx);
            String due = LocalDate.parse(reviewDay).plusDays(7).toString();
            repository.upsertTask(tx, newId, text, "MEDIUM", "LOW", owner, due, dueDates.dueAt(due), "slack",
                    repository.nextPosition(tx));
            audit.record(tx, now, config.review().leader(), "task.add", newId + " from the review of " + reviewDay);
            return newId;
        });
    }

    public String start(String agent, String taskId) {
        return tasks.start(agent, taskId);
    }

    public String done(String agent, String taskId, boolean force) {
        return tasks.done(agent, taskId, force);
    }

    /** A done task goes back to in progress; what depends on it is blocked again. Owner or lead. */
    public String reopenTask(String agent, String taskId) {
        return tasks.reopen(agent, taskId);
    }

    public String checkDeliverable(String agent, String taskId, int index, boolean checked) {
        return tasks.checkDeliverable(agent, taskId, index, checked);
    }

    public String depend(String agent, String taskId, String on) {
        return tasks.depend(agent, taskId, on);
    }

    /** Removes a dependency, one from the config too: the config sync does not add it back. */
    public String removeDependency(String agent, String taskId, String ref) {
        return tasks.removeDependency(agent, taskId, ref);
    }

    /**
     * Edits one field of a task: title, priority, risk, owner or due ("none" clears it). An edit
     * of a config task outlasts the next config sync.
     */
    public String editTask(String agent, String taskId, String field, String value) {
        return tasks.edit(agent, taskId, field, value);
    }

    // --- gates ---

    public String checkCriterion(String agent, int number, String which, boolean met) {
        return gates.checkCriterion(agent, number, which, met);
    }

    public String pass(String agent, int number) {
        return gates.pass(agent, number);
    }

    public String reopen(String agent, int number) {
        return gates.reopen(agent, number);
    }

    /** Gates not passed due in (from, to], soonest first (see {@link PlanSnapshot#gatesDueBetween}). */
    public List<Gate> gatesDueBetween(Instant from, Instant to) {
        return snapshot().gatesDueBetween(from, to);
    }

    // --- the daily overdue check ---

    /** DMs each owner their overdue tasks and posts one list; at most once a day. Returns whether it ran. */
    public boolean overdueCheck() {
        Instant now = clock.instant();
        LocalDate day = now.atZone(config.phase().zone()).toLocalDate();
        return database.inTransaction(tx -> {
            PlanSnapshot plan = new PlanSnapshot(repository.tasks(tx), repository.gates(tx));
            List<Task> overdue = plan.tasks().stream().filter(t -> plan.isOverdue(t, now)).toList();
            if (!repository.claimOverdueCheck(tx, day.toString(), now)) {
                return false;
            }
            if (overdue.isEmpty()) {
                return true;
            }
            Map<String, List<Task>> byOwner = new LinkedHashMap<>();
            overdue.forEach(t -> byOwner.computeIfAbsent(t.owner(), k -> new ArrayList<>()).add(t));
            StringBuilder list = new StringBuilder(":alarm_clock: *Overdue tasks, " + Times.longDay(day) + "*\n");
            for (Task t : overdue) {
                list.append(line(plan, t, now)).append('\n');
            }
            outbox.post(tx, "overdue:" + day, Message.of(channel, list.toString().stripTrailing()));
            for (Map.Entry<String, List<Task>> e : byOwner.entrySet()) {
                outbox.post(tx, "overdue:" + day + ":" + e.getKey(), Message.of(Destination.dm(e.getKey()),
                        ":alarm_clock: You own " + e.getValue().size() + " overdue task"
                                + (e.getValue().size() == 1 ? "" : "s") + ":\n" + e.getValue().stream()
                                .map(t -> line(plan, t, now)).collect(Collectors.joining("\n"))));
            }
            return true;
        });
    }

    /** Each gate's state for the weekly review: criteria met / total, passed or due, owner. */
    public List<String> gateLines() {
        PlanSnapshot plan = snapshot();
        Instant now = clock.instant();
        return plan.gates().stream().map(g -> g.label() + ": " + g.metCount() + "/" + g.criteria().size()
                + " criteria met · owner " + g.owner() + " · " + (g.isPassed() ? "passed "
                + ctx.shortDay(g.passedAt(), now) : "due " + SafeText.escape(g.due()))
                + (g.isPassed() || plan.gatesBlocking(g).isEmpty() ? "" : " · waiting on another gate")).toList();
    }

    /** Tasks overdue now, one line each. */
    public List<String> overdueLines() {
        PlanSnapshot plan = snapshot();
        Instant now = clock.instant();
        return plan.tasks().stream().filter(t -> plan.isOverdue(t, now)).map(t -> line(plan, t, now).substring(2)).toList();
    }

    /** A task as the standup summary names it: "T3 Model Architecture Design (blocked)". */
    public Optional<String> describeTask(String id) {
        PlanSnapshot plan = snapshot();
        return plan.task(id).map(t -> t.id() + " " + SafeText.escape(t.title()) + " (" + plan.status(t) + ")");
    }

    String line(PlanSnapshot plan, Task t, Instant now) {
        return "• *" + t.id() + "* " + SafeText.escape(t.title()) + " · " + t.priority() + " · " + t.owner() + " · "
                + plan.status(t) + (t.dueAt() == null ? "" : " · due " + SafeText.escape(t.due())
                + (plan.isOverdue(t, now) ? " (overdue since " + ctx.shortDay(t.dueAt(), now) + ")" : ""));
    }

    // --- helpers ---

    private boolean isLead(String agent) {
        return ctx.isLead(agent);
    }

    static String normaliseRef(String ref) {
        return PlanContext.normaliseRef(ref);
    }
}
