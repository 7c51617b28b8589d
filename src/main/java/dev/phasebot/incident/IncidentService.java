package dev.phasebot.incident;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.PlanSpec;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.incident.IncidentResult.ActOutcome;
import dev.phasebot.incident.IncidentResult.Assignment;
import dev.phasebot.incident.IncidentResult.Cancellation;
import dev.phasebot.incident.IncidentResult.Deadline;
import dev.phasebot.incident.IncidentResult.Resolution;
import dev.phasebot.incident.IncidentResult.SeverityChange;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.message.Times;
import dev.phasebot.oncall.OnCall;
import dev.phasebot.schedule.TimerService;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * CRITICAL incidents against the clock: every change to one, each in one transaction with the
 * messages it causes. Raising (and raising to CRITICAL) starts the {@link EscalationClock}; the
 * acts meet its deadlines; resolving or cancelling stops it. Who is told what goes through
 * {@link IncidentNotices}, the checks every change passes first through {@link IncidentGuard}.
 * Reading incidents is {@link IncidentQueries}. Answers are {@link IncidentResult}s; refusals
 * are {@link Refusal}s naming the input they concern.
 */
public final class IncidentService {

    /** How long the raiser may cancel an incident raised in error; after that only the lead may. */
    static final Duration RAISER_MAY_CANCEL = Duration.ofMinutes(15);

    private final BotConfig config;
    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final IncidentRepository repository = new IncidentRepository();
    private final IncidentDocs docs;
    private final IncidentReportDocs reports;
    private final Audience audience;
    private final IncidentGuard guard;
    private final IncidentNotices notices;
    private final EscalationClock escalation;
    private final IncidentRooms rooms;
    private final IncidentTimeline timeline;
    private final IncidentReportFile reportFile;
    private final IncidentRoles roles;
    private final Outbox outbox;
    private final OnCall onCall;
    private final Supplier<PlanSpec> plan;
    private final List<Runnable> openSetListeners = new CopyOnWriteArrayList<>();

    public IncidentService(
            BotConfig config,
            Database database,
            Outbox outbox,
            TimerService timers,
            AuditLog audit,
            Clock clock,
            OnCall onCall) {
        this(config, database, outbox, timers, audit, clock, onCall, List.of(), config::plan);
    }

    /**
     * {@code pagers}: the pagers outside Slack that CRITICAL incidents page (none: Slack only);
     * {@code plan}: the plan as last (re)loaded, where an incident's {@code affects} is looked up.
     */
    public IncidentService(
            BotConfig config,
            Database database,
            Outbox outbox,
            TimerService timers,
            AuditLog audit,
            Clock clock,
            OnCall onCall,
            List<Destination.Pager> pagers,
            Supplier<PlanSpec> plan) {
        this.config = config;
        this.onCall = onCall;
        this.plan = plan;
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.docs = new IncidentDocs(config, onCall);
        this.reports = new IncidentReportDocs(docs);
        this.audience = new Audience(config);
        this.guard = new IncidentGuard(config, repository, docs);
        this.rooms = new IncidentRooms(config, database, outbox, timers, repository, docs, audience, onCall, clock);
        this.notices = new IncidentNotices(config, outbox, repository, docs, audience, pagers, onCall, rooms);
        this.escalation = new EscalationClock(config, timers, repository, docs, notices, onCall);
        this.timeline = new IncidentTimeline(database, repository, audience, audit, clock);
        this.reportFile = new IncidentReportFile(docs, config.lead().id());
        this.outbox = outbox;
        this.roles = new IncidentRoles(
                config, timers, repository, notices, rooms, outbox, database, guard, audience, docs, audit, clock);
    }

    /** Roles, stakeholder updates and their reminders: {@code /incident role} and {@code /incident update}. */
    IncidentRoles roles() {
        return roles;
    }

    /** What people add to an incident's timeline: notes and messages of its room. */
    public IncidentTimeline timeline() {
        return timeline;
    }

    /** The rooms of CRITICAL incidents; {@link IncidentRooms#around} is how delivery reaches them. */
    public IncidentRooms rooms() {
        return rooms;
    }

    /** Told after the set of open incidents changes (the App Home dashboard lists the open ones). */
    public void onOpenSetChange(Runnable listener) {
        openSetListeners.add(listener);
    }

    public IncidentResult.Raised raise(String agent, RaiseRequest request) {
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
        String owner = guard.areaOwner(plan.get(), affects, request.security());
        // Whoever works a security incident must be able to read it.
        String assignee =
                request.security() && !audience.isMember(owner) ? guard.areaOwner(plan.get(), null, true) : owner;
        Instant now = clock.instant();
        return changingOpenSet(database.inTransaction(tx -> {
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
            rooms.open(tx, incident, milestones, now);
            roles.rearm(tx, incident, now);
            List<String> paged = notices.pageResponders(tx, incident, milestones, now, agent, "raised", "");
            pageOut(tx, incident, milestones, "raised", now);
            audit.record(tx, now, agent, "incident.raise", "#" + id + " " + severity);
            return new IncidentResult.Raised(
                    id, severity, incident.security(), notices.channelName(incident), deadlines, paged);
        }));
    }

    /**
     * Changes the severity. Only CRITICAL runs the clock: lowering one stops its deadlines not
     * met yet; raising to CRITICAL starts every deadline not met before from now.
     */
    public SeverityChange changeSeverity(String agent, long id, String level) {
        if (!PlanSpec.PRIORITIES.contains(level)) {
            throw Refusal.of("severity", "Severity must be one of " + String.join(", ", PlanSpec.PRIORITIES) + ".");
        }
        Instant now = clock.instant();
        return changingOpenSet(database.inTransaction(tx -> {
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
                // Raised to CRITICAL later: it gets its room now, as if raised so (kept if it had one).
                rooms.open(tx, changed, repository.milestones(tx, id), now);
                notices.pageResponders(
                        tx, changed, repository.milestones(tx, id), now, agent, "critical", ":" + now.toEpochMilli());
                pageOut(tx, changed, repository.milestones(tx, id), "critical:" + now.toEpochMilli(), now);
            }
            roles.rearm(tx, changed, now);
            notices.refreshCard(tx, id, now);
            audit.record(tx, now, agent, "incident.severity", "#" + id + " " + incident.severity() + " -> " + level);
            return new SeverityChange(id, incident.severity(), level, change, deadlines);
        }));
    }

    /** Acknowledge, assess, plan, implemented or escalate. */
    public ActOutcome act(String agent, long id, Act act, String text) {
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
                notices.toPagers(
                        tx, incident, "", docs.acknowledgedPage(incident, agent, notices.where(incident), now));
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
                        onCall.personAt(tx, "contact", now),
                        docs.escalated(incident, agent, body),
                        "escalated by " + agent);
                Milestone open = repository.milestones(tx, id).stream()
                        .filter(m -> !m.isMet())
                        .findFirst()
                        .orElse(null);
                notices.toPagers(
                        tx,
                        incident,
                        "escalated:" + now.toEpochMilli(),
                        docs.escalatedPage(
                                incident, agent, open, onCall.personAt("contact", now), notices.where(incident), now));
            }
            notices.refreshCard(tx, id, now);
            audit.record(tx, now, agent, "incident." + act.command(), "#" + id);
            return outcome;
        });
    }

    public Assignment assign(String agent, long id, String assignee) {
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
            rooms.invite(tx, updated, assignee, now);
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

    public Resolution resolve(String agent, long id, String resolution) {
        String text = IncidentGuard.fitting(resolution, "text", "the resolution");
        Instant now = clock.instant();
        return changingOpenSet(database.inTransaction(tx -> {
            Incident incident = guard.open(tx, id);
            guard.resolverRefusal(incident, agent).ifPresent(refusal -> {
                throw new Refusal(refusal);
            });
            repository.resolve(tx, id, now, agent, text.isEmpty() ? null : text);
            int cancelled = escalation.stop(tx, id);
            roles.stop(tx, id);
            repository.event(tx, id, now, agent, "resolved", text);
            Incident resolved = repository.find(tx, id).orElseThrow();
            notices.toPagers(tx, resolved, "", docs.closedPage(resolved, agent, notices.where(resolved), now));
            List<Milestone> milestones = repository.milestones(tx, id);
            notices.refreshCard(tx, id, now);
            notices.say(
                    tx,
                    resolved,
                    IncidentNotices.key(id, "summary"),
                    notices.channel(resolved),
                    reports.summary(resolved, milestones, repository.events(tx, id)));
            postReportFile(tx, resolved, milestones, now);
            if (resolved.security()) {
                notices.say(
                        tx,
                        resolved,
                        IncidentNotices.key(id, "public-resolved"),
                        notices.publicChannel(),
                        docs.redacted(resolved));
            }
            rooms.closed(tx, id, now);
            audit.record(tx, now, agent, "incident.resolve", "#" + id + ", " + cancelled + " timers cancelled");
            return new Resolution(id, notices.channelName(resolved));
        }));
    }

    /**
     * Marks an incident raised in error: every timer stops, the card says why, the timeline and
     * the audit keep it, and the review and its figures leave it out. The raiser may within
     * {@link #RAISER_MAY_CANCEL} of raising it; the lead may at any time.
     */
    public Cancellation cancel(String agent, long id, String reason) {
        String text = IncidentGuard.fitting(reason, "reason", "the reason");
        if (text.isEmpty()) {
            throw Refusal.of(
                    "reason",
                    "Say why incident #" + id + " is cancelled: ",
                    Span.code("/incident cancel " + id + " raised by mistake"),
                    ".");
        }
        Instant now = clock.instant();
        return changingOpenSet(database.inTransaction(tx -> {
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
            roles.stop(tx, id);
            repository.event(tx, id, now, agent, "cancelled", text);
            Incident cancelled = repository.find(tx, id).orElseThrow();
            notices.toPagers(tx, cancelled, "", docs.closedPage(cancelled, agent, notices.where(cancelled), now));
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
            rooms.closed(tx, id, now);
            audit.record(tx, now, agent, "incident.cancel", "#" + id + ", " + stopped + " timers cancelled");
            return new Cancellation(id, text);
        }));
    }

    /**
     * A message of an incident that Slack refused for good (say, the bot is not in the channel)
     * goes on its timeline, so the summary shows who was never told.
     */
    public void deliveryFailed(String dedupeKey, String reason) {
        if (dedupeKey == null || !dedupeKey.startsWith("incident:")) {
            return;
        }
        String[] parts = dedupeKey.split(":", 3);
        long id;
        try {
            id = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return;
        }
        Instant now = clock.instant();
        database.run(tx -> {
            if (repository.find(tx, id).isPresent()) {
                repository.event(tx, id, now, "phasebot", "delivery failed", parts[2] + ": " + reason);
            }
        });
    }

    /**
     * {@code /incident report <id>}: the post-incident summary (so far, while it is open) and
     * where its file is. Only those who may see the incident; nothing is posted.
     */
    public dev.phasebot.message.Doc report(String agent, long id) {
        return database.read(tx -> {
            Incident incident = repository.find(tx, id).orElseThrow(() -> IncidentGuard.noSuch(id));
            if (!audience.maySee(incident, agent)) {
                throw Refusal.of(
                        null,
                        "Incident #" + id + " is a security incident; only members of the security channel ("
                                + String.join(", ", audience.members()) + ") may read its report.");
            }
            List<IncidentDetail.IncidentEvent> events = repository.events(tx, id);
            String file = IncidentReportFile.filename(id);
            String where = notices.channelName(incident) + (rooms.find(tx, id).isPresent() ? " and its room" : "");
            if (incident.resolved()) {
                return dev.phasebot.message.Doc.builder()
                        .addAll(reports.summary(incident, repository.milestones(tx, id), events))
                        .line("The report file " + file + " was posted to " + where + " when it was resolved.")
                        .build();
            }
            return dev.phasebot.message.Doc.builder()
                    .line(
                            incident.cancelled()
                                    ? "Incident #" + id + " was cancelled; it has no report file."
                                    : "Incident #" + id + " is open; its report file " + file + " is posted to " + where
                                            + " when it is resolved. So far:")
                    .addAll(reports.timeline(events))
                    .build();
        });
    }

    /**
     * The post-incident report file after the summary: to the incident's channel (a security
     * incident's is the security channel, never coordination), and to its room with a summary of
     * its own, before the room's archive comes due.
     */
    private void postReportFile(Tx tx, Incident resolved, List<Milestone> milestones, Instant now) {
        long id = resolved.id();
        List<IncidentDetail.IncidentEvent> events = repository.events(tx, id);
        dev.phasebot.message.Upload file =
                reportFile.upload(resolved, milestones, events, IncidentTimeline.followUps(tx, id), now);
        dev.phasebot.message.Doc comment =
                dev.phasebot.message.Doc.of("The post-incident report of incident #" + id + " as a file.");
        outbox.upload(tx, IncidentNotices.key(id, "report-file"), notices.channel(resolved), comment, file);
        if (rooms.find(tx, id).isPresent()) {
            Destination room = Destination.room(id);
            outbox.post(
                    tx,
                    IncidentNotices.key(id, "room-summary"),
                    dev.phasebot.message.Message.of(room, reports.summary(resolved, milestones, events)));
            outbox.upload(tx, IncidentNotices.key(id, "room-report-file"), room, comment, file);
        }
    }

    /** The page of a CRITICAL incident whose clock just started: its first open milestone, and who must act on it. */
    private void pageOut(Tx tx, Incident incident, List<Milestone> milestones, String occasion, Instant now) {
        milestones.stream()
                .filter(m -> !m.isMet())
                .findFirst()
                .ifPresent(first -> notices.toPagers(
                        tx,
                        incident,
                        occasion,
                        docs.raisedPage(
                                incident,
                                first,
                                escalation.responsible(tx, incident, first, now),
                                notices.where(incident),
                                now)));
    }

    private <T> T changingOpenSet(T outcome) {
        openSetListeners.forEach(Runnable::run);
        return outcome;
    }

    /** What someone raising an incident says: text as typed, not yet escaped. */
    public record RaiseRequest(String title, String severity, boolean security, String description, String affects) {}
}
