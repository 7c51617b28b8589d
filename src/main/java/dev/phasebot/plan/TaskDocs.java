package dev.phasebot.plan;

import dev.phasebot.message.Block;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import dev.phasebot.plan.TaskResult.DeliverableChecked;
import dev.phasebot.plan.TaskResult.DependencyAdded;
import dev.phasebot.plan.TaskResult.DependencyRemoved;
import dev.phasebot.plan.TaskResult.TaskAdded;
import dev.phasebot.plan.TaskResult.TaskDone;
import dev.phasebot.plan.TaskResult.TaskEdited;
import dev.phasebot.plan.TaskResult.TaskReopened;
import dev.phasebot.plan.TaskResult.TaskStarted;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/** How the answers about tasks read: to each change, and {@code /task show} and {@code list}. */
public final class TaskDocs {

    private final PlanTimes times;
    private final Clock clock;
    private final PlanDocs posts;

    public TaskDocs(ZoneId zone, Clock clock) {
        this.times = new PlanTimes(zone);
        this.clock = clock;
        this.posts = new PlanDocs(zone, clock);
    }

    /** The answer to any change of a task. */
    public Doc answer(TaskResult result) {
        if (result instanceof TaskAdded a) {
            return Doc.of("Added " + a.taskId() + ": " + a.title() + " (" + a.priority() + ", owner " + a.owner()
                    + ", due " + a.due() + ").");
        }
        if (result instanceof TaskStarted s) {
            return Doc.of(s.taskId() + (s.already() ? " is already in progress" + since(s) : " is in progress") + ".");
        }
        if (result instanceof TaskDone d) {
            return Doc.of(
                    d.already()
                            ? d.taskId() + " is already done" + when(d) + "."
                            : d.taskId() + " is done."
                                    + (d.unblocked() > 0 ? " " + d.unblocked() + " unblocked." : ""));
        }
        if (result instanceof TaskReopened r) {
            return Doc.of(
                    !r.wasDone()
                            ? r.taskId() + " is not done; nothing to reopen."
                            : r.taskId() + " is in progress again."
                                    + (r.blockedAgain().isEmpty()
                                            ? ""
                                            : " " + PlanDocs.blockedAgain(r.blockedAgain()) + "."));
        }
        if (result instanceof DeliverableChecked c) {
            return deliverable(c);
        }
        if (result instanceof DependencyAdded a) {
            return Doc.of(
                    a.taskId() + (a.already() ? " already depends on " : " now depends on ") + a.dependsOn() + ".");
        }
        if (result instanceof DependencyRemoved r) {
            return dependencyRemoved(r);
        }
        TaskEdited e = (TaskEdited) result;
        return Doc.of(
                e.already()
                        ? e.taskId() + " " + e.field() + " is already " + e.to() + "."
                        : e.taskId() + " " + e.field() + ": " + e.from() + " → " + e.to() + ".");
    }

    private Doc deliverable(DeliverableChecked c) {
        ChecklistItem d = c.item();
        String name = c.taskId() + " deliverable " + d.index() + " (" + d.text() + ")";
        if (c.already() && c.checked()) {
            return Doc.of(name + " is already checked (" + (d.checkedBy() == null ? "" : "by " + d.checkedBy() + " ")
                    + times.atOrOn(d.checkedAt(), clock.instant()) + ").");
        }
        if (c.already()) {
            return Doc.of(name + " is not checked.");
        }
        return Doc.of(name + " " + (c.checked() ? "checked" : "unchecked") + ": " + c.checkedCount() + " of "
                + c.total() + " done.");
    }

    private static Doc dependencyRemoved(DependencyRemoved r) {
        if (!r.wasThere()) {
            return Doc.of(r.taskId() + " does not depend on " + r.dependsOn() + ".");
        }
        String state = "";
        if (r.freed()) {
            state = " " + r.taskId() + " is no longer blocked" + (r.inProgress() ? "." : " and can start.");
        } else if (!r.stillBlockedBy().isEmpty()) {
            state = " " + r.taskId() + " is still blocked by " + String.join("; ", r.stillBlockedBy()) + ".";
        }
        return Doc.of(r.taskId() + " no longer depends on " + r.dependsOn() + "." + state);
    }

    /** {@code /task show}: the task's fields, what blocks it, its dependencies and its deliverables checklist. */
    public Doc show(TaskView view) {
        Task t = view.task();
        Doc.Builder doc = Doc.builder()
                .heading(t.id() + " " + t.title())
                .fields(List.of(
                        field("Priority", t.priority()),
                        field("Risk", t.risk()),
                        field("Owner", t.owner()),
                        field("Due", t.due()),
                        field("Status", view.status())));
        if (!view.blockers().isEmpty()) {
            doc.bullets(
                    Line.of("Blocked by"),
                    view.blockers().stream().map(Line::of).toList());
        }
        if (!t.dependsOn().isEmpty()) {
            doc.line(Span.strong("Depends on:"), " " + String.join(", ", t.dependsOn()));
        }
        return doc.bullets(
                        Line.of("Deliverables (" + t.checkedCount() + "/"
                                + t.deliverables().size() + ")"),
                        checklist(t.deliverables()))
                .build();
    }

    /** {@code /task list}: one line a task under the filter's title. */
    public Doc list(TaskList list) {
        if (list.tasks().isEmpty()) {
            return Doc.of(list.title() + ": none.");
        }
        return Doc.builder()
                .bullets(
                        Line.of(list.title()),
                        list.tasks().stream().map(posts::taskLine).toList())
                .build();
    }

    /** A checklist: each item ticked or not, with who ticked it. */
    static List<Line> checklist(List<ChecklistItem> items) {
        return items.stream()
                .map(c -> {
                    Line line = Line.of(
                            c.isChecked() ? Symbol.CHECKED_ITEM : Symbol.OPEN_ITEM, " " + c.index() + ". " + c.text());
                    return c.isChecked() && c.checkedBy() != null
                            ? line.plus(" ", Span.aside("(" + c.checkedBy() + ")"))
                            : line;
                })
                .toList();
    }

    static Block.Field field(String label, String value) {
        return new Block.Field(label, Line.of(value));
    }

    /** " (since Tue 24 Nov 09:14 EST, by qa-engineer)", or nothing when it was not recorded. */
    private String since(TaskStarted s) {
        return s.since() == null
                ? ""
                : " (since " + times.dayAndClock(s.since(), clock.instant()) + (s.by() == null ? "" : ", by " + s.by())
                        + ")";
    }

    /** " (Tue 24 Nov 10:02 EST, by X)", or nothing when it was not recorded. */
    private String when(TaskDone d) {
        return d.at() == null
                ? ""
                : " (" + times.dayAndClock(d.at(), clock.instant()) + (d.by() == null ? "" : ", by " + d.by()) + ")";
    }
}
