package dev.phasebot.plan;

import dev.phasebot.message.Block;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.plan.GateResult.CriterionChecked;
import dev.phasebot.plan.GateResult.GatePassed;
import dev.phasebot.plan.GateResult.GateReopened;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * How the answers about gates read: to each change (the post itself when something changed,
 * "already" when not), and {@code /gate list} and {@code show}.
 */
public final class GateDocs {

    private final PlanTimes times;
    private final Clock clock;
    private final PlanDocs posts;

    public GateDocs(ZoneId zone, Clock clock) {
        this.times = new PlanTimes(zone);
        this.clock = clock;
        this.posts = new PlanDocs(zone, clock);
    }

    public Doc answer(GateResult result) {
        if (result instanceof CriterionChecked c) {
            return criterion(c);
        }
        if (result instanceof GatePassed p) {
            return p.already()
                    ? Doc.of("Gate " + p.gate().number() + " already passed on "
                            + times.shortDay(p.gate().passedAt(), clock.instant())
                            + (p.gate().passedBy() == null
                                    ? ""
                                    : " by " + p.gate().passedBy()) + ".")
                    : posts.gatePassed(p);
        }
        return posts.gateReopened((GateReopened) result);
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
                + times.atOrOn(item.checkedAt(), clock.instant()) + ").");
    }

    /** {@code /gate list}: criteria met of all, owner, due or passed. */
    public Doc list(List<GateProgress> gates) {
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
    public Doc show(Gate g) {
        List<Block.Field> fields = new ArrayList<>(List.of(TaskDocs.field("Owner", g.owner())));
        fields.add(g.isPassed() ? TaskDocs.field("Passed by", g.passedBy()) : TaskDocs.field("Due", g.due()));
        Doc.Builder doc = Doc.builder()
                .heading(g.label())
                .fields(fields)
                .bullets(
                        Line.of("Criteria (" + g.metCount() + "/" + g.criteria().size() + ")"),
                        TaskDocs.checklist(g.criteria()));
        if (!g.blocks().isEmpty()) {
            doc.line(Span.strong("Blocks:"), " " + String.join(", ", g.blocks()));
        }
        if (g.impact() != null) {
            doc.line(Span.strong("Impact:"), " " + g.impact());
        }
        return doc.build();
    }
}
