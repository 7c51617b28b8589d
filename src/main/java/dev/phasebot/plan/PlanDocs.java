package dev.phasebot.plan;

import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import dev.phasebot.message.Times;
import dev.phasebot.plan.PlanResult.CriterionChecked;
import dev.phasebot.plan.PlanResult.GatePassed;
import dev.phasebot.plan.PlanResult.GateReopened;
import dev.phasebot.plan.PlanResult.TaskDone;
import dev.phasebot.plan.PlanResult.TaskReopened;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * How the plan's posts read: a task done or reopened (with the tasks it unblocked or blocked
 * again), a gate's criterion checked, a gate passed or reopened, the daily overdue list and
 * each owner's overdue DM. Also the one way a task reads as a line of a list.
 */
public final class PlanDocs {

    private final ZoneId zone;
    private final Clock clock;

    public PlanDocs(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    /** "T1 Security Vulnerability Fix · CRITICAL · owner · todo · due 24-48 hours (overdue since Wed 20 Aug)". */
    public Line taskLine(TaskRow t) {
        Line line = Line.of(
                Span.strong(t.id()), " " + t.title() + " · " + t.priority() + " · " + t.owner() + " · " + t.status());
        if (t.dueAt() == null) {
            return line;
        }
        line = line.plus(" · due " + t.due());
        return t.overdue()
                ? line.plus(" ", Span.aside("(overdue since " + shortDay(t.dueAt(), clock.instant()) + ")"))
                : line;
    }

    public Doc taskDone(TaskDone done) {
        String unblocked = done.unblocked() > 0 ? "; " + tasks(done.unblocked()) + " unblocked." : ".";
        return Doc.of(
                Symbol.DONE,
                " ",
                Span.strong(done.taskId() + " " + done.title()),
                " is done (" + done.by() + ")"
                        + (done.overridden() > 0
                                ? ", by the lead's override with " + done.overridden() + " deliverable(s) unchecked"
                                : "")
                        + unblocked);
    }

    public Doc taskReopened(TaskReopened reopened) {
        return Doc.of(
                Symbol.REOPENED,
                " ",
                Span.strong(reopened.taskId() + " " + reopened.title()),
                " was reopened by " + reopened.by()
                        + (reopened.blockedAgain().isEmpty()
                                ? "."
                                : "; " + blockedAgain(reopened.blockedAgain()) + "."));
    }

    /** "T5, T6 are blocked again". */
    static String blockedAgain(List<String> ids) {
        return String.join(", ", ids) + " " + (ids.size() == 1 ? "is" : "are") + " blocked again";
    }

    public Doc criterionChecked(CriterionChecked c) {
        GateProgress g = c.gate();
        return Doc.of(
                c.met() ? Symbol.CHECKED_ITEM : Symbol.REOPENED,
                " " + g.label() + ": " + c.by()
                        + (c.met() ? " checked " : " unchecked ") + "\""
                        + c.item().text() + "\" (" + g.met() + " of "
                        + g.total() + " criteria met).");
    }

    public Doc gatePassed(GatePassed passed) {
        return Doc.of(
                Symbol.CELEBRATE,
                " ",
                Span.strong(passed.gate().label() + " passed"),
                ": " + tasks(passed.unblocked()) + " unblocked."
                        + (passed.impact() == null ? "" : " " + passed.impact() + "."));
    }

    public Doc gateReopened(GateReopened reopened) {
        return Doc.of(
                Symbol.BACK,
                " " + reopened.gate().label() + " was reopened by " + reopened.by()
                        + "; what it blocks is blocked again.");
    }

    /** The coordination channel's note of a config sync that changed the plan: "Plan changed at start-up: T7 archived ...". */
    public Doc planChanged(String when, List<String> changes) {
        return Doc.of("Plan changed " + when + ": " + String.join("; ", changes) + ".");
    }

    /** The channel's list of the day: a heading and one bullet a task. */
    public Doc overdueList(LocalDate day, List<TaskRow> overdue) {
        return Doc.builder()
                .heading(Symbol.DUE, " Overdue tasks, " + Times.longDay(day))
                .bullets(Line.empty(), overdue.stream().map(this::taskLine).toList())
                .build();
    }

    /** What each owner is told in a DM. */
    public Doc overdueDm(List<TaskRow> owned) {
        return Doc.builder()
                .line(Symbol.DUE, " You own " + owned.size() + " overdue task" + (owned.size() == 1 ? "" : "s") + ":")
                .bullets(Line.empty(), owned.stream().map(this::taskLine).toList())
                .build();
    }

    static String tasks(long n) {
        return n + " task" + (n == 1 ? "" : "s");
    }

    Instant now() {
        return clock.instant();
    }

    // how the plan says a time, in the phase's zone

    /** "Tue 24 Nov 09:14 EST" (with the year when it is not this one). */
    String dayAndClock(Instant at, Instant now) {
        return Times.dayAndClock(at, zone, now);
    }

    /** "at 09:14 EST" today, "on Mon 23 Nov 09:14 EST" another day. */
    String atOrOn(Instant at, Instant now) {
        boolean today = at.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate());
        return today ? "at " + Times.clockWithZone(at, zone) : "on " + dayAndClock(at, now);
    }

    /** "Tue 24 Nov" (with the year when it is not this one). */
    String shortDay(Instant at, Instant now) {
        return Times.shortDay(at.atZone(zone).toLocalDate(), now.atZone(zone).toLocalDate());
    }
}
