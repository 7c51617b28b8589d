package dev.phasebot.plan;

import dev.phasebot.message.Message;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.plan.GateResult.CriterionChecked;
import dev.phasebot.plan.GateResult.GatePassed;
import dev.phasebot.plan.GateResult.GateReopened;
import dev.phasebot.plan.PlanContext.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Changes to the quality gates: criteria checked and unchecked by the gate's owner or the lead,
 * the pass by the owner, the reopen by the lead. Each change is posted; asking for what is
 * already so answers "already" and posts nothing.
 */
final class GateChanges {

    private final PlanContext ctx;

    GateChanges(PlanContext ctx) {
        this.ctx = ctx;
    }

    CriterionChecked checkCriterion(String agent, int number, String which, boolean met) {
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            PlanSnapshot plan = ctx.snapshot(tx);
            Gate gate = ctx.gate(plan, number);
            if (!agent.equals(gate.owner()) && !ctx.isLead(agent)) {
                throw Refusal.of(
                        "gate",
                        "Only the gate's owner (" + gate.owner() + ") or the lead ("
                                + ctx.config.lead().id() + ") may " + (met ? "check" : "uncheck") + " criteria of "
                                + gate.label() + ".");
            }
            ChecklistItem criterion = criterion(gate, which);
            if (met == criterion.isChecked()) {
                return Outcome.unchanged(
                        new CriterionChecked(GateProgress.of(plan, gate), criterion, met, true, agent));
            }
            if (gate.isPassed()) {
                throw Refusal.of(
                        "gate",
                        gate.label() + " has passed; the lead can ",
                        Span.code("/gate reopen " + number),
                        " first.");
            }
            Checklists.check(tx, Checklists.Kind.CRITERIA, number, criterion.index(), now, agent, met);
            PlanSnapshot after = ctx.snapshot(tx);
            CriterionChecked checked =
                    new CriterionChecked(GateProgress.of(after, ctx.gate(after, number)), criterion, met, false, agent);
            ctx.outbox.post(
                    tx,
                    "gate:" + number + ":" + criterion.index() + ":" + met + ":" + now.toEpochMilli(),
                    Message.of(ctx.channel, ctx.docs.criterionChecked(checked)));
            ctx.audit.record(tx, now, agent, met ? "gate.check" : "gate.uncheck", gate.ref() + "#" + criterion.index());
            return Outcome.changed(checked);
        });
    }

    GatePassed pass(String agent, int number) {
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            PlanSnapshot before = ctx.snapshot(tx);
            Gate gate = ctx.gate(before, number);
            if (!agent.equals(gate.owner())) {
                throw Refusal.of("gate", "Only the gate's owner (" + gate.owner() + ") may pass " + gate.label() + ".");
            }
            if (gate.isPassed()) {
                return Outcome.unchanged(new GatePassed(GateProgress.of(before, gate), true, gate.impact(), 0));
            }
            List<String> unmet = gate.criteria().stream()
                    .filter(c -> !c.isChecked())
                    .map(c -> c.index() + ". " + c.text())
                    .toList();
            if (!unmet.isEmpty()) {
                throw Refusal.of(
                        "gate",
                        gate.label() + " cannot pass: " + unmet.size() + " of "
                                + gate.criteria().size() + " criteria unmet: " + String.join("; ", unmet) + ".");
            }
            List<Gate> blocking = before.gatesBlocking(gate);
            if (!blocking.isEmpty()) {
                throw Refusal.of(
                        "gate",
                        gate.label() + " cannot pass before "
                                + blocking.stream()
                                        .map(PlanSnapshot::gateReason)
                                        .collect(Collectors.joining("; ")) + ".");
            }
            ctx.repository.setPassed(tx, number, now, agent);
            PlanSnapshot after = ctx.snapshot(tx);
            GatePassed passed = new GatePassed(
                    GateProgress.of(after, ctx.gate(after, number)),
                    false,
                    gate.impact(),
                    TaskChanges.countUnblocked(before, after));
            ctx.outbox.post(
                    tx,
                    "gate:" + number + ":passed:" + now.toEpochMilli(),
                    Message.of(ctx.channel, ctx.docs.gatePassed(passed)));
            ctx.audit.record(tx, now, agent, "gate.pass", gate.ref());
            return Outcome.changed(passed);
        });
    }

    GateReopened reopen(String agent, int number) {
        if (!ctx.isLead(agent)) {
            throw Refusal.of("gate", "Only the lead (" + ctx.config.lead().id() + ") may reopen a gate.");
        }
        Instant now = ctx.clock.instant();
        return ctx.change(tx -> {
            Gate gate = ctx.gate(ctx.snapshot(tx), number);
            if (!gate.isPassed()) {
                throw Refusal.of("gate", gate.label() + " has not passed; there is nothing to reopen.");
            }
            ctx.repository.setPassed(tx, number, null, null);
            PlanSnapshot after = ctx.snapshot(tx);
            GateReopened reopened = new GateReopened(GateProgress.of(after, ctx.gate(after, number)), agent);
            ctx.outbox.post(
                    tx,
                    "gate:" + number + ":reopened:" + now.toEpochMilli(),
                    Message.of(ctx.channel, ctx.docs.gateReopened(reopened)));
            ctx.audit.record(tx, now, agent, "gate.reopen", gate.ref());
            return reopened;
        });
    }

    private static ChecklistItem criterion(Gate gate, String which) {
        String w = which == null ? "" : which.strip();
        if (w.matches("\\d{1,6}")) {
            int n = Integer.parseInt(w);
            if (n >= 1 && n <= gate.criteria().size()) {
                return gate.criteria().get(n - 1);
            }
        } else if (!w.isEmpty()) {
            List<ChecklistItem> matches = gate.criteria().stream()
                    .filter(c -> c.text().toLowerCase().contains(w.toLowerCase()))
                    .toList();
            if (matches.size() == 1) {
                return matches.get(0);
            }
        }
        throw Refusal.of(
                "criterion",
                "Name one criterion of " + gate.label() + " by number or a unique part of its text:"
                        + gate.criteria().stream()
                                .map(c -> " " + c.index() + ". " + c.text() + ";")
                                .collect(Collectors.joining()));
    }
}
