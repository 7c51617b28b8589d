package dev.phasebot.plan;

import dev.phasebot.config.BotConfig;
import dev.phasebot.message.Outbox;
import dev.phasebot.plan.GateResult.CriterionChecked;
import dev.phasebot.plan.GateResult.GatePassed;
import dev.phasebot.plan.GateResult.GateReopened;
import dev.phasebot.plan.TaskResult.DeliverableChecked;
import dev.phasebot.plan.TaskResult.DependencyAdded;
import dev.phasebot.plan.TaskResult.DependencyRemoved;
import dev.phasebot.plan.TaskResult.TaskAdded;
import dev.phasebot.plan.TaskResult.TaskDone;
import dev.phasebot.plan.TaskResult.TaskEdited;
import dev.phasebot.plan.TaskResult.TaskReopened;
import dev.phasebot.plan.TaskResult.TaskStarted;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The plan kept honest: tasks that cannot start while what they depend on is unfinished,
 * tasks that are done only when their deliverables are (or the lead says so, on the record),
 * gates that pass only when every criterion is met and their owner passes them, and a daily
 * list of what is overdue. Every change is audited; gate changes are posted. This class is
 * the plan's one entry: it hands each job to the class that does it and answers in values.
 */
public final class PlanService {

    private final PlanContext ctx;
    private final ConfigSync configSync;
    private final NewTasks newTasks;
    private final TaskChanges tasks;
    private final GateChanges gates;
    private final OverdueCheck overdueCheck;

    public PlanService(BotConfig config, Database database, Outbox outbox, AuditLog audit, java.time.Clock clock) {
        this.ctx = new PlanContext(config, database, outbox, audit, clock);
        this.configSync = new ConfigSync(ctx);
        this.newTasks = new NewTasks(ctx);
        this.tasks = new TaskChanges(ctx);
        this.gates = new GateChanges(ctx);
        this.overdueCheck = new OverdueCheck(ctx);
    }

    /** Told after every change to the plan (the Slack App Home refreshes on it). */
    public void onChange(Runnable listener) {
        ctx.onChange(listener);
    }

    /** See {@link ConfigSync}: the config's plan into the store, keeping what Slack recorded. */
    public void syncFromConfig() {
        configSync.run();
    }

    public PlanSnapshot snapshot() {
        return ctx.database.read(ctx::snapshot);
    }

    // --- reading the plan ---

    /** The tasks {@code filter} keeps, in the plan's order. */
    public TaskList list(TaskFilter filter) {
        PlanSnapshot plan = snapshot();
        Instant now = ctx.clock.instant();
        return new TaskList(
                filter.title(),
                plan.tasks().stream()
                        .filter(t -> filter.keeps(plan, t, now))
                        .map(t -> TaskRow.of(plan, t, now))
                        .toList());
    }

    /** One task, its state and what blocks it; refused naming the task when there is none. */
    public TaskView task(String id) {
        PlanSnapshot plan = snapshot();
        Task t = ctx.task(plan, id);
        return new TaskView(t, plan.status(t), t.isDone() ? List.of() : plan.blockers(t));
    }

    /** One gate; refused naming the gate when there is none. */
    public Gate gate(int number) {
        return ctx.gate(snapshot(), number);
    }

    /** Each gate's state: criteria met / total, passed or due, owner, whether another gate holds it. */
    public List<GateProgress> gateProgress() {
        PlanSnapshot plan = snapshot();
        return plan.gates().stream().map(g -> GateProgress.of(plan, g)).toList();
    }

    /** Tasks overdue now. */
    public List<TaskRow> overdue() {
        return OverdueCheck.overdue(snapshot(), ctx.clock.instant());
    }

    /** A task as another feature names it, with its state now. */
    public Optional<TaskBrief> describeTaskValue(String id) {
        PlanSnapshot plan = snapshot();
        return plan.task(id).map(t -> new TaskBrief(t.id(), t.title(), plan.status(t)));
    }

    /** Gates not passed due in (from, to], soonest first (see {@link PlanSnapshot#gatesDueBetween}). */
    public List<Gate> gatesDueBetween(Instant from, Instant to) {
        return snapshot().gatesDueBetween(from, to);
    }

    // --- tasks ---

    public TaskAdded addTask(
            String agent,
            String title,
            String priority,
            String risk,
            String owner,
            String due,
            List<String> deliverables) {
        return newTasks.add(agent, title, priority, risk, owner, due, deliverables);
    }

    /**
     * An action item of the weekly review becomes a task owned by the named agent; returns its
     * id. Joins the caller's transaction when there is one.
     */
    public String addActionItem(String title, String owner, String reviewDay) {
        return newTasks.addActionItem(title, owner, reviewDay);
    }

    public TaskStarted start(String agent, String taskId) {
        return tasks.start(agent, taskId);
    }

    public TaskDone done(String agent, String taskId, boolean force) {
        return tasks.done(agent, taskId, force);
    }

    /** A done task goes back to in progress; what depends on it is blocked again. Owner or lead. */
    public TaskReopened reopenTask(String agent, String taskId) {
        return tasks.reopen(agent, taskId);
    }

    public DeliverableChecked checkDeliverable(String agent, String taskId, int index, boolean checked) {
        return tasks.checkDeliverable(agent, taskId, index, checked);
    }

    public DependencyAdded depend(String agent, String taskId, String on) {
        return tasks.depend(agent, taskId, on);
    }

    /** Removes a dependency, one from the config too: the config sync does not add it back. */
    public DependencyRemoved removeDependency(String agent, String taskId, String ref) {
        return tasks.removeDependency(agent, taskId, ref);
    }

    /**
     * Edits one field of a task: title, priority, risk, owner or due ("none" clears it). An edit
     * of a config task outlasts the next config sync.
     */
    public TaskEdited editTask(String agent, String taskId, String field, String value) {
        return tasks.edit(agent, taskId, field, value);
    }

    // --- gates ---

    public CriterionChecked checkCriterion(String agent, int number, String which, boolean met) {
        return gates.checkCriterion(agent, number, which, met);
    }

    public GatePassed pass(String agent, int number) {
        return gates.pass(agent, number);
    }

    public GateReopened reopen(String agent, int number) {
        return gates.reopen(agent, number);
    }

    // --- the daily overdue check ---

    /** DMs each owner their overdue tasks and posts one list; at most once a day. Returns whether it ran. */
    public boolean overdueCheck() {
        return overdueCheck.run();
    }
}
