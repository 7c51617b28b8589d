package dev.phasebot.plan;

import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.plan.PlanResult.CriterionChecked;
import dev.phasebot.plan.PlanResult.GatePassed;
import dev.phasebot.plan.PlanResult.GateReopened;
import dev.phasebot.plan.PlanWriter.Outcome;
import dev.phasebot.store.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The quality gates changed: criteria checked and unchecked by the gate's owner or the lead,
 * the pass by the owner, the reopen by the lead. Each change is audited and posted to the
 * coordination channel; asking for what is already so answers "already" and posts nothing.
 */
public final class GateChanges {

    private final BotConfig config;
    private final PlanWriter writer;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final PlanRepository repository = new PlanRepository();
    private final Destination channel;
    private final PlanDocs docs;

    public GateChanges(BotConfig config, PlanWriter writer, Outbox outbox, AuditLog audit, Clock clock) {
        this.config = config;
        this.writer = writer;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.channel = Destination.channel(config.standup().channel());
        this.docs = new PlanDocs(config.phase().zone(), clock);
    }

    public CriterionChecked checkCriterion(String agent, int number, String which, boolean met) {
        Instant now = clock.instant();
        return writer.answer(tx -> {
            PlanSnapshot plan = repository.snapshot(tx);
            Gate gate = plan.gateNumbered(number);
            if (!agent.equals(gate.owner()) && !isLead(agent)) {
                throw Refusal.of(
                        "gate",
                        "Only the gate's owner (" + gate.owner() + ") or the lead ("
                                + config.lead().id() + ") may " + (met ? "check" : "uncheck") + " criteria of "
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
            PlanSnapshot after = repository.snapshot(tx);
            CriterionChecked checked = new CriterionChecked(
                    GateProgress.of(after, after.gateNumbered(number)), criterion, met, false, agent);
            outbox.post(
                    tx,
                    "gate:" + number + ":" + criterion.index() + ":" + met + ":" + now.toEpochMilli(),
                    Message.of(channel, docs.criterionChecked(checked)));
            audit.record(tx, now, agent, met ? "gate.check" : "gate.uncheck", gate.ref() + "#" + criterion.index());
            return Outcome.changed(checked);
        });
    }

    public GatePassed pass(String agent, int number) {
        Instant now = clock.instant();
        return writer.answer(tx -> {
            PlanSnapshot before = repository.snapshot(tx);
            Gate gate = before.gateNumbered(number);
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
            repository.setPassed(tx, number, now, agent);
            PlanSnapshot after = repository.snapshot(tx);
            GatePassed passed = new GatePassed(
                    GateProgress.of(after, after.gateNumbered(number)),
                    false,
                    gate.impact(),
                    TaskChanges.countUnblocked(before, after));
            outbox.post(
                    tx,
                    "gate:" + number + ":passed:" + now.toEpochMilli(),
                    Message.of(channel, docs.gatePassed(passed)));
            audit.record(tx, now, agent, "gate.pass", gate.ref());
            return Outcome.changed(passed);
        });
    }

    public GateReopened reopen(String agent, int number) {
        if (!isLead(agent)) {
            throw Refusal.of("gate", "Only the lead (" + config.lead().id() + ") may reopen a gate.");
        }
        Instant now = clock.instant();
        return writer.change(tx -> {
            Gate gate = repository.snapshot(tx).gateNumbered(number);
            if (!gate.isPassed()) {
                throw Refusal.of("gate", gate.label() + " has not passed; there is nothing to reopen.");
            }
            repository.setPassed(tx, number, null, null);
            PlanSnapshot after = repository.snapshot(tx);
            GateReopened reopened = new GateReopened(GateProgress.of(after, after.gateNumbered(number)), agent);
            outbox.post(
                    tx,
                    "gate:" + number + ":reopened:" + now.toEpochMilli(),
                    Message.of(channel, docs.gateReopened(reopened)));
            audit.record(tx, now, agent, "gate.reopen", gate.ref());
            return reopened;
        });
    }

    private boolean isLead(String agent) {
        return config.lead().id().equals(agent);
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
