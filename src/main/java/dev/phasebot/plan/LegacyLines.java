package dev.phasebot.plan;

import dev.phasebot.message.SafeText;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The mrkdwn lines other features still take from the plan, exactly as before, until they
 * switch to {@link GateProgress}, {@link TaskRow} and {@link TaskBrief}. Delete with the
 * deprecated adapters of {@link PlanService}.
 */
@Deprecated(forRemoval = true)
final class LegacyLines {

    private final PlanTimes times;

    LegacyLines(ZoneId zone) {
        this.times = new PlanTimes(zone);
    }

    String gate(GateProgress g, Instant now) {
        return g.label() + ": " + g.met() + "/" + g.total() + " criteria met · owner " + g.owner() + " · "
                + (g.isPassed() ? "passed " + times.shortDay(g.passedAt(), now) : "due " + SafeText.escape(g.due()))
                + (g.waitingOnAnotherGate() ? " · waiting on another gate" : "");
    }

    String task(TaskRow t, Instant now) {
        return "*" + t.id() + "* " + SafeText.escape(t.title()) + " · " + t.priority() + " · " + t.owner() + " · "
                + t.status() + (t.dueAt() == null ? "" : " · due " + SafeText.escape(t.due())
                + (t.overdue() ? " (overdue since " + times.shortDay(t.dueAt(), now) + ")" : ""));
    }

    static String brief(TaskBrief t) {
        return t.id() + " " + SafeText.escape(t.title()) + " (" + t.status() + ")";
    }
}
