package dev.phasebot.plan;

import java.time.Instant;

/**
 * A gate's state for anyone who reports on it (the review, the dashboard, {@code /phase next}):
 * criteria met of all, owner, due, passed by whom and when, and whether another gate that has
 * not passed holds it back.
 */
public record GateProgress(
        int number,
        String name,
        String owner,
        long met,
        int total,
        String due,
        Instant dueAt,
        Instant passedAt,
        String passedBy,
        boolean waitingOnAnotherGate) {

    static GateProgress of(PlanSnapshot plan, Gate g) {
        return new GateProgress(
                g.number(),
                g.name(),
                g.owner(),
                g.metCount(),
                g.criteria().size(),
                g.due(),
                g.dueAt(),
                g.passedAt(),
                g.passedBy(),
                !g.isPassed() && !plan.gatesBlocking(g).isEmpty());
    }

    public boolean isPassed() {
        return passedAt != null;
    }

    /** "Gate 1: Security Clearance". */
    public String label() {
        return "Gate " + number + ": " + name;
    }
}
