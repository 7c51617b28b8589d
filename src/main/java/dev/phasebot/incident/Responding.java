package dev.phasebot.incident;

import dev.phasebot.config.BotConfig;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Working an open incident: its acts (which meet milestones) and handing it to someone else. */
final class Responding {

    private final BotConfig config;
    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final IncidentRepository repository;
    private final IncidentGuard guard;
    private final Audience audience;
    private final EscalationClock escalation;
    private final IncidentNotices notices;
    private final IncidentDocs docs;

    Responding(
            BotConfig config,
            Database database,
            AuditLog audit,
            Clock clock,
            IncidentRepository repository,
            IncidentGuard guard,
            Audience audience,
            EscalationClock escalation,
            IncidentNotices notices,
            IncidentDocs docs) {
        this.config = config;
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.repository = repository;
        this.guard = guard;
        this.audience = audience;
        this.escalation = escalation;
        this.notices = notices;
        this.docs = docs;
    }

    /** Acknowledge, assess, plan, implemented or escalate. */
    ActOutcome act(String agent, long id, Act act, String text) {
        String body = IncidentGuard.fitting(text, "text", "it");
        if (act != Act.ACKNOWLEDGE && body.isEmpty()) {
            throw Refusal.of(
                    "text",
                    "Write the " + IncidentGuard.describe(act) + " after the id, e.g. ",
                    Span.code("/incident " + act.command() + " " + id + " " + IncidentGuard.example(act)),
                    ".");
        }
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Incident incident = guard.open(tx, id);
            guard.requireResponder(incident, agent, IncidentGuard.describe(act));
            if (act == Act.ACKNOWLEDGE && incident.acknowledgedAt() != null) {
                return new ActOutcome.AlreadyDone(id, null, incident.acknowledgedBy(), incident.acknowledgedAt());
            }
            Optional<Milestone> done = repository.milestones(tx, id).stream()
                    .filter(m -> act.meets(m.act()) && m.isMet() && body.equals(m.metText()))
                    .findFirst();
            if (act != Act.ESCALATE && done.isPresent()) {
                return new ActOutcome.AlreadyDone(
                        id, done.get().name(), done.get().metBy(), done.get().metAt());
            }
            if ((act == Act.ACKNOWLEDGE || incident.acknowledgedAt() == null)
                    && repository.acknowledge(tx, id, now, agent)) {
                repository.event(tx, id, now, agent, "acknowledged", null);
            }
            List<Milestone> milestones = repository.milestones(tx, id);
            Optional<Milestone> target =
                    milestones.stream().filter(m -> act.meets(m.act())).findFirst();
            ActOutcome outcome;
            if (target.isPresent() && !target.get().isMet()) {
                int upTo = target.get().index();
                for (Milestone m : milestones) {
                    if (m.index() <= upTo && !m.isMet()) {
                        String note = m.index() == upTo
                                ? body
                                : "met by the later " + target.get().name();
                        repository.meet(tx, id, m.index(), now, agent, note);
                        escalation.met(tx, id, m.index());
                    }
                }
                Instant due = target.get().dueAt();
                outcome = new ActOutcome.Recorded(
                        id, act, target.get().name(), now.isAfter(due) ? Duration.between(due, now) : null);
            } else if (target.isPresent()) {
                repository.updateMetText(tx, id, target.get().index(), body);
                outcome = new ActOutcome.Updated(
                        id,
                        target.get().name(),
                        target.get().metBy(),
                        target.get().metAt());
            } else {
                outcome = new ActOutcome.Recorded(id, act, null, null);
            }
            if (act != Act.ACKNOWLEDGE) {
                repository.event(tx, id, now, agent, act.policyAct().replace('_', ' '), body);
            }
            if (act == Act.ESCALATE) {
                notices.page(
                        tx,
                        incident,
                        IncidentNotices.key(id, "escalated:" + now.toEpochMilli()),
                        config.escalation().contact(),
                        docs.escalated(incident, agent, body),
                        "escalated by " + agent);
            }
            notices.refreshCard(tx, id, now);
            audit.record(tx, now, agent, "incident." + act.command(), "#" + id);
            return outcome;
        });
    }

    Assignment assign(String agent, long id, String assignee) {
        if (config.agent(assignee).isEmpty()) {
            throw Refusal.of("agent", Span.code(assignee), " is not an agent of this phase.");
        }
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Incident incident = guard.open(tx, id);
            if (!agent.equals(config.lead().id()) && !agent.equals(incident.owner())) {
                throw Refusal.of(
                        null,
                        "Only the lead (" + config.lead().id() + ") or the area owner (" + incident.owner()
                                + ") may assign incident #" + id + ".");
            }
            if (assignee.equals(incident.assignee())) {
                return new Assignment(id, assignee, false);
            }
            if (incident.security() && !audience.isMember(assignee)) {
                throw Refusal.of(
                        "agent",
                        assignee + " is not a member of the security channel, so cannot see " + "security incident #"
                                + id + ". Members: " + String.join(", ", audience.members()) + ".");
            }
            repository.assign(tx, id, assignee);
            repository.event(tx, id, now, agent, "assigned", assignee);
            Incident updated = repository.find(tx, id).orElseThrow();
            notices.say(
                    tx,
                    updated,
                    IncidentNotices.key(id, "assigned:" + assignee + ":" + now.toEpochMilli()),
                    Destination.dm(assignee),
                    docs.card(
                            updated, repository.milestones(tx, id), now, "You are now the assignee of this incident."));
            notices.refreshCard(tx, id, now);
            audit.record(tx, now, agent, "incident.assign", "#" + id + " " + assignee);
            return new Assignment(id, assignee, true);
        });
    }
}
