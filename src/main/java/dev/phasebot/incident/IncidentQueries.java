package dev.phasebot.incident;

import dev.phasebot.config.BotConfig;
import dev.phasebot.message.Doc;
import dev.phasebot.message.PlainText;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Upload;
import dev.phasebot.phase.Phases;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reading incidents, for a reader ({@code /incident list}, {@code show}, the API) or another
 * feature (the standup, the review, the dashboard, what is next); security details only to
 * those who may see them. Changes are {@link IncidentService}'s.
 */
public final class IncidentQueries {

    private final Database database;
    private final Clock clock;
    private final IncidentRepository repository = new IncidentRepository();
    private final IncidentGuard guard;
    private final Audience audience;
    private final String lead;
    private final IncidentReportFile reportFile;
    private final IncidentReportDocs reports;

    public IncidentQueries(BotConfig config, Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        IncidentDocs docs = new IncidentDocs(config);
        this.guard = new IncidentGuard(config, repository, docs);
        this.audience = new Audience(config);
        this.lead = config.lead().id();
        this.reportFile = new IncidentReportFile(docs, lead);
        this.reports = new IncidentReportDocs(docs);
    }

    /** {@code /incident list}: the open incidents; security ones by id only for non-members. */
    public OpenIncidents list(String agent) {
        Instant now = clock.instant();
        return database.read(tx -> new OpenIncidents(
                repository.open(tx).stream()
                        .map(i -> {
                            boolean maySee = audience.maySee(i, agent);
                            return new OpenIncidents.Entry(
                                    maySee ? i : withoutDetails(i), milestones(tx, i.id(), maySee), maySee);
                        })
                        .toList(),
                now));
    }

    /**
     * {@code /incident list phase <name>}: every incident raised in one phase's span of history,
     * open, resolved or cancelled; security ones by id only for non-members.
     */
    public PhaseIncidents raisedIn(String agent, Phases.Window phase) {
        Instant now = clock.instant();
        return database.read(tx -> new PhaseIncidents(
                phase.phase().name(),
                phase.until() != null,
                repository.raisedBetween(tx, phase.from(), phase.until()).stream()
                        .map(i -> {
                            boolean maySee = audience.maySee(i, agent);
                            return new OpenIncidents.Entry(
                                    maySee ? i : withoutDetails(i), milestones(tx, i.id(), maySee), maySee);
                        })
                        .toList(),
                now));
    }

    /**
     * A security incident as a non-member may read of it (the API hands records on as they are):
     * no title, description, resolution or reason, only that it was one, what became of it and
     * who holds its roles (agent ids are no secret); not its private room.
     */
    private static Incident withoutDetails(Incident i) {
        return new Incident(
                i.id(),
                "security incident",
                i.severity(),
                i.security(),
                null,
                i.affects(),
                i.raisedBy(),
                i.raisedAt(),
                i.owner(),
                i.assignee(),
                i.acknowledgedAt(),
                i.acknowledgedBy(),
                i.resolved(),
                i.resolvedAt(),
                i.resolvedBy(),
                null,
                i.cancelledAt(),
                i.cancelledBy(),
                null,
                i.commander(),
                i.communications(),
                null);
    }

    /** An incident's deadlines; for a reader who may not see its details, without what was said in meeting them. */
    private List<Milestone> milestones(Tx tx, long id, boolean maySee) {
        List<Milestone> milestones = repository.milestones(tx, id);
        return maySee
                ? milestones
                : milestones.stream()
                        .map(m -> new Milestone(
                                m.incidentId(), m.index(), m.name(), m.act(), m.dueAt(), m.metAt(), m.metBy(), null))
                        .toList();
    }

    /** {@code /incident show}: the card and timeline, or who may see them. */
    public IncidentDetail show(String agent, long id) {
        Instant now = clock.instant();
        return database.read(tx -> {
            Incident incident = repository.find(tx, id).orElseThrow(() -> IncidentGuard.noSuch(id));
            if (!audience.maySee(incident, agent)) {
                return new IncidentDetail.Hidden(
                        id, audience.members(), incident.commander(), incident.communications());
            }
            return new IncidentDetail.Visible(incident, repository.milestones(tx, id), repository.events(tx, id), now);
        });
    }

    /**
     * The post-incident report of incident {@code id} as of now ({@code GET /incidents/{id}/report}):
     * the very file resolve uploads, built by the same method from the same rows, so a resolved
     * incident's is that file (plus anything its timeline got since). A security incident's only
     * for members of the security channel: anyone else learns nothing of it but who may read it.
     */
    public IncidentReport report(String agent, long id) {
        Instant now = clock.instant();
        return database.read(tx -> {
            Incident i = repository.find(tx, id).orElseThrow(() -> IncidentGuard.noSuch(id));
            if (!audience.maySee(i, agent)) {
                // Worded "Only ..." so the API answers 403, as for every refusal naming who may.
                throw Refusal.of(
                        null,
                        "Only members of the security channel (" + String.join(", ", audience.members())
                                + ") may read the report of incident #" + id + ", a security incident.");
            }
            List<Milestone> milestones = repository.milestones(tx, id);
            List<IncidentDetail.IncidentEvent> events = repository.events(tx, id);
            Upload file = reportFile.upload(i, milestones, events, IncidentTimeline.followUps(tx, id), now);
            return new IncidentReport(
                    i.id(),
                    i.title(),
                    i.severity(),
                    i.security(),
                    i.cancelled() ? "cancelled" : i.resolved() ? "resolved" : "open",
                    i.raisedAt(),
                    i.closedAt(),
                    i.commanderOr(lead),
                    i.communications(),
                    i.resolved() ? PlainText.withUserIds().render(reports.summary(i, milestones, events)) : null,
                    file.filename(),
                    file.markdown(),
                    now);
        });
    }

    /** Open CRITICAL incidents as any channel may mention them: security ones without a title. */
    public List<OpenIncident> openCritical() {
        return database.read(tx -> repository.open(tx).stream()
                .filter(Incident::isCritical)
                .map(i -> new OpenIncident(i.id(), i.security(), i.security() ? null : i.title()))
                .toList());
    }

    /** Each open incident's next deadline, titles only where {@code agent} may see them. */
    public List<NextDeadline> nextDeadlines(String agent) {
        return database.read(tx -> repository.open(tx).stream()
                .map(i -> repository.milestones(tx, i.id()).stream()
                        .filter(m -> !m.isMet())
                        .findFirst()
                        .map(m -> new NextDeadline(
                                i.id(),
                                i.severity(),
                                i.security(),
                                audience.maySee(i, agent) ? i.title() : null,
                                m.name(),
                                m.dueAt()))
                        .orElse(null))
                .filter(Objects::nonNull)
                .toList());
    }

    /** Incidents of [from, to) for the review; an open one judged against {@code now}. */
    public IncidentWeek week(Instant from, Instant to, Instant now) {
        // An open incident is judged against now: a preview days before the review must not
        // call a deadline that is still ahead "missed".
        Instant judged = now.isBefore(to) ? now : to;
        return database.read(tx -> new IncidentWeek(week(tx, from, to, judged), openFollowUps(tx)));
    }

    private List<IncidentWeek.Entry> week(Tx tx, Instant from, Instant to, Instant judged) {
        return repository.between(tx, from, to).stream()
                .map(i -> {
                    List<Milestone> milestones = repository.milestones(tx, i.id());
                    Instant end = i.resolved() ? i.resolvedAt() : judged;
                    List<IncidentWeek.Missed> missed = milestones.stream()
                            .filter(m -> (m.isMet() ? m.metAt() : end).isAfter(m.dueAt()))
                            .map(m -> new IncidentWeek.Missed(
                                    m.name(), Duration.between(m.dueAt(), m.isMet() ? m.metAt() : end)))
                            .toList();
                    return new IncidentWeek.Entry(
                            i.id(),
                            i.severity(),
                            i.security(),
                            i.security() ? null : i.title(),
                            metIn(i, milestones, "assessment"),
                            metIn(i, milestones, "mitigation_plan"),
                            i.resolved() ? Duration.between(i.raisedAt(), i.resolvedAt()) : null,
                            missed);
                })
                .toList();
    }

    /** Follow-ups whose task is in the plan and not done, oldest incident first. */
    private static List<IncidentWeek.FollowUp> openFollowUps(Tx tx) {
        return tx.query(
                "SELECT f.task_id, t.title, t.owner, t.due, f.incident_id FROM incident_followup f "
                        + "JOIN task t ON t.id = f.task_id WHERE f.phase IS NULL AND t.status <> 'done' "
                        + "ORDER BY f.incident_id, f.created_at, f.task_id",
                rs -> new IncidentWeek.FollowUp(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4) == null || "none".equals(rs.getString(4)) ? null : rs.getString(4),
                        rs.getLong(5)));
    }

    private static Duration metIn(Incident i, List<Milestone> milestones, String act) {
        return milestones.stream()
                .filter(m -> m.act().equals(act) && m.isMet())
                .findFirst()
                .map(m -> Duration.between(i.raisedAt(), m.metAt()))
                .orElse(null);
    }

    /**
     * Why {@code agent} may not do {@code act} on incident {@code id}, naming who may; empty
     * when they may. Asked before a form opens; the act checks again on submit. Refuses when
     * there is no such open incident.
     */
    public Optional<Doc> refusalToAct(String agent, long id, Act act) {
        return database.read(tx -> guard.responderRefusal(guard.open(tx, id), agent, IncidentGuard.describe(act)));
    }

    /** The same for {@link IncidentService#resolve}. */
    public Optional<Doc> refusalToResolve(String agent, long id) {
        return database.read(tx -> guard.resolverRefusal(guard.open(tx, id), agent));
    }

    /**
     * The incidents raised in one phase, in order, with the moment open ones' countdowns run from;
     * {@code ended} when a later phase has begun (an incident still open was carried over).
     */
    public record PhaseIncidents(String phase, boolean ended, List<OpenIncidents.Entry> incidents, Instant now) {

        public PhaseIncidents {
            incidents = List.copyOf(incidents);
        }
    }

    /**
     * An incident's post-incident report as a member reads it: {@code markdown} is the whole file
     * ({@code filename}) resolve uploads, as of {@code asOf} while it is open; {@code summary} the
     * summary posted at resolve, as plain text (null unless resolved); {@code commander} the one
     * in command, the lead unless handed on.
     */
    public record IncidentReport(
            long id,
            String title,
            String severity,
            boolean security,
            String state,
            Instant raisedAt,
            Instant closedAt,
            String commander,
            String communications,
            String summary,
            String filename,
            String markdown,
            Instant asOf) {}

    /**
     * An open CRITICAL incident as any channel may mention it: {@code title} is null for a
     * security incident, whose details stay in the security channel.
     */
    public record OpenIncident(long id, boolean security, String title) {}

    /**
     * An open incident's next deadline as one reader may see it: {@code title} is null when the
     * reader may not see a security incident's details.
     */
    public record NextDeadline(
            long id, String severity, boolean security, String title, String milestone, Instant due) {}
}
