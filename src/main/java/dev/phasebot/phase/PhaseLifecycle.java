package dev.phasebot.phase;

import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Message;
import dev.phasebot.message.Refusal;
import dev.phasebot.phase.HandoffReport.Ending;
import dev.phasebot.phase.Phases.Entered;
import dev.phasebot.phase.Phases.Phase;
import dev.phasebot.phase.Phases.Window;
import dev.phasebot.plan.PlanWriter;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A phase's beginning and end as the team sees them: the start-up step that begins the config's
 * phase (superseding the one before when nobody closed it, its open incidents carried over),
 * {@code /phase close} with its handoff report, {@code /phase report} and {@code /phase list}.
 * A phase's report is frozen when it ends, so it reads later as it was. Each change and what it
 * tells the coordination channel (the report's summary and its Markdown file) commit together.
 */
public final class PhaseLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PhaseLifecycle.class);

    private final BotConfig config;
    private final Phases phases;
    private final PlanWriter writer;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final Database database;
    private final HandoffReports reports;
    private final HandoffReportDocs reportDocs;
    private final PhaseDocs docs;
    private final Destination coordination;

    public PhaseLifecycle(
            BotConfig config,
            Database database,
            Phases phases,
            PlanWriter writer,
            Outbox outbox,
            AuditLog audit,
            Clock clock) {
        this.config = config;
        this.database = database;
        this.phases = phases;
        this.writer = writer;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.reports = new HandoffReports(roster());
        this.reportDocs = new HandoffReportDocs(config.phase().zone());
        this.docs = new PhaseDocs(config.phase().zone(), reportDocs);
        this.coordination = Destination.channel(config.standup().channel());
    }

    /** A phase closed with {@code /phase close}: the phase as it ended and its report. */
    public record Closed(Phase phase, HandoffReport report) {}

    /**
     * Begins the config's phase at start-up, before its plan is loaded: a new {@code phase.name}
     * ends the current phase and empties the live plan for the new one. Says so in the log and,
     * for a next phase, in the coordination channel.
     */
    public Entered enterAtStartUp(LocalDate firstDay) {
        String name = config.phase().name();
        Instant now = clock.instant();
        Entered entered = writer.change(tx -> {
            Entered e = phases.enter(tx, name, firstDay, now, this::frozenAtSupersede, roster());
            if (e.previous().isPresent()) {
                Phase previous = e.previous().get();
                if (e.superseded()) {
                    // Nobody closed it: the channel gets its report as /phase close would have posted it.
                    HandoffReport report = frozen(tx, previous.name());
                    postReport(tx, previous.name(), reportDocs.doc(report), report);
                }
                audit.record(
                        tx,
                        now,
                        "phasebot",
                        "phase.begin",
                        name + (e.superseded() ? " (superseded " : " (after ") + previous.name() + ")");
                outbox.post(tx, "phase-began:" + name, Message.of(coordination, docs.began(e)));
            }
            return e;
        });
        if (entered.first()) {
            log.info("Phase \"{}\" recorded as this install's first phase", name);
        } else if (entered.previous().isPresent()) {
            Phase previous = entered.previous().get();
            log.info(
                    "Phase \"{}\" began: \"{}\" {}; its plan archived; {} open incident(s) carried over",
                    name,
                    previous.name(),
                    entered.superseded() ? "superseded (nobody closed it)" : "had been closed",
                    entered.carriedOver().size());
        }
        return entered;
    }

    /** The agents this config expects at standups, kept with the phase it runs. */
    private List<String> roster() {
        return config.agents().stream().map(a -> a.id()).toList();
    }

    PhaseDocs docs() {
        return docs;
    }

    private String frozenAtSupersede(Tx tx, Window window, Instant endedAt, String how, String by, String reason) {
        Phase p = window.phase();
        return reports.build(
                        tx, p.name(), p.firstDay(), reportFrom(window), endedAt, Ending.superseded(by, reason, endedAt))
                .toJson();
    }

    /**
     * The report's summary as a message, then its Markdown file, to the coordination channel.
     * Two rows of one queue, in order: the message goes by the channel's name, so a file (which
     * Slack takes only by channel id) follows a post that has taught the transport the id.
     */
    private void postReport(Tx tx, String phase, Doc summary, HandoffReport report) {
        outbox.post(tx, "phase-report:" + phase, Message.of(coordination, summary));
        outbox.upload(
                tx,
                "phase-report-file:" + phase,
                coordination,
                Doc.of("The handoff report of " + phase + " as a file."),
                reportDocs.upload(report));
    }

    /**
     * Where a report starts counting: the window's start, except for the first phase, whose window
     * reaches back to the start of time (so older history is labelled by it) while its report
     * reads from its first morning, or from when phasebot first ran it if that was earlier.
     */
    private Instant reportFrom(Window window) {
        if (!window.from().equals(Instant.EPOCH)) {
            return window.from();
        }
        Instant firstMorning =
                window.phase().firstDay().atStartOfDay(config.phase().zone()).toInstant();
        return firstMorning.isBefore(window.phase().beganAt())
                ? firstMorning
                : window.phase().beganAt();
    }

    private static HandoffReport frozen(Tx tx, String phase) {
        return HandoffReport.fromJson(
                tx.queryOne("SELECT report FROM phase WHERE name = ?", rs -> rs.getString(1), phase)
                        .orElseThrow());
    }

    /**
     * {@code /phase close [reason]}: the lead ends the current phase. Refused while a quality gate
     * is not passed, unless a reason is given (it is kept with the phase and said in the report),
     * and once the phase has ended. The report is frozen with the phase, posted to the
     * coordination channel and uploaded there as a Markdown file, in the same transaction.
     */
    public Closed close(String agent, String reason) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        Instant now = clock.instant();
        return writer.change(tx -> {
            List<Phase> all = Phases.all(tx);
            Phase current = all.get(all.size() - 1);
            if (current.ended()) {
                throw Refusal.of(
                        null,
                        current.name() + " has already ended (" + docs.state(current)
                                + "). Its report: /phase report " + current.position()
                                + ". The next phase begins when bot-config.yml names it (phase.name) and phasebot restarts.");
            }
            List<String> unpassed = tx.query(
                    "SELECT number, name FROM gate WHERE archived_at IS NULL AND passed_at IS NULL ORDER BY number",
                    rs -> "Gate " + rs.getInt(1) + " (" + rs.getString(2) + ")");
            if (!unpassed.isEmpty() && why == null) {
                throw Refusal.of(
                        "reason",
                        "Not closed, nothing changed: " + String.join(", ", unpassed)
                                + (unpassed.size() == 1 ? " is" : " are")
                                + " not passed. Pass " + (unpassed.size() == 1 ? "it" : "them")
                                + " with /gate pass <n>, or close anyway saying why: "
                                + "/phase close <reason>.");
            }
            Window window = Phases.window(all, current);
            HandoffReport report = reports.build(
                    tx, current.name(), current.firstDay(), reportFrom(window), now, Ending.closed(agent, why, now));
            phases.close(tx, current, now, agent, why, report.toJson());
            audit.record(
                    tx,
                    now,
                    agent,
                    "phase.close",
                    current.name()
                            + (why == null ? "" : " (" + why + ")")
                            + (unpassed.isEmpty()
                                    ? ""
                                    : "; not passed: " + unpassed.stream().collect(Collectors.joining(", "))));
            postReport(tx, current.name(), docs.closed(current, agent, why, report), report);
            Phase ended = Phases.all(tx).get(all.size() - 1);
            log.info("Phase \"{}\" closed by {}", current.name(), agent);
            return new Closed(ended, report);
        });
    }

    /**
     * {@code /phase report [name]}: a phase's handoff report. An ended phase's is the one frozen
     * when it ended; the current phase's, while it runs, is built now ("as of").
     */
    public HandoffReport report(String words) {
        return database.read(tx -> {
            List<Phase> all = Phases.all(tx);
            Phase phase = words == null || words.isBlank()
                    ? all.get(all.size() - 1)
                    : Phases.find(all, words).orElseThrow(() -> PhaseHistory.unknown(all, words));
            if (phase.ended()) {
                return frozen(tx, phase.name());
            }
            Window window = Phases.window(all, phase);
            return reports.build(tx, phase.name(), phase.firstDay(), reportFrom(window), clock.instant(), null);
        });
    }

    HandoffReportDocs reportDocs() {
        return reportDocs;
    }

    /** The current phase: the last begun, which may have been closed while the next is not named yet. */
    public Phase current() {
        return phases.current();
    }

    /** {@code /phase list}: every phase of this install, in order. */
    public List<Phase> list() {
        return phases.all();
    }
}
