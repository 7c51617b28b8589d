package dev.phasebot.plan;

import dev.phasebot.command.CommandException;
import dev.phasebot.config.PlanSpec;
import dev.phasebot.message.Message;
import dev.phasebot.message.SafeText;
import dev.phasebot.plan.PlanContext.Outcome;
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

    TaskChanges(PlanContext ctx) {
        this.ctx = ctx;
    }

    String start(String agent, String taskId) {
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            PlanSnapshot plan = ctx.snapshot(tx);
            Task task = ctx.task(plan, taskId);
            ctx.requireOwnerOrLead(agent, task, "start");
            // before the blockers: a task started before a gate was reopened is still in progress
            if (task.isInProgress()) {
                return Outcome.unchanged(task.id() + " is already in progress" + since(task, now) + ".");
            }
            if (task.isDone()) {
                throw new CommandException(task.id() + " is already done" + finished(task, now)
                        + "; to work on it again, reopen it.");
            }
            List<String> blockers = plan.blockers(task);
            if (!blockers.isEmpty()) {
                throw new CommandException(task.id() + " cannot start: blocked by " + String.join("; ", blockers) + ".");
            }
            ctx.repository.markStarted(tx, task.id(), now, agent);
            ctx.audit.record(tx, now, agent, "task.start", task.id());
            return Outcome.changed(task.id() + " is in progress.");
        });
    }

    String done(String agent, String taskId, boolean force) {
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            PlanSnapshot plan = ctx.snapshot(tx);
            Task task = ctx.task(plan, taskId);
            ctx.requireOwnerOrLead(agent, task, "finish");
            if (task.isDone()) {
                return Outcome.unchanged(task.id() + " is already done" + finished(task, now) + ".");
            }
            List<String> open = task.deliverables().stream().filter(d -> !d.isChecked())
                    .map(d -> d.index() + ". " + d.text()).toList();
            if (force && !ctx.isLead(agent)) {
                throw new CommandException("Only the lead (" + ctx.config.lead().id() + ") may mark a task done over "
                        + "unchecked deliverables.");
            }
            if (!open.isEmpty() && !force) {
                throw new CommandException(task.id() + " has unchecked deliverables: " + String.join("; ", open)
                        + ". Check them with `/task deliverable " + task.id() + " check <n>`"
                        + (ctx.isLead(agent) ? ", or override with `/task done " + task.id() + " force`." : "."));
            }
            boolean override = force && !open.isEmpty();
            ctx.repository.markDone(tx, task.id(), now, agent, override);
            ctx.audit.record(tx, now, agent, override ? "task.done-override" : "task.done",
                    task.id() + (open.isEmpty() ? "" : ", unchecked: " + String.join("; ", open)));
            PlanSnapshot after = ctx.snapshot(tx);
            long unblocked = countUnblocked(plan, after);
            // the instant in the key: a task reopened and done again is announced again
            ctx.outbox.post(tx, "task:" + task.id() + ":done:" + now.toEpochMilli(), Message.of(ctx.channel,
                    ":white_check_mark: *" + task.id() + " " + SafeText.escape(task.title()) + "* is done (" + agent + ")"
                    + (override ? ", by the lead's override with " + open.size() + " deliverable(s) unchecked" : "")
                    + (unblocked > 0 ? "; " + unblocked + " task" + (unblocked == 1 ? "" : "s") + " unblocked." : ".")));
            return Outcome.changed(task.id() + " is done." + (unblocked > 0 ? " " + unblocked + " unblocked." : ""));
        });
    }

    String reopen(String agent, String taskId) {
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            PlanSnapshot before = ctx.snapshot(tx);
            Task task = ctx.task(before, taskId);
            ctx.requireOwnerOrLead(agent, task, "reopen");
            if (!task.isDone()) {
                return Outcome.unchanged(task.id() + " is not done; nothing to reopen.");
            }
            ctx.repository.markReopened(tx, task.id(), now, agent);
            PlanSnapshot after = ctx.snapshot(tx);
            List<String> blockedAgain = before.tasks().stream().filter(t -> !t.isDone() && !before.isBlocked(t))
                    .filter(t -> after.task(t.id()).map(after::isBlocked).orElse(false)).map(Task::id).toList();
            // who finished it and when leaves the task row; the audit log keeps it
            ctx.audit.record(tx, now, agent, "task.reopen", task.id() + (task.doneAt() == null ? "" : ", done "
                    + ctx.dayAndClock(task.doneAt(), now) + (task.doneBy() == null ? "" : " by " + task.doneBy())));
            String again = blockedAgain.isEmpty() ? "" : String.join(", ", blockedAgain) + " "
                    + (blockedAgain.size() == 1 ? "is" : "are") + " blocked again";
            ctx.outbox.post(tx, "task:" + task.id() + ":reopened:" + now.toEpochMilli(), Message.of(ctx.channel,
                    ":leftwards_arrow_with_hook: *" + task.id() + " " + SafeText.escape(task.title()) + "* was reopened by "
                            + agent + (again.isEmpty() ? "." : "; " + again + ".")));
            return Outcome.changed(task.id() + " is in progress again." + (again.isEmpty() ? "" : " " + again + "."));
        });
    }

    String checkDeliverable(String agent, String taskId, int index, boolean checked) {
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            Task task = ctx.task(new PlanSnapshot(ctx.repository.tasks(tx), List.of()), taskId);
            ctx.requireOwnerOrLead(agent, task, "check deliverables of");
            if (index < 1 || index > task.deliverables().size()) {
                throw new CommandException(task.id() + " has " + task.deliverables().size() + " deliverables; pick 1 to "
                        + task.deliverables().size() + " (`/task show " + task.id() + "` lists them).");
            }
            Task.Deliverable d = task.deliverables().get(index - 1);
            String name = task.id() + " deliverable " + index + " (" + SafeText.escape(d.text()) + ")";
            if (checked && d.isChecked()) {
                return Outcome.unchanged(name + " is already checked (" + (d.checkedBy() == null ? ""
                        : "by " + d.checkedBy() + " ") + ctx.atOrOn(d.checkedAt(), now) + ").");
            }
            if (!checked && !d.isChecked()) {
                return Outcome.unchanged(name + " is not checked.");
            }
            ctx.repository.checkDeliverable(tx, task.id(), index, now, agent, checked);
            ctx.audit.record(tx, now, agent, checked ? "task.check" : "task.uncheck", task.id() + "#" + index);
            long count = task.checkedCount() + (checked ? 1 : -1);
            return Outcome.changed(name + " " + (checked ? "checked" : "unchecked") + ": " + count + " of "
                    + task.deliverables().size() + " done.");
        });
    }

    String depend(String agent, String taskId, String on) {
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            PlanSnapshot plan = ctx.snapshot(tx);
            Task task = ctx.task(plan, taskId);
            ctx.requireOwnerOrLead(agent, task, "change the dependencies of");
            String dep = PlanContext.normaliseRef(on);
            if (dep.startsWith("gate:")) {
                if (!dep.substring(5).matches("\\d{1,6}") || plan.gate(Integer.parseInt(dep.substring(5))).isEmpty()) {
                    throw new CommandException("There is no " + SafeText.escape(dep) + ". Gates: " + plan.gates().stream()
                            .map(Gate::ref).collect(Collectors.joining(", ")) + ".");
                }
            } else {
                Task other = ctx.task(plan, dep);
                dep = other.id();
                if (plan.wouldCycle(task.id(), dep)) {
                    throw new CommandException("Refused: " + task.id() + " depending on " + dep
                            + " would make a cycle (" + dep + " already depends on " + task.id() + ", directly or not).");
                }
            }
            if (task.dependsOn().contains(dep)) {
                return Outcome.unchanged(task.id() + " already depends on " + dep + ".");
            }
            ctx.repository.addDependency(tx, task.id(), dep);
            ctx.audit.record(tx, now, agent, "task.depends", task.id() + " on " + dep);
            return Outcome.changed(task.id() + " now depends on " + dep + ".");
        });
    }

    String removeDependency(String agent, String taskId, String ref) {
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            PlanSnapshot before = ctx.snapshot(tx);
            Task task = ctx.task(before, taskId);
            ctx.requireOwnerOrLead(agent, task, "change the dependencies of");
            String dep = PlanContext.normaliseRef(ref);
            if (!task.dependsOn().contains(dep)) {
                return Outcome.unchanged(task.id() + " does not depend on " + SafeText.escape(dep) + ".");
            }
            ctx.repository.removeDependency(tx, task.id(), dep, now, agent);
            ctx.audit.record(tx, now, agent, "task.undepend", task.id() + " on " + dep);
            PlanSnapshot after = ctx.snapshot(tx);
            Task changed = after.task(task.id()).orElseThrow();
            String state = "";
            if (before.isBlocked(task) && !after.isBlocked(changed)) {
                state = " " + task.id() + " is no longer blocked" + (task.isInProgress() ? "." : " and can start.");
            } else if (after.isBlocked(changed)) {
                state = " " + task.id() + " is still blocked by " + String.join("; ", after.blockers(changed)) + ".";
            }
            return Outcome.changed(task.id() + " no longer depends on " + dep + "." + state);
        });
    }

    String edit(String agent, String taskId, String field, String value) {
        String f = field == null ? "" : field.strip().toLowerCase(Locale.ROOT);
        if (!PlanRepository.EDITABLE.contains(f)) {
            throw new CommandException("`" + SafeText.escape(field) + "` is not a field of a task; edit one of "
                    + String.join(", ", PlanRepository.EDITABLE) + ".");
        }
        String v = valid(f, value == null ? "" : value.strip());
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            Task task = ctx.task(new PlanSnapshot(ctx.repository.tasks(tx), List.of()), taskId);
            // handing a task over is an edit too: its owner gives it away, or the lead moves it
            ctx.requireOwnerOrLead(agent, task, "edit");
            String old = switch (f) {
                case "title" -> task.title();
                case "priority" -> task.priority();
                case "risk" -> task.risk();
                case "owner" -> task.owner();
                default -> task.due();
            };
            if (v.equals(old)) {
                return Outcome.unchanged(task.id() + " " + f + " is already " + SafeText.escape(old) + ".");
            }
            ctx.repository.editField(tx, task.id(), f, v, f.equals("due") ? ctx.dueDates.dueAt(v) : null, now, agent);
            ctx.audit.record(tx, now, agent, "task.edit", task.id() + " " + f + ": " + old + " -> " + v);
            return Outcome.changed(task.id() + " " + f + ": " + SafeText.escape(old) + " → " + SafeText.escape(v) + ".");
        });
    }

    /** The value as stored, or why it cannot be. */
    private String valid(String field, String value) {
        switch (field) {
            case "title" -> {
                if (value.isEmpty() || value.length() > 150) {
                    throw new CommandException("A task's title is 1 to 150 characters; this one has " + value.length()
                            + ".");
                }
                return value;
            }
            case "priority" -> {
                String p = value.toUpperCase(Locale.ROOT);
                if (!PlanSpec.PRIORITIES.contains(p)) {
                    throw new CommandException("Priority must be one of " + String.join(", ", PlanSpec.PRIORITIES) + ".");
                }
                return p;
            }
            case "risk" -> {
                String r = value.toUpperCase(Locale.ROOT);
                if (!PlanSpec.RISKS.contains(r)) {
                    throw new CommandException("Risk must be one of " + String.join(", ", PlanSpec.RISKS) + ".");
                }
                return r;
            }
            case "owner" -> {
                if (ctx.config.agent(value).isEmpty()) {
                    throw new CommandException("`" + SafeText.escape(value) + "` is not an agent of this phase; agents: "
                            + ctx.config.agents().stream().map(a -> a.id()).collect(Collectors.joining(", ")) + ".");
                }
                return value;
            }
            default -> {
                if (value.isEmpty()) {
                    throw new CommandException("Give a due: a date (2025-09-01), a window of the plan (Week 2, "
                            + "48 hours), or none to clear it.");
                }
                return value.equalsIgnoreCase("none") ? "none" : value;
            }
        }
    }

    /** " (since Tue 24 Nov 09:14 EST, by qa-engineer)", or nothing when it was not recorded. */
    private String since(Task task, Instant now) {
        if (task.startedAt() == null) {
            return "";
        }
        return " (since " + ctx.dayAndClock(task.startedAt(), now)
                + (task.startedBy() == null ? "" : ", by " + task.startedBy()) + ")";
    }

    /** " (Tue 24 Nov 10:02 EST, by X)", or nothing when it was not recorded. */
    private String finished(Task task, Instant now) {
        if (task.doneAt() == null) {
            return "";
        }
        return " (" + ctx.dayAndClock(task.doneAt(), now) + (task.doneBy() == null ? "" : ", by " + task.doneBy()) + ")";
    }

    static long countUnblocked(PlanSnapshot before, PlanSnapshot after) {
        return before.tasks().stream().filter(before::isBlocked)
                .filter(t -> after.task(t.id()).map(a -> !after.isBlocked(a)).orElse(false)).count();
    }
}
