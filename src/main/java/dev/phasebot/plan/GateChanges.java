package dev.phasebot.plan;

import dev.phasebot.command.CommandException;
import dev.phasebot.message.Message;
import dev.phasebot.message.SafeText;
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

    String checkCriterion(String agent, int number, String which, boolean met) {
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            Gate gate = ctx.gate(new PlanSnapshot(List.of(), ctx.repository.gates(tx)), number);
            if (!agent.equals(gate.owner()) && !ctx.isLead(agent)) {
                throw new CommandException("Only the gate's owner (" + gate.owner() + ") or the lead ("
                        + ctx.config.lead().id() + ") may " + (met ? "check" : "uncheck") + " criteria of "
                        + gate.label() + ".");
            }
            Gate.Criterion criterion = criterion(gate, which);
            String name = "Gate " + number + " criterion " + criterion.index();
            if (met && criterion.isMet()) {
                return Outcome.unchanged(name + " is already checked (" + (criterion.metBy() == null ? ""
                        : "by " + criterion.metBy() + " ") + ctx.atOrOn(criterion.metAt(), now) + ").");
            }
            if (!met && !criterion.isMet()) {
                return Outcome.unchanged(name + " is not checked.");
            }
            if (gate.isPassed()) {
                throw new CommandException(gate.label() + " has passed; the lead can `/gate reopen " + number + "` first.");
            }
            ctx.repository.setCriterion(tx, number, criterion.index(), now, agent, met);
            long count = gate.metCount() + (met ? 1 : -1);
            String text = (met ? ":ballot_box_with_check: " : ":leftwards_arrow_with_hook: ") + gate.label() + ": "
                    + agent + (met ? " checked " : " unchecked ") + "\"" + SafeText.escape(criterion.text()) + "\" ("
                    + count + " of " + gate.criteria().size() + " criteria met).";
            ctx.outbox.post(tx, "gate:" + number + ":" + criterion.index() + ":" + met + ":" + now.toEpochMilli(),
                    Message.of(ctx.channel, text));
            ctx.audit.record(tx, now, agent, met ? "gate.check" : "gate.uncheck", gate.ref() + "#" + criterion.index());
            return Outcome.changed(text);
        });
    }

    String pass(String agent, int number) {
        Instant now = ctx.clock.instant();
        return ctx.answer(tx -> {
            PlanSnapshot before = ctx.snapshot(tx);
            Gate gate = ctx.gate(before, number);
            if (!agent.equals(gate.owner())) {
                throw new CommandException("Only the gate's owner (" + gate.owner() + ") may pass " + gate.label() + ".");
            }
            if (gate.isPassed()) {
                return Outcome.unchanged("Gate " + number + " already passed on " + ctx.shortDay(gate.passedAt(), now)
                        + (gate.passedBy() == null ? "" : " by " + gate.passedBy()) + ".");
            }
            List<String> unmet = gate.criteria().stream().filter(c -> !c.isMet()).map(c -> c.index() + ". " + c.text())
                    .toList();
            if (!unmet.isEmpty()) {
                throw new CommandException(gate.label() + " cannot pass: " + unmet.size() + " of "
                        + gate.criteria().size() + " criteria unmet: " + SafeText.escape(String.join("; ", unmet)) + ".");
            }
            List<Gate> blocking = before.gatesBlocking(gate);
            if (!blocking.isEmpty()) {
                throw new CommandException(gate.label() + " cannot pass before " + blocking.stream()
                        .map(PlanSnapshot::gateReason).collect(Collectors.joining("; ")) + ".");
            }
            ctx.repository.setPassed(tx, number, now, agent);
            PlanSnapshot after = ctx.snapshot(tx);
            long unblocked = TaskChanges.countUnblocked(before, after);
            String text = ":tada: *" + gate.label() + " passed*: " + unblocked + " task" + (unblocked == 1 ? "" : "s")
                    + " unblocked." + (gate.impact() == null ? "" : " " + SafeText.escape(gate.impact()) + ".");
            ctx.outbox.post(tx, "gate:" + number + ":passed:" + now.toEpochMilli(), Message.of(ctx.channel, text));
            ctx.audit.record(tx, now, agent, "gate.pass", gate.ref());
            return Outcome.changed(text);
        });
    }

    String reopen(String agent, int number) {
        if (!ctx.isLead(agent)) {
            throw new CommandException("Only the lead (" + ctx.config.lead().id() + ") may reopen a gate.");
        }
        Instant now = ctx.clock.instant();
        return ctx.change(tx -> {
            Gate gate = ctx.gate(new PlanSnapshot(List.of(), ctx.repository.gates(tx)), number);
            if (!gate.isPassed()) {
                throw new CommandException(gate.label() + " has not passed; there is nothing to reopen.");
            }
            ctx.repository.setPassed(tx, number, null, null);
            String text = ":rewind: " + gate.label() + " was reopened by " + agent + "; what it blocks is blocked again.";
            ctx.outbox.post(tx, "gate:" + number + ":reopened:" + now.toEpochMilli(), Message.of(ctx.channel, text));
            ctx.audit.record(tx, now, agent, "gate.reopen", gate.ref());
            return text;
        });
    }

    private static Gate.Criterion criterion(Gate gate, String which) {
        String w = which == null ? "" : which.strip();
        if (w.matches("\\d{1,6}")) {
            int n = Integer.parseInt(w);
            if (n >= 1 && n <= gate.criteria().size()) {
                return gate.criteria().get(n - 1);
            }
        } else if (!w.isEmpty()) {
            List<Gate.Criterion> matches = gate.criteria().stream()
                    .filter(c -> c.text().toLowerCase().contains(w.toLowerCase())).toList();
            if (matches.size() == 1) {
                return matches.get(0);
            }
        }
        StringBuilder list = new StringBuilder();
        gate.criteria().forEach(c -> list.append(' ').append(c.index()).append(". ").append(c.text()).append(';'));
        throw new CommandException("Name one criterion of " + gate.label() + " by number or a unique part of its text:"
                + SafeText.escape(list.toString()));
    }
}
