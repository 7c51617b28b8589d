package dev.phasebot.api;

import dev.phasebot.command.CommandDispatcher;
import dev.phasebot.config.BotConfig;
import dev.phasebot.incident.Act;
import dev.phasebot.incident.IncidentQueries;
import dev.phasebot.incident.IncidentService;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.phase.HandoffReport;
import dev.phasebot.phase.HandoffReportDocs;
import dev.phasebot.phase.PhaseHistory;
import dev.phasebot.phase.PhaseLifecycle;
import dev.phasebot.phase.Phases.Phase;
import dev.phasebot.plan.GateChanges;
import dev.phasebot.plan.PlanService;
import dev.phasebot.plan.TaskChanges;
import dev.phasebot.plan.TaskFilter;
import dev.phasebot.review.ReviewLog;
import dev.phasebot.standup.StandupReports;
import dev.phasebot.standup.StandupUpdate;
import dev.phasebot.standup.StandupUpdates;
import dev.phasebot.standup.UpdateParser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoints of {@code /api/v1}, each the API face of one slash subcommand: it asks that
 * row's access (see {@link CommandAccess}) and then calls the same service method the row's
 * handler calls, with the token's agent, so the core checks the same things it checks for Slack.
 */
public final class ApiRoutes {

    private static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW");

    private final BotConfig config;
    private final StandupReports standupReports;
    private final StandupUpdates standupUpdates;
    private final IncidentService incidents;
    private final IncidentQueries incidentQueries;
    private final PlanService plan;
    private final TaskChanges tasks;
    private final GateChanges gates;
    private final ReviewLog reviewLog;
    private final CommandAccess access;
    private final PhaseHistory phases;
    private final PhaseLifecycle lifecycle;
    private final HandoffReportDocs reportDocs;

    /** {@code dispatcher}'s tables say who may call each endpoint, as they say it for the slash command. */
    public ApiRoutes(
            BotConfig config,
            StandupReports standupReports,
            StandupUpdates standupUpdates,
            IncidentService incidents,
            IncidentQueries incidentQueries,
            PlanService plan,
            TaskChanges tasks,
            GateChanges gates,
            ReviewLog reviewLog,
            CommandDispatcher dispatcher,
            PhaseHistory phases,
            PhaseLifecycle lifecycle) {
        this.config = config;
        this.phases = phases;
        this.lifecycle = lifecycle;
        this.reportDocs = new HandoffReportDocs(config.phase().zone());
        this.standupReports = standupReports;
        this.standupUpdates = standupUpdates;
        this.incidents = incidents;
        this.incidentQueries = incidentQueries;
        this.plan = plan;
        this.tasks = tasks;
        this.gates = gates;
        this.reviewLog = reviewLog;
        this.access = new CommandAccess(dispatcher);
    }

    List<Route> routes() {
        return List.of(
                route(
                        "GET",
                        "/standup/status",
                        "standupStatus",
                        "/standup status",
                        List.of(),
                        call -> standupReports.status()),
                route(
                        "GET",
                        "/standup/update",
                        "myStandupUpdate",
                        "/standup",
                        List.of(),
                        call -> new CurrentUpdate(
                                standupUpdates.today(),
                                standupUpdates.current(call.agent()).orElse(null))),
                route(
                        "POST",
                        "/standup/update",
                        "postStandupUpdate",
                        "/standup <update>",
                        List.of("security", "blockers", "today", "coordination"),
                        this::postUpdate),
                route("GET", "/incidents", "listIncidents", "/incident list", List.of(), this::listIncidents),
                route(
                        "POST",
                        "/incidents",
                        "raiseIncident",
                        "/incident raise",
                        List.of("title", "severity", "security", "description", "affects"),
                        this::raise),
                route(
                        "GET",
                        "/incidents/{id}",
                        "showIncident",
                        "/incident show",
                        List.of(),
                        call -> incidentQueries.show(call.agent(), call.pathNumber("id"))),
                route(
                        "GET",
                        "/incidents/{id}/report",
                        "incidentReport",
                        "/incident report",
                        List.of(),
                        call -> incidentQueries.report(call.agent(), call.pathNumber("id"))),
                route("POST", "/incidents/{id}/acts/{act}", "actOnIncident", null, List.of("text"), this::act),
                route(
                        "POST",
                        "/incidents/{id}/resolve",
                        "resolveIncident",
                        "/incident resolve",
                        List.of("resolution"),
                        this::resolve),
                route("GET", "/tasks", "listTasks", "/task list", List.of(), this::listTasks),
                route(
                        "GET",
                        "/tasks/{id}",
                        "showTask",
                        "/task show",
                        List.of(),
                        call -> plan.task(call.pathText("id"))),
                route(
                        "POST",
                        "/tasks/{id}/deliverables/{n}",
                        "checkDeliverable",
                        "/task deliverable",
                        List.of("checked"),
                        call -> tasks.checkDeliverable(
                                call.agent(),
                                call.pathText("id"),
                                (int) call.pathNumber("n"),
                                call.flag("checked", true))),
                route("GET", "/gates", "listGates", "/gate list", List.of(), call -> plan.gateProgress()),
                route(
                        "GET",
                        "/gates/{n}",
                        "showGate",
                        "/gate show",
                        List.of(),
                        call -> plan.gate((int) call.pathNumber("n"))),
                route(
                        "POST",
                        "/gates/{n}/criteria",
                        "checkCriterion",
                        null,
                        List.of("criterion", "met"),
                        this::checkCriterion),
                route(
                        "POST",
                        "/decisions",
                        "logDecision",
                        "/decision log",
                        List.of("text"),
                        call -> reviewLog.decide(call.agent(), call.text("text"))),
                route(
                        "POST",
                        "/metrics",
                        "recordMetric",
                        "/metric record",
                        List.of("name", "value", "unit", "direction"),
                        this::recordMetric),
                route("GET", "/phases", "listPhases", "/phase list", List.of(), call -> listPhases()),
                route(
                        "GET",
                        "/phases/{phase}/report",
                        "phaseReport",
                        "/phase report <phase>",
                        List.of(),
                        this::phaseReport),
                route(
                        "POST",
                        "/phases/current/close",
                        "closePhase",
                        "/phase close <reason>",
                        List.of("reason"),
                        call -> phaseReport(lifecycle
                                .close(call.agent(), call.optionalText("reason").orElse(null))
                                .report())));
    }

    /**
     * A route standing for {@code slash} ({@code "/task show"}; the command alone for its free
     * text): the row's access is asked before the endpoint runs. Null when the row depends on
     * the body and the endpoint asks itself.
     */
    private Route route(
            String method, String path, String operationId, String slash, List<String> body, Route.Endpoint endpoint) {
        if (slash == null) {
            return new Route(method, path, operationId, body, endpoint);
        }
        List<String> words = Arrays.asList(slash.split(" "));
        String command = words.get(0);
        List<String> sub =
                words.stream().skip(1).filter(w -> !w.startsWith("<")).toList();
        access.access(command, sub);
        return new Route(method, path, operationId, body, call -> {
            allowed(call, command, sub);
            return endpoint.serve(call);
        });
    }

    private void allowed(EndpointCall call, String command, List<String> words) {
        Map<String, Object> args = new java.util.HashMap<>(call.path());
        access.refusal(call.agent(), command, words, args).ifPresent(no -> {
            throw new ApiException(403, no, null);
        });
    }

    private Object postUpdate(EndpointCall call) {
        StandupUpdate update = new StandupUpdate(
                call.optionalText("security").orElse(""),
                call.optionalText("blockers").orElse(""),
                call.optionalText("today").orElse(""),
                call.optionalText("coordination").orElse(""));
        if (update.isEmpty()) {
            throw ApiException.badInput(
                    "today",
                    "Give at least one section: security, blockers, today or coordination. "
                            + "Each one given replaces that section of today's update; the others are kept.");
        }
        return standupUpdates.post(call.agent(), new UpdateParser.ParsedUpdate(update, false));
    }

    private Object raise(EndpointCall call) {
        String severity = call.optionalText("severity")
                .map(s -> s.toUpperCase(Locale.ROOT))
                .orElse(null);
        if (severity != null && !SEVERITIES.contains(severity)) {
            throw ApiException.badInput("severity", "severity must be one of " + String.join(", ", SEVERITIES));
        }
        String affects = call.optionalText("affects").orElse(null);
        if (affects != null) {
            affects = dev.phasebot.command.PlanRefs.parse(affects)
                    .orElseThrow(
                            () -> ApiException.badInput("affects", "affects must be a task (T1) or a gate (gate:1)"));
        }
        return incidents.raise(
                call.agent(),
                new RaiseRequest(
                        call.text("title"),
                        severity,
                        call.flag("security", false),
                        call.optionalText("description").orElse(null),
                        affects));
    }

    /** {@code POST /incidents/3/acts/assess}: the row of the act named in the path. */
    private Object act(EndpointCall call) {
        String word = call.pathText("act");
        Act act = Act.byCommand(word)
                .orElseThrow(() -> new ApiException(
                        404,
                        "no act '" + word + "'; acts: "
                                + String.join(
                                        ", ",
                                        Arrays.stream(Act.values())
                                                .map(Act::command)
                                                .toList()),
                        "act"));
        allowed(call, "/incident", List.of(act.command()));
        long id = call.pathNumber("id");
        // An act without its text is refused by the core, naming the field, as the slash command is.
        String text = call.optionalText("text").orElse("");
        return incidents.act(call.agent(), id, act, text);
    }

    private Object resolve(EndpointCall call) {
        return incidents.resolve(
                call.agent(),
                call.pathNumber("id"),
                call.optionalText("resolution").orElse(""));
    }

    /** {@code ?phase=1} (or its full name) is {@code /incident list phase 1}: every incident raised in that phase. */
    private Object listIncidents(EndpointCall call) {
        Optional<String> phase = call.queryText("phase");
        if (phase.isEmpty()) {
            return incidentQueries.list(call.agent());
        }
        return incidentQueries.raisedIn(call.agent(), phases.window(phase.get()));
    }

    private PhaseList listPhases() {
        List<Phase> all = lifecycle.list();
        return new PhaseList(all.stream()
                .map(p ->
                        PhaseEntry.of(p, p.position() == all.get(all.size() - 1).position()))
                .toList());
    }

    /** {@code /phases/2/report} or by its full name, URL-encoded; {@code current} for the phase running now. */
    private PhaseReport phaseReport(EndpointCall call) {
        String words = call.pathText("phase");
        return phaseReport(lifecycle.report(words.equalsIgnoreCase("current") ? null : words));
    }

    private PhaseReport phaseReport(HandoffReport report) {
        int position = lifecycle.list().stream()
                .filter(p -> p.name().equals(report.phase()))
                .mapToInt(Phase::position)
                .findFirst()
                .orElseThrow();
        return PhaseReport.of(report, position, reportDocs.upload(report));
    }

    private Object listTasks(EndpointCall call) {
        Optional<String> word = call.queryText("filter");
        TaskFilter filter = word.map(w -> TaskFilter.parse(w, call.agent(), config)
                        .orElseThrow(() -> ApiException.badInput(
                                "filter", "filter must be mine, an agent, blocked, overdue or a priority")))
                .orElse(TaskFilter.all());
        return plan.list(filter);
    }

    /** {@code met: false} is {@code /gate uncheck}: each asks its own row. */
    private Object checkCriterion(EndpointCall call) {
        boolean met = call.flag("met", true);
        allowed(call, "/gate", List.of(met ? "check" : "uncheck"));
        return gates.checkCriterion(call.agent(), (int) call.pathNumber("n"), call.text("criterion"), met);
    }

    private Object recordMetric(EndpointCall call) {
        String direction = call.optionalText("direction")
                .map(d -> d.toLowerCase(Locale.ROOT))
                .orElse(null);
        if (direction != null && !direction.equals("lower") && !direction.equals("higher")) {
            throw ApiException.badInput("direction", "direction must be lower or higher");
        }
        String unit = call.optionalText("unit").orElse(null);
        if (unit != null && unit.length() > 20) {
            throw ApiException.badInput("unit", "unit must be at most 20 characters");
        }
        return reviewLog.recordMetric(
                call.agent(),
                call.text("name"),
                call.number("value"),
                unit,
                direction == null ? null : direction.equals("lower"));
    }

    /** {@code /phase list}: every phase this install has run, in order. */
    record PhaseList(List<PhaseEntry> phases) {}

    /** A phase as {@code /phase list} shows it; {@code current} for the last begun (it may have been closed). */
    record PhaseEntry(
            String name,
            int position,
            LocalDate firstDay,
            Instant beganAt,
            Instant endedAt,
            String endedHow,
            String endedBy,
            String reason,
            boolean current) {

        static PhaseEntry of(Phase p, boolean current) {
            return new PhaseEntry(
                    p.name(),
                    p.position(),
                    p.firstDay(),
                    p.beganAt(),
                    p.endedAt(),
                    p.endedHow(),
                    p.endedBy(),
                    p.reason(),
                    current);
        }
    }

    /**
     * A phase's handoff report as an agent reads it: the headline counts {@code /phase report}
     * shows, and the whole report as the Markdown file the coordination channel gets. An ended
     * phase's is the one frozen when it ended; the current one's is as of {@code to}.
     */
    record PhaseReport(
            String phase,
            int position,
            LocalDate firstDay,
            Instant from,
            Instant to,
            boolean ended,
            String endedHow,
            String endedBy,
            String reason,
            Counts counts,
            String filename,
            String markdown) {

        static PhaseReport of(HandoffReport r, int position, dev.phasebot.message.Upload file) {
            HandoffReport.Ending e = r.ending();
            return new PhaseReport(
                    r.phase(),
                    position,
                    r.firstDay(),
                    r.from(),
                    r.to(),
                    r.ended(),
                    e == null ? null : e.how().name().toLowerCase(Locale.ROOT),
                    e == null ? null : e.by(),
                    e == null ? null : e.reason(),
                    Counts.of(r),
                    file.filename(),
                    file.markdown());
        }
    }

    /** The report's summary lines as numbers. */
    record Counts(
            long gatesPassed,
            long gates,
            long deliverablesDone,
            long deliverables,
            long successMetricsMet,
            long successMetrics,
            long risksOpen,
            long risks,
            long incidentsRaised,
            long incidentsOpen,
            Duration medianTimeToAct,
            long decisions,
            long standupsHeld,
            long handoffDone,
            long handoff) {

        static Counts of(HandoffReport r) {
            return new Counts(
                    r.gates().stream().filter(HandoffReport.Gate::passed).count(),
                    r.gates().size(),
                    r.tasks().stream().mapToLong(t -> t.delivered().size()).sum(),
                    r.tasks().stream().mapToLong(t -> t.deliverables().size()).sum(),
                    r.successMetrics().stream()
                            .mapToLong(HandoffReport.Group::met)
                            .sum(),
                    r.successMetrics().stream()
                            .mapToLong(HandoffReport.Group::total)
                            .sum(),
                    r.risks().stream().filter(HandoffReport.Risk::open).count(),
                    r.risks().size(),
                    r.incidents().raised(),
                    r.incidents().openAtEnd().size(),
                    r.incidents().medianTimeToAct(),
                    r.decisions().size(),
                    r.standups().held(),
                    r.handoff().stream().mapToLong(HandoffReport.Group::met).sum(),
                    r.handoff().stream().mapToLong(HandoffReport.Group::total).sum());
        }
    }

    /** The caller's own update for today; {@code update} is null when they have not posted. */
    record CurrentUpdate(java.time.LocalDate day, StandupUpdate update) {}
}
