package dev.phasebot.plan;

import dev.phasebot.message.Block;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import dev.phasebot.message.Times;
import dev.phasebot.plan.PlanResult.CriterionChecked;
import dev.phasebot.plan.PlanResult.DeliverableChecked;
import dev.phasebot.plan.PlanResult.DependencyAdded;
import dev.phasebot.plan.PlanResult.DependencyRemoved;
import dev.phasebot.plan.PlanResult.GatePassed;
import dev.phasebot.plan.PlanResult.GateReopened;
import dev.phasebot.plan.PlanResult.TaskAdded;
import dev.phasebot.plan.PlanResult.TaskDone;
import dev.phasebot.plan.PlanResult.TaskEdited;
import dev.phasebot.plan.PlanResult.TaskReopened;
import dev.phasebot.plan.PlanResult.TaskStarted;
import dev.phasebot.plan.PlanService.TaskList;
import dev.phasebot.plan.PlanService.TaskView;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * How the plan's answers read: to each change of a task or a gate (for a gate, the post itself
 * when something changed, "already" when not), and {@code /task show} and {@code list},
 * {@code /gate show} and {@code list}.
 */
public final class AnswerDocs {

    private final Clock clock;
    private final PlanDocs posts;

    public AnswerDocs(ZoneId zone, Clock clock) {
        this.clock = clock;
        this.posts = new PlanDocs(zone, clock);
    }

    /** The answer to any change of the plan: every kind of {@link PlanResult} is worded here. */
    public Doc answer(PlanResult result) {
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
        if (result instanceof TaskEdited e) {
            return Doc.of(
                    e.already()
                            ? e.taskId() + " " + e.field() + " is already " + e.to() + "."
                            : e.taskId() + " " + e.field() + ": " + e.from() + " → " + e.to() + ".");
        }
        if (result instanceof CriterionChecked c) {
            return criterion(c);
        }
        if (result instanceof GatePassed p) {
            return p.already()
                    ? Doc.of("Gate " + p.gate().number() + " already passed on "
                            + posts.shortDay(p.gate().passedAt(), clock.instant())
                            + (p.gate().passedBy() == null
                                    ? ""
                                    : " by " + p.gate().passedBy()) + ".")
                    : posts.gatePassed(p);
        }
        if (result instanceof GateReopened r) {
            return posts.gateReopened(r);
        }
        // Java 17 has no pattern switch: this chain is checked over every kind by AnswerDocsTest.
        throw new IllegalArgumentException("no wording for " + result.getClass().getSimpleName());
    }

    private Doc deliverable(DeliverableChecked c) {
        ChecklistItem d = c.item();
        String name = c.taskId() + " deliverable " + d.index() + " (" + d.text() + ")";
        if (c.already() && c.checked()) {
            return Doc.of(name + " is already checked (" + (d.checkedBy() == null ? "" : "by " + d.checkedBy() + " ")
                    + posts.atOrOn(d.checkedAt(), clock.instant()) + ").");
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
    public Doc showTask(TaskView view) {
        Task t = view.task();
        Doc.Builder doc = Doc.builder()
                .heading(t.id() + " " + t.title())
                .fields(List.of(
                        field("Priority", t.priority()),
                        field("Risk", t.risk()),
                        field("Owner", t.owner()),
                        field("Due", t.due()),
                        field("Status", view.status())));
        if (view.archivedOn() != null) {
            doc.line("Archived on " + Times.shortDay(view.archivedOn()) + " "
                    + view.archivedOn().getYear()
                    + ": the config no longer has it. Its history is kept; it is left out of lists and the dashboard.");
        }
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
    public Doc taskList(TaskList list) {
        if (list.tasks().isEmpty()) {
            return Doc.of(list.title() + ": none.");
        }
        return Doc.builder()
                .bullets(
                        Line.of(list.title()),
                        list.tasks().stream().map(posts::taskLine).toList())
                .build();
    }

    private Doc criterion(CriterionChecked c) {
        if (!c.already()) {
            return posts.criterionChecked(c);
        }
        ChecklistItem item = c.item();
        String name = "Gate " + c.gate().number() + " criterion " + item.index();
        if (!c.met()) {
            return Doc.of(name + " is not checked.");
        }
        return Doc.of(name + " is already checked (" + (item.checkedBy() == null ? "" : "by " + item.checkedBy() + " ")
                + posts.atOrOn(item.checkedAt(), clock.instant()) + ").");
    }

    /** {@code /gate list}: criteria met of all, owner, due or passed. */
    public Doc gateList(List<GateProgress> gates) {
        return Doc.builder()
                .bullets(
                        Line.of("Quality gates"),
                        gates.stream()
                                .map(g -> Line.of(g.label() + ": " + g.met()
                                        + " of " + g.total() + " criteria met · owner " + g.owner() + " · "
                                        + (g.isPassed() ? "passed" : "due " + g.due())))
                                .toList())
                .build();
    }

    /** {@code /gate show}: owner, due or who passed it, the criteria checklist, what it blocks, its impact. */
    public Doc showGate(Gate g) {
        List<Block.Field> fields = new ArrayList<>(List.of(field("Owner", g.owner())));
        fields.add(g.isPassed() ? field("Passed by", g.passedBy()) : field("Due", g.due()));
        Doc.Builder doc = Doc.builder()
                .heading(g.label())
                .fields(fields)
                .bullets(
                        Line.of("Criteria (" + g.metCount() + "/" + g.criteria().size() + ")"),
                        checklist(g.criteria()));
        if (!g.blocks().isEmpty()) {
            doc.line(Span.strong("Blocks:"), " " + String.join(", ", g.blocks()));
        }
        if (g.impact() != null) {
            doc.line(Span.strong("Impact:"), " " + g.impact());
        }
        return doc.build();
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
                : " (since " + posts.dayAndClock(s.since(), clock.instant()) + (s.by() == null ? "" : ", by " + s.by())
                        + ")";
    }

    /** " (Tue 24 Nov 10:02 EST, by X)", or nothing when it was not recorded. */
    private String when(TaskDone d) {
        return d.at() == null
                ? ""
                : " (" + posts.dayAndClock(d.at(), clock.instant()) + (d.by() == null ? "" : ", by " + d.by()) + ")";
    }
}
