package dev.phasebot.plan;

import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The daily overdue check: one list to the channel and one DM to each owner, at most once a day. */
final class OverdueCheck {

    private final PlanContext ctx;

    OverdueCheck(PlanContext ctx) {
        this.ctx = ctx;
    }

    /** Tasks overdue at {@code now}, in the plan's order. */
    static List<TaskRow> overdue(PlanSnapshot plan, Instant now) {
        return plan.tasks().stream()
                .filter(t -> plan.isOverdue(t, now))
                .map(t -> TaskRow.of(plan, t, now))
                .toList();
    }

    /** Returns whether it ran (false when it already ran today). */
    boolean run() {
        Instant now = ctx.clock.instant();
        LocalDate day = now.atZone(ctx.config.phase().zone()).toLocalDate();
        return ctx.database.inTransaction(tx -> {
            List<TaskRow> overdue = overdue(ctx.snapshot(tx), now);
            if (!ctx.repository.claimOverdueCheck(tx, day.toString(), now)) {
                return false;
            }
            if (overdue.isEmpty()) {
                return true;
            }
            Map<String, List<TaskRow>> byOwner = new LinkedHashMap<>();
            overdue.forEach(t ->
                    byOwner.computeIfAbsent(t.owner(), k -> new ArrayList<>()).add(t));
            ctx.outbox.post(tx, "overdue:" + day, Message.of(ctx.channel, ctx.docs.overdueList(day, overdue)));
            for (Map.Entry<String, List<TaskRow>> e : byOwner.entrySet()) {
                ctx.outbox.post(
                        tx,
                        "overdue:" + day + ":" + e.getKey(),
                        Message.of(Destination.dm(e.getKey()), ctx.docs.overdueDm(e.getValue())));
            }
            return true;
        });
    }
}
