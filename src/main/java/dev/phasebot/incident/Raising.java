package dev.phasebot.incident;

import dev.phasebot.config.PlanSpec;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Raising an incident, and changing its severity: the two ways the escalation clock starts. */
final class Raising {

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final IncidentRepository repository;
    private final IncidentGuard guard;
    private final Audience audience;
    private final EscalationClock escalation;
    private final IncidentNotices notices;
    private final IncidentDocs docs;

    Raising(
            Database database,
            AuditLog audit,
            Clock clock,
            IncidentRepository repository,
            IncidentGuard guard,
            Audience audience,
            EscalationClock escalation,
            IncidentNotices notices,
            IncidentDocs docs) {
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

    IncidentRaised raise(String agent, RaiseRequest request) {
        String title = request.title() == null ? "" : request.title().strip();
        if (title.isEmpty()) {
            throw Refusal.of(
                    "title",
                    "Give the incident a title: ",
                    Span.code("/incident Code injection in features.py"),
                    ". ",
                    Span.code("/incident help"),
                    " shows the options.");
        }
        if (title.length() > IncidentGuard.MAX_TITLE) {
            throw Refusal.of(
                    "title",
                    "Keep the title under " + IncidentGuard.MAX_TITLE + " characters and put the rest after ",
                    Span.code(" -- "),
                    ".");
        }
        String description = IncidentGuard.fitting(request.description(), "description", "the description");
        String severity = request.severity() == null ? "CRITICAL" : request.severity();
        if (!PlanSpec.PRIORITIES.contains(severity)) {
            throw Refusal.of("severity", "Severity must be one of CRITICAL, HIGH, MEDIUM, LOW.");
        }
        String affects = request.affects() == null || request.affects().isBlank()
                ? null
                : request.affects().strip();
        String owner = guard.areaOwner(affects, request.security());
        // Whoever works a security incident must be able to read it.
        String assignee = request.security() && !audience.isMember(owner) ? guard.areaOwner(null, true) : owner;
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            long id = repository.insert(
                    tx,
                    title,
                    severity,
                    request.security(),
                    description.isEmpty() ? null : description,
                    affects,
                    agent,
                    now,
                    owner,
                    assignee);
            repository.event(tx, id, now, agent, "raised", severity + (request.security() ? ", security" : ""));
            List<Deadline> deadlines = "CRITICAL".equals(severity) ? escalation.start(tx, id, now) : List.of();
            Incident incident = repository.find(tx, id).orElseThrow();
            List<Milestone> milestones = repository.milestones(tx, id);
            notices.postCard(tx, incident, milestones, now);
            List<String> paged = notices.pageResponders(tx, incident, milestones, now, agent, "raised", "");
            audit.record(tx, now, agent, "incident.raise", "#" + id + " " + severity);
            return new IncidentRaised(
                    id, severity, incident.security(), notices.channelName(incident), deadlines, paged);
        });
    }

    /**
     * Changes the severity. Only CRITICAL runs the clock: lowering one stops its deadlines not
     * met yet; raising to CRITICAL starts every deadline not met before from now.
     */
    SeverityChange changeSeverity(String agent, long id, String level) {
        if (!PlanSpec.PRIORITIES.contains(level)) {
            throw Refusal.of("severity", "Severity must be one of " + String.join(", ", PlanSpec.PRIORITIES) + ".");
        }
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Incident incident = guard.open(tx, id);
            guard.requireResponder(incident, agent, "severity");
            if (incident.severity().equals(level)) {
                return new SeverityChange(id, level, level, SeverityChange.Clock.UNCHANGED, List.of());
            }
            repository.changeSeverity(tx, id, level);
            SeverityChange.Clock change;
            List<Deadline> deadlines = List.of();
            if (incident.isCritical()) {
                int stopped = escalation.stop(tx, id);
                repository.dropUnmetMilestones(tx, id);
                change = stopped > 0 || !repository.milestones(tx, id).isEmpty()
                        ? SeverityChange.Clock.STOPPED
                        : SeverityChange.Clock.NONE_RUNNING;
            } else if ("CRITICAL".equals(level)) {
                deadlines = escalation.start(tx, id, now);
                change = deadlines.isEmpty() ? SeverityChange.Clock.ALL_MET : SeverityChange.Clock.STARTED;
            } else {
                change = SeverityChange.Clock.BELOW_CRITICAL;
            }
            String note = docs.clockNote(change, deadlines);
            repository.event(tx, id, now, agent, "severity", incident.severity() + " → " + level + "; " + note);
            Incident changed = repository.find(tx, id).orElseThrow();
            notices.say(
                    tx,
                    changed,
                    IncidentNotices.key(id, "severity:" + now.toEpochMilli()),
                    notices.channel(changed),
                    docs.severityChanged(changed, incident.severity(), agent, change, deadlines));
            if ("CRITICAL".equals(level)) {
                notices.pageResponders(
                        tx, changed, repository.milestones(tx, id), now, agent, "critical", ":" + now.toEpochMilli());
            }
            notices.refreshCard(tx, id, now);
            audit.record(tx, now, agent, "incident.severity", "#" + id + " " + incident.severity() + " -> " + level);
            return new SeverityChange(id, incident.severity(), level, change, deadlines);
        });
    }
}
