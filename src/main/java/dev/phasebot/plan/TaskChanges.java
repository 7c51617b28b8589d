package dev.phasebot.plan;

import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.message.Times;
import dev.phasebot.plan.PlanResult.DeliverableChecked;
import dev.phasebot.plan.PlanResult.DependencyAdded;
import dev.phasebot.plan.PlanResult.DependencyRemoved;
import dev.phasebot.plan.PlanResult.TaskAdded;
import dev.phasebot.plan.PlanResult.TaskDone;
import dev.phasebot.plan.PlanResult.TaskEdited;
import dev.phasebot.plan.PlanResult.TaskReopened;
import dev.phasebot.plan.PlanResult.TaskStarted;
import dev.phasebot.plan.PlanWriter.Outcome;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The plan's tasks changed: added after the config (by an agent in Slack, T8, T9, ..., and
 * from the review's action items), started, done and reopened, deliverables checked,
 * dependencies added and removed, fields edited. Asking for what is already so answers
 * "already" and changes, audits and posts nothing. Every change is audited; a task done or
 * reopened is posted to the coordination channel.
 */
public final class TaskChanges {

    private final BotConfig config;
    private final PlanWriter writer;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;
    private final PlanRepository repository = new PlanRepository();
    private final TaskFields fields;
    private final DueDates dueDates;
    private final Destination channel;
    private final PlanDocs docs;

    public TaskChanges(BotConfig config, PlanWriter writer, Outbox outbox, AuditLog audit, Clock clock) {
        this.config = config;
        this.writer = writer;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.zone = config.phase().zone();
        this.fields = new TaskFields(config);
        this.dueDates = DueDates.of(config);
        this.channel = Destination.channel(config.standup().channel());
        this.docs = new PlanDocs(zone, clock);
    }

    /** A new task (T8, T9, ...): the lead adds for anyone, an agent for themself. */
    public TaskAdded add(
            String agent,
            String title,
            String priority,
            String risk,
            String owner,
            String due,
            List<String> deliverables) {
        String taskOwner = owner == null ? agent : owner;
        if (!isLead(agent) && !taskOwner.equals(agent)) {
            throw Refusal.of(
                    "owner",
                    "Only the lead (" + config.lead().id() + ") may add tasks for others; "
                            + "leave out owner: to add one of your own.");
        }
        if (config.agent(taskOwner).isEmpty()) {
            throw Refusal.of("owner", Span.code(taskOwner), " is not an agent of this phase.");
        }
        if (title == null || title.isBlank() || title.length() > 150) {
            throw Refusal.of(
                    "title",
                    "Give the task a title of at most 150 characters: ",
                    Span.code("/task add Fuzz the YAML loader; priority: HIGH; due: Week 2"),
                    ".");
        }
        String p = TaskFields.priority(priority == null ? "MEDIUM" : priority);
        String r = TaskFields.risk(risk == null ? "MEDIUM" : risk);
        String d = due == null || due.isBlank() ? "none" : due.strip();
        Instant now = clock.instant();
        String id = writer.change(tx -> {
            String newId = insert(tx, title.strip(), p, r, taskOwner, d);
            for (int i = 0; i < deliverables.size(); i++) {
                Checklists.add(tx, Checklists.Kind.DELIVERABLES, newId, i + 1, deliverables.get(i));
            }
            audit.record(tx, now, agent, "task.add", newId + " " + title);
            return newId;
        });
        return new TaskAdded(id, title.strip(), p, taskOwner, d);
    }

    /**
     * An action item of the weekly review becomes a task owned by the named agent, due a week
     * after the review; returns its id. Joins the caller's transaction when there is one.
     */
    public String addActionItem(String title, String owner, String reviewDay) {
        Instant now = clock.instant();
        String text = title.length() > 150 ? title.substring(0, 149) + "…" : title;
        return writer.change(tx -> {
            String newId = insert(
                    tx,
                    text,
                    "MEDIUM",
                    "LOW",
                    owner,
                    LocalDate.parse(reviewDay).plusDays(7).toString());
            audit.record(tx, now, config.review().leader(), "task.add", newId + " from the review of " + reviewDay);
            return newId;
        });
    }

    private String insert(Tx tx, String title, String priority, String risk, String owner, String due) {
        String id = "T" + repository.nextTaskNumber(tx);
        repository.upsertTask(
                tx, id, title, priority, risk, owner, due, dueDates.dueAt(due), "slack", repository.nextPosition(tx));
        return id;
    }

    public TaskStarted start(String agent, String taskId) {
        Instant now = clock.instant();
        return writer.answer(tx -> {
            PlanSnapshot plan = repository.snapshot(tx);
            Task task = plan.taskNamed(taskId);
            requireOwnerOrLead(agent, task, "start");
            // before the blockers: a task started before a gate was reopened is still in progress
            if (task.isInProgress()) {
                return Outcome.unchanged(new TaskStarted(task.id(), true, task.startedAt(), task.startedBy()));
            }
            if (task.isDone()) {
                throw Refusal.of(
                        "task",
                        task.id() + " is already done" + finished(task, now) + "; to work on it again, reopen it.");
            }
            List<String> blockers = plan.blockers(task);
            if (!blockers.isEmpty()) {
                throw Refusal.of("task", task.id() + " cannot start: blocked by " + String.join("; ", blockers) + ".");
            }
            repository.markStarted(tx, task.id(), now, agent);
            audit.record(tx, now, agent, "task.start", task.id());
            return Outcome.changed(new TaskStarted(task.id(), false, now, agent));
        });
    }

    public TaskDone done(String agent, String taskId, boolean force) {
        Instant now = clock.instant();
        return writer.answer(tx -> {
            PlanSnapshot plan = repository.snapshot(tx);
            Task task = plan.taskNamed(taskId);
            requireOwnerOrLead(agent, task, "finish");
            if (task.isDone()) {
                return Outcome.unchanged(
                        new TaskDone(task.id(), task.title(), true, task.doneAt(), task.doneBy(), 0, 0));
            }
            List<String> open = task.deliverables().stream()
                    .filter(d -> !d.isChecked())
                    .map(d -> d.index() + ". " + d.text())
                    .toList();
            if (force && !isLead(agent)) {
                throw Refusal.of(
                        "force",
                        "Only the lead (" + config.lead().id() + ") may mark a task done over "
                                + "unchecked deliverables.");
            }
            if (!open.isEmpty() && !force) {
                throw Refusal.of(
                        "task",
                        task.id() + " has unchecked deliverables: " + String.join("; ", open) + ". Check them with ",
                        Span.code("/task deliverable " + task.id() + " check <n>"),
                        isLead(agent) ? ", or override with " : ".",
                        Span.code(isLead(agent) ? "/task done " + task.id() + " force" : ""),
                        isLead(agent) ? "." : "");
            }
            boolean override = force && !open.isEmpty();
            repository.markDone(tx, task.id(), now, agent, override);
            audit.record(
                    tx,
                    now,
                    agent,
                    override ? "task.done-override" : "task.done",
                    task.id() + (open.isEmpty() ? "" : ", unchecked: " + String.join("; ", open)));
            long unblocked = countUnblocked(plan, repository.snapshot(tx));
            TaskDone done =
                    new TaskDone(task.id(), task.title(), false, now, agent, override ? open.size() : 0, unblocked);
            // the instant in the key: a task reopened and done again is announced again
            outbox.post(
                    tx, "task:" + task.id() + ":done:" + now.toEpochMilli(), Message.of(channel, docs.taskDone(done)));
            return Outcome.changed(done);
        });
    }

    /** A done task goes back to in progress; what depends on it is blocked again. Owner or lead. */
    public TaskReopened reopen(String agent, String taskId) {
        Instant now = clock.instant();
        return writer.answer(tx -> {
            PlanSnapshot before = repository.snapshot(tx);
            Task task = before.taskNamed(taskId);
            requireOwnerOrLead(agent, task, "reopen");
            if (!task.isDone()) {
                return Outcome.unchanged(new TaskReopened(task.id(), task.title(), false, agent, List.of()));
            }
            repository.markReopened(tx, task.id(), now, agent);
            PlanSnapshot after = repository.snapshot(tx);
            List<String> blockedAgain = before.tasks().stream()
                    .filter(t -> !t.isDone() && !before.isBlocked(t))
                    .filter(t -> after.task(t.id()).map(after::isBlocked).orElse(false))
                    .map(Task::id)
                    .toList();
            // who finished it and when leaves the task row; the audit log keeps it
            audit.record(
                    tx,
                    now,
                    agent,
                    "task.reopen",
                    task.id()
                            + (task.doneAt() == null
                                    ? ""
                                    : ", done " + Times.dayAndClock(task.doneAt(), zone, now)
                                            + (task.doneBy() == null ? "" : " by " + task.doneBy())));
            TaskReopened reopened = new TaskReopened(task.id(), task.title(), true, agent, blockedAgain);
            outbox.post(
                    tx,
                    "task:" + task.id() + ":reopened:" + now.toEpochMilli(),
                    Message.of(channel, docs.taskReopened(reopened)));
            return Outcome.changed(reopened);
        });
    }

    public DeliverableChecked checkDeliverable(String agent, String taskId, int index, boolean checked) {
        Instant now = clock.instant();
        return writer.answer(tx -> {
            Task task = new PlanSnapshot(repository.tasks(tx), List.of()).taskNamed(taskId);
            requireOwnerOrLead(agent, task, "check deliverables of");
            int total = task.deliverables().size();
            if (index < 1 || index > total) {
                throw Refusal.of(
                        "n",
                        task.id() + " has " + total + " deliverables; pick 1 to " + total + " (",
                        Span.code("/task show " + task.id()),
                        " lists them).");
            }
            ChecklistItem d = task.deliverables().get(index - 1);
            if (checked == d.isChecked()) {
                return Outcome.unchanged(
                        new DeliverableChecked(task.id(), d, checked, true, task.checkedCount(), total));
            }
            Checklists.check(tx, Checklists.Kind.DELIVERABLES, task.id(), index, now, agent, checked);
            audit.record(tx, now, agent, checked ? "task.check" : "task.uncheck", task.id() + "#" + index);
            long count = task.checkedCount() + (checked ? 1 : -1);
            return Outcome.changed(new DeliverableChecked(task.id(), d, checked, false, count, total));
        });
    }

    public DependencyAdded depend(String agent, String taskId, String on) {
        Instant now = clock.instant();
        return writer.answer(tx -> {
            PlanSnapshot plan = repository.snapshot(tx);
            Task task = plan.taskNamed(taskId);
            requireOwnerOrLead(agent, task, "change the dependencies of");
            String dep = PlanSnapshot.normaliseRef(on);
            if (dep.startsWith("gate:")) {
                if (!dep.substring(5).matches("\\d{1,6}")
                        || plan.gate(Integer.parseInt(dep.substring(5))).isEmpty()) {
                    throw Refusal.of(
                            "ref",
                            "There is no " + dep + ". Gates: "
                                    + plan.gates().stream().map(Gate::ref).collect(Collectors.joining(", ")) + ".");
                }
            } else {
                Task other = plan.task(dep)
                        .orElseThrow(() -> Refusal.of(
                                "ref",
                                "There is no task ",
                                Span.code(on),
                                ". ",
                                Span.code("/task list"),
                                " shows them."));
                dep = other.id();
                if (plan.wouldCycle(task.id(), dep)) {
                    throw Refusal.of(
                            "ref",
                            "Refused: " + task.id() + " depending on " + dep + " would make a cycle (" + dep
                                    + " already depends on " + task.id() + ", directly or not).");
                }
            }
            if (task.dependsOn().contains(dep)) {
                return Outcome.unchanged(new DependencyAdded(task.id(), dep, true));
            }
            repository.addDependency(tx, task.id(), dep);
            audit.record(tx, now, agent, "task.depends", task.id() + " on " + dep);
            return Outcome.changed(new DependencyAdded(task.id(), dep, false));
        });
    }

    /** Removes a dependency, one from the config too: the config sync does not add it back. */
    public DependencyRemoved removeDependency(String agent, String taskId, String ref) {
        Instant now = clock.instant();
        return writer.answer(tx -> {
            PlanSnapshot before = repository.snapshot(tx);
            Task task = before.taskNamed(taskId);
            requireOwnerOrLead(agent, task, "change the dependencies of");
            String dep = PlanSnapshot.normaliseRef(ref);
            if (!task.dependsOn().contains(dep)) {
                return Outcome.unchanged(
                        new DependencyRemoved(task.id(), dep, false, false, task.isInProgress(), List.of()));
            }
            repository.removeDependency(tx, task.id(), dep, now, agent);
            audit.record(tx, now, agent, "task.undepend", task.id() + " on " + dep);
            PlanSnapshot after = repository.snapshot(tx);
            Task changed = after.task(task.id()).orElseThrow();
            boolean freed = before.isBlocked(task) && !after.isBlocked(changed);
            return Outcome.changed(new DependencyRemoved(
                    task.id(),
                    dep,
                    true,
                    freed,
                    task.isInProgress(),
                    after.isBlocked(changed) ? after.blockers(changed) : List.of()));
        });
    }

    /**
     * Edits one field of a task: title, priority, risk, owner or due ("none" clears it). An edit
     * of a config task outlasts the next config sync.
     */
    public TaskEdited edit(String agent, String taskId, String field, String value) {
        String f = field == null ? "" : field.strip().toLowerCase(Locale.ROOT);
        String v = fields.valid(f, value == null ? "" : value.strip());
        Instant now = clock.instant();
        return writer.answer(tx -> {
            Task task = new PlanSnapshot(repository.tasks(tx), List.of()).taskNamed(taskId);
            // handing a task over is an edit too: its owner gives it away, or the lead moves it
            requireOwnerOrLead(agent, task, "edit");
            String old = TaskFields.value(task, f);
            if (v.equals(old)) {
                return Outcome.unchanged(new TaskEdited(task.id(), f, old, v, true));
            }
            repository.editField(tx, task.id(), f, v, f.equals("due") ? dueDates.dueAt(v) : null, now, agent);
            audit.record(tx, now, agent, "task.edit", task.id() + " " + f + ": " + old + " -> " + v);
            return Outcome.changed(new TaskEdited(task.id(), f, old, v, false));
        });
    }

    /** " (Tue 24 Nov 10:02 EST, by X)", or nothing when it was not recorded. */
    private String finished(Task task, Instant now) {
        if (task.doneAt() == null) {
            return "";
        }
        return " (" + Times.dayAndClock(task.doneAt(), zone, now)
                + (task.doneBy() == null ? "" : ", by " + task.doneBy()) + ")";
    }

    static long countUnblocked(PlanSnapshot before, PlanSnapshot after) {
        return before.tasks().stream()
                .filter(before::isBlocked)
                .filter(t -> after.task(t.id()).map(a -> !after.isBlocked(a)).orElse(false))
                .count();
    }

    private boolean isLead(String agent) {
        return config.lead().id().equals(agent);
    }

    private void requireOwnerOrLead(String agent, Task task, String what) {
        if (!agent.equals(task.owner()) && !isLead(agent)) {
            throw Refusal.of(
                    "task",
                    "Only " + task.id() + "'s owner (" + task.owner() + ") or the lead ("
                            + config.lead().id() + ") may " + what + " " + task.id() + ".");
        }
    }
}
