package dev.phasebot.plan;

import dev.phasebot.message.Message;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.plan.PlanContext.Outcome;
import dev.phasebot.plan.TaskResult.DeliverableChecked;
import dev.phasebot.plan.TaskResult.DependencyAdded;
import dev.phasebot.plan.TaskResult.DependencyRemoved;
import dev.phasebot.plan.TaskResult.TaskDone;
import dev.phasebot.plan.TaskResult.TaskEdited;
import dev.phasebot.plan.TaskResult.TaskReopened;
import dev.phasebot.plan.TaskResult.TaskStarted;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Changes to one task after it exists: start, done and reopen, deliverable checks, dependencies
 * added and removed, and edits of its fields. Asking for what is already so answers "already"
 * and changes, audits and posts nothing.
 */
final class TaskChanges {

    private final PlanContext ctx;
    private final TaskFields fields;

    TaskChanges(PlanContext ctx) {
        this.ctx = ctx;
        this.fields = new TaskFields(ctx.config);
    }

    TaskStarted start(String agent, String taskId) {
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            PlanSnapshot plan = ctx.snapshot(tx);
            Task task = ctx.task(plan, taskId);
            ctx.requireOwnerOrLead(agent, task, "start");
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
            ctx.repository.markStarted(tx, task.id(), now, agent);
            ctx.audit.record(tx, now, agent, "task.start", task.id());
            return Outcome.changed(new TaskStarted(task.id(), false, now, agent));
        });
    }

    TaskDone done(String agent, String taskId, boolean force) {
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            PlanSnapshot plan = ctx.snapshot(tx);
            Task task = ctx.task(plan, taskId);
            ctx.requireOwnerOrLead(agent, task, "finish");
            if (task.isDone()) {
                return Outcome.unchanged(
                        new TaskDone(task.id(), task.title(), true, task.doneAt(), task.doneBy(), 0, 0));
            }
            List<String> open = task.deliverables().stream()
                    .filter(d -> !d.isChecked())
                    .map(d -> d.index() + ". " + d.text())
                    .toList();
            if (force && !ctx.isLead(agent)) {
                throw Refusal.of(
                        "force",
                        "Only the lead (" + ctx.config.lead().id() + ") may mark a task done over "
                                + "unchecked deliverables.");
            }
            if (!open.isEmpty() && !force) {
                throw Refusal.of(
                        "task",
                        task.id() + " has unchecked deliverables: " + String.join("; ", open) + ". Check them with ",
                        Span.code("/task deliverable " + task.id() + " check <n>"),
                        ctx.isLead(agent) ? ", or override with " : ".",
                        Span.code(ctx.isLead(agent) ? "/task done " + task.id() + " force" : ""),
                        ctx.isLead(agent) ? "." : "");
            }
            boolean override = force && !open.isEmpty();
            ctx.repository.markDone(tx, task.id(), now, agent, override);
            ctx.audit.record(
                    tx,
                    now,
                    agent,
                    override ? "task.done-override" : "task.done",
                    task.id() + (open.isEmpty() ? "" : ", unchecked: " + String.join("; ", open)));
            long unblocked = countUnblocked(plan, ctx.snapshot(tx));
            TaskDone done =
                    new TaskDone(task.id(), task.title(), false, now, agent, override ? open.size() : 0, unblocked);
            // the instant in the key: a task reopened and done again is announced again
            ctx.outbox.post(
                    tx,
                    "task:" + task.id() + ":done:" + now.toEpochMilli(),
                    Message.of(ctx.channel, ctx.docs.taskDone(done)));
            return Outcome.changed(done);
        });
    }

    TaskReopened reopen(String agent, String taskId) {
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            PlanSnapshot before = ctx.snapshot(tx);
            Task task = ctx.task(before, taskId);
            ctx.requireOwnerOrLead(agent, task, "reopen");
            if (!task.isDone()) {
                return Outcome.unchanged(new TaskReopened(task.id(), task.title(), false, agent, List.of()));
            }
            ctx.repository.markReopened(tx, task.id(), now, agent);
            PlanSnapshot after = ctx.snapshot(tx);
            List<String> blockedAgain = before.tasks().stream()
                    .filter(t -> !t.isDone() && !before.isBlocked(t))
                    .filter(t -> after.task(t.id()).map(after::isBlocked).orElse(false))
                    .map(Task::id)
                    .toList();
            // who finished it and when leaves the task row; the audit log keeps it
            ctx.audit.record(
                    tx,
                    now,
                    agent,
                    "task.reopen",
                    task.id()
                            + (task.doneAt() == null
                                    ? ""
                                    : ", done " + ctx.times.dayAndClock(task.doneAt(), now)
                                            + (task.doneBy() == null ? "" : " by " + task.doneBy())));
            TaskReopened reopened = new TaskReopened(task.id(), task.title(), true, agent, blockedAgain);
            ctx.outbox.post(
                    tx,
                    "task:" + task.id() + ":reopened:" + now.toEpochMilli(),
                    Message.of(ctx.channel, ctx.docs.taskReopened(reopened)));
            return Outcome.changed(reopened);
        });
    }

    DeliverableChecked checkDeliverable(String agent, String taskId, int index, boolean checked) {
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            Task task = ctx.task(new PlanSnapshot(ctx.repository.tasks(tx), List.of()), taskId);
            ctx.requireOwnerOrLead(agent, task, "check deliverables of");
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
            ctx.audit.record(tx, now, agent, checked ? "task.check" : "task.uncheck", task.id() + "#" + index);
            long count = task.checkedCount() + (checked ? 1 : -1);
            return Outcome.changed(new DeliverableChecked(task.id(), d, checked, false, count, total));
        });
    }

    DependencyAdded depend(String agent, String taskId, String on) {
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            PlanSnapshot plan = ctx.snapshot(tx);
            Task task = ctx.task(plan, taskId);
            ctx.requireOwnerOrLead(agent, task, "change the dependencies of");
            String dep = PlanContext.normaliseRef(on);
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
            ctx.repository.addDependency(tx, task.id(), dep);
            ctx.audit.record(tx, now, agent, "task.depends", task.id() + " on " + dep);
            return Outcome.changed(new DependencyAdded(task.id(), dep, false));
        });
    }

    DependencyRemoved removeDependency(String agent, String taskId, String ref) {
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            PlanSnapshot before = ctx.snapshot(tx);
            Task task = ctx.task(before, taskId);
            ctx.requireOwnerOrLead(agent, task, "change the dependencies of");
            String dep = PlanContext.normaliseRef(ref);
            if (!task.dependsOn().contains(dep)) {
                return Outcome.unchanged(
                        new DependencyRemoved(task.id(), dep, false, false, task.isInProgress(), List.of()));
            }
            ctx.repository.removeDependency(tx, task.id(), dep, now, agent);
            ctx.audit.record(tx, now, agent, "task.undepend", task.id() + " on " + dep);
            PlanSnapshot after = ctx.snapshot(tx);
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

    TaskEdited edit(String agent, String taskId, String field, String value) {
        String f = field == null ? "" : field.strip().toLowerCase(Locale.ROOT);
        String v = fields.valid(f, value == null ? "" : value.strip());
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            Task task = ctx.task(new PlanSnapshot(ctx.repository.tasks(tx), List.of()), taskId);
            // handing a task over is an edit too: its owner gives it away, or the lead moves it
            ctx.requireOwnerOrLead(agent, task, "edit");
            String old = TaskFields.value(task, f);
            if (v.equals(old)) {
                return Outcome.unchanged(new TaskEdited(task.id(), f, old, v, true));
            }
            ctx.repository.editField(tx, task.id(), f, v, f.equals("due") ? ctx.dueDates.dueAt(v) : null, now, agent);
            ctx.audit.record(tx, now, agent, "task.edit", task.id() + " " + f + ": " + old + " -> " + v);
            return Outcome.changed(new TaskEdited(task.id(), f, old, v, false));
        });
    }

    /** " (Tue 24 Nov 10:02 EST, by X)", or nothing when it was not recorded. */
    private String finished(Task task, Instant now) {
        if (task.doneAt() == null) {
            return "";
        }
        return " (" + ctx.times.dayAndClock(task.doneAt(), now) + (task.doneBy() == null ? "" : ", by " + task.doneBy())
                + ")";
    }

    static long countUnblocked(PlanSnapshot before, PlanSnapshot after) {
        return before.tasks().stream()
                .filter(before::isBlocked)
                .filter(t -> after.task(t.id()).map(a -> !after.isBlocked(a)).orElse(false))
                .count();
    }
}
