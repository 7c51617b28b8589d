package dev.phasebot.incident;

import dev.phasebot.config.BotConfig;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.message.Times;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/** Closing an incident: resolved (with its post-incident summary) or cancelled as raised in error. */
final class Closing {

    /** How long the raiser may cancel an incident raised in error; after that only the lead may. */
    static final Duration RAISER_MAY_CANCEL = Duration.ofMinutes(15);

    private final BotConfig config;
    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final IncidentRepository repository;
    private final IncidentGuard guard;
    private final EscalationClock escalation;
    private final IncidentNotices notices;
    private final IncidentDocs docs;
    private final IncidentReportDocs reports;

    Closing(
            BotConfig config,
            Database database,
            AuditLog audit,
            Clock clock,
            IncidentRepository repository,
            IncidentGuard guard,
            EscalationClock escalation,
            IncidentNotices notices,
            IncidentDocs docs,
            IncidentReportDocs reports) {
        this.config = config;
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.repository = repository;
        this.guard = guard;
        this.escalation = escalation;
        this.notices = notices;
        this.docs = docs;
        this.reports = reports;
    }

    Resolution resolve(String agent, long id, String resolution) {
        String text = IncidentGuard.fitting(resolution, "text", "the resolution");
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Incident incident = guard.open(tx, id);
            guard.resolverRefusal(incident, agent).ifPresent(refusal -> {
                throw new Refusal(refusal);
            });
            repository.resolve(tx, id, now, agent, text.isEmpty() ? null : text);
            int cancelled = escalation.stop(tx, id);
            repository.event(tx, id, now, agent, "resolved", text);
            Incident resolved = repository.find(tx, id).orElseThrow();
            List<Milestone> milestones = repository.milestones(tx, id);
            notices.refreshCard(tx, id, now);
            notices.say(
                    tx,
                    resolved,
                    IncidentNotices.key(id, "summary"),
                    notices.channel(resolved),
                    reports.summary(resolved, milestones, repository.events(tx, id)));
            if (resolved.security()) {
                notices.say(
                        tx,
                        resolved,
                        IncidentNotices.key(id, "public-resolved"),
                        notices.publicChannel(),
                        docs.redacted(resolved));
            }
            audit.record(tx, now, agent, "incident.resolve", "#" + id + ", " + cancelled + " timers cancelled");
            return new Resolution(id, notices.channelName(resolved));
        });
    }

    /**
     * Marks an incident raised in error: every timer stops, the card says why, the timeline and
     * the audit keep it, and the review and its figures leave it out. The raiser may within
     * {@link #RAISER_MAY_CANCEL} of raising it; the lead may at any time.
     */
    Cancellation cancel(String agent, long id, String reason) {
        String text = IncidentGuard.fitting(reason, "reason", "the reason");
        if (text.isEmpty()) {
            throw Refusal.of(
                    "reason",
                    "Say why incident #" + id + " is cancelled: ",
                    Span.code("/incident cancel " + id + " raised by mistake"),
                    ".");
        }
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Incident incident = guard.open(tx, id);
            String lead = config.lead().id();
            Instant raiserUntil = incident.raisedAt().plus(RAISER_MAY_CANCEL);
            boolean raiserMay = agent.equals(incident.raisedBy()) && !now.isAfter(raiserUntil);
            if (!agent.equals(lead) && !raiserMay) {
                throw Refusal.of(
                        null,
                        "Only the lead (" + lead + ") may cancel incident #" + id + " now; its raiser ("
                                + incident.raisedBy() + ") could until " + docs.clock(raiserUntil) + ", "
                                + Times.duration(RAISER_MAY_CANCEL) + " after raising it. To close it as handled, ",
                        Span.code("/incident resolve " + id),
                        ".");
            }
            repository.cancel(tx, id, now, agent, text);
            int stopped = escalation.stop(tx, id);
            repository.event(tx, id, now, agent, "cancelled", text);
            Incident cancelled = repository.find(tx, id).orElseThrow();
            notices.refreshCard(tx, id, now);
            if (cancelled.security()) {
                notices.refreshPublicLine(tx, cancelled);
            }
            for (String who : new LinkedHashSet<>(List.of(lead, incident.owner(), incident.assignee()))) {
                if (!who.equals(agent)) {
                    notices.say(
                            tx,
                            cancelled,
                            IncidentNotices.key(id, "cancelled:" + who),
                            Destination.dm(who),
                            docs.cancelledNotice(cancelled));
                }
            }
            audit.record(tx, now, agent, "incident.cancel", "#" + id + ", " + stopped + " timers cancelled");
            return new Cancellation(id, text);
        });
    }
}
