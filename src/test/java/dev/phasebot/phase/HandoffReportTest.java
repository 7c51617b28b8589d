package dev.phasebot.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.Phasebot;
import dev.phasebot.config.Agent;
import dev.phasebot.incident.Act;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.message.PlainText;
import dev.phasebot.message.Upload;
import dev.phasebot.phase.HandoffReport.Ending;
import dev.phasebot.phase.HandoffReport.Gate;
import dev.phasebot.phase.HandoffReport.Group;
import dev.phasebot.phase.HandoffReport.Incident;
import dev.phasebot.phase.HandoffReport.Item;
import dev.phasebot.phase.HandoffReport.Metric;
import dev.phasebot.phase.HandoffReport.Missed;
import dev.phasebot.phase.HandoffReport.Participant;
import dev.phasebot.phase.HandoffReport.Risk;
import dev.phasebot.phase.HandoffReport.Task;
import dev.phasebot.standup.StandupUpdate;
import dev.phasebot.store.Database;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A phase run on the shipped plan (standups, incidents, a decision, metrics, a gate passed, a
 * deliverable and checklists ticked, a risk closed), its handoff report built from the store over
 * Tue 26 Aug 09:00 to Wed 27 Aug 12:00, with things recorded before and after that window.
 */
class HandoffReportTest extends BotTest {

    private static final String LEAD = "senior-system-developer";
    private static final String SEC = "python-ml-fintech-reviewer";
    private static final String ARCHITECT = "software-architect";
    private static final String QA = "qa-engineer";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String TITLE = "Pipeline | outage *now*";

    private Instant from;
    private Instant to;

    HandoffReportTest() {
        super("2025-08-25T09:00");
    }

    /** Another store for the same scenarios (PostgreSQL); null for the SQLite file. */
    protected Database otherStore() {
        return null;
    }

    @BeforeEach
    void onTheStore() {
        Database other = otherStore();
        if (other != null) {
            bot.close();
            bot = new Phasebot(Fixtures.shippedConfig(), other, clock, true);
            worker = Fixtures.worker(bot, slack, clock);
        }
    }

    @Test
    void theReportHoldsTheLivePlansGatesDeliverablesChecklistsAndRisksAsTheStoreHasThem() {
        HandoffReport report = runPhase();

        assertEquals("Phase 2", report.phase());
        assertEquals(LocalDate.of(2025, 8, 25), report.firstDay());
        assertEquals(Ending.closed(LEAD, "gates 2-4 move to phase 3", to), report.ending());

        Gate security = report.gates().get(0);
        assertTrue(security.passed());
        assertEquals(SEC, security.passedBy());
        assertEquals(4, security.met());
        Gate architecture = report.gates().get(1);
        assertFalse(architecture.passed());
        assertEquals(1, architecture.met());
        Item contracts = architecture.criteria().get(2);
        assertEquals("Interface contracts defined", contracts.text());
        assertEquals(ARCHITECT, contracts.doneBy());
        assertEquals(local("2025-08-26T11:00"), contracts.doneAt());

        Task audit = report.tasks().get(1);
        assertEquals("T2", audit.id());
        assertEquals("todo", audit.status());
        assertEquals(SEC, audit.owner());
        assertEquals(List.of("Security audit report (48h)"), texts(audit.delivered()));
        assertEquals(
                List.of("Secure transform framework (72h)", "Security compliance documentation"),
                texts(audit.missing()));
        assertEquals(
                List.of("T1", "T2", "T3", "T4", "T5", "T6"),
                report.tasks().stream().map(Task::id).toList(),
                "T7, archived (dropped from the config), is not the phase's");

        assertEquals(
                List.of("Architecture", "Performance", "Quality", "Security"),
                report.successMetrics().stream().map(Group::name).toList());
        Group securityMetrics = report.successMetrics().get(3);
        assertEquals(1, securityMetrics.met());
        assertEquals(4, securityMetrics.total());
        assertEquals(SEC, securityMetrics.items().get(0).doneBy());
        Group documentation = report.handoff().get(0);
        assertEquals("Documentation", documentation.name());
        assertEquals(1, documentation.met());

        assertEquals(
                List.of("R1", "R2", "R3"), report.risks().stream().map(Risk::id).toList());
        Risk performance = report.risks().get(2);
        assertEquals("Performance impact", performance.risk());
        assertEquals("Performance testing after each security change", performance.mitigation());
        assertEquals(LEAD, performance.owner());
        assertFalse(performance.open());
        assertEquals("no regression in two weeks of benchmarks", performance.closedWhy());
        assertTrue(report.risks().get(0).open());
    }

    @Test
    void incidentsCountThoseRaisedInTheWindowTheirTimeToActAndThoseStillOpenAtItsEnd() {
        HandoffReport.Incidents incidents = runPhase().incidents();

        assertEquals(2, incidents.raised(), "the one raised before the window and the one after are not counted");
        assertEquals(Duration.ofMinutes(21), incidents.medianTimeToAct(), "12 and 30 minutes");
        assertEquals(
                List.of(1L, 2L, 3L), incidents.list().stream().map(Incident::id).toList());

        Incident carried = incidents.list().get(0);
        assertTrue(carried.raisedBefore());
        assertTrue(carried.openAtEnd());
        assertNull(carried.timeToAct(), "acknowledged only after the window ended");

        Incident outage = incidents.list().get(1);
        assertEquals(TITLE, outage.title());
        assertEquals("CRITICAL", outage.severity());
        assertEquals(Duration.ofMinutes(12), outage.timeToAct());
        assertFalse(outage.openAtEnd());
        assertEquals(local("2025-08-26T11:00"), outage.closedAt());
        assertEquals(List.of(new Missed("technical assessment", Duration.ofMinutes(10), true)), outage.missed());

        Incident disk = incidents.list().get(2);
        assertEquals(Duration.ofMinutes(30), disk.timeToAct());
        assertTrue(disk.openAtEnd());
        assertEquals(
                List.of(1L, 3L),
                incidents.openAtEnd().stream().map(Incident::id).toList());
    }

    @Test
    void decisionsMetricsAndStandupsOutsideTheWindowAreNotCounted() {
        HandoffReport report = runPhase();

        assertEquals(
                List.of("Split Model into DataManager and FeatureManager (T3)"),
                report.decisions().stream().map(HandoffReport.Decision::text).toList());
        assertEquals(ARCHITECT, report.decisions().get(0).agent());

        assertEquals(
                List.of("predict_p99_ms"),
                report.metrics().stream().map(Metric::name).toList(),
                "coverage was first recorded after the window");
        Metric p99 = report.metrics().get(0);
        assertEquals(50, p99.baseline());
        assertEquals(40, p99.latest(), "the 60 recorded after the window is not the phase's");
        assertEquals(-20.0, p99.changePercent(), 1e-9);
        assertTrue(p99.lowerIsBetter());
        assertEquals(Metric.Trend.BETTER, p99.trend());

        assertEquals(2, report.standups().held(), "Tuesday's and Wednesday's; Monday's and Thursday's are outside");
        assertEquals(
                List.of(
                        new Participant(SEC, 2),
                        new Participant(ARCHITECT, 0),
                        new Participant("ml-engineer", 0),
                        new Participant(QA, 1),
                        new Participant(LEAD, 0),
                        new Participant("devops-engineer", 0)),
                report.standups().agents());
    }

    @Test
    void theReportReadBackFromItsJsonEqualsTheOneWritten() {
        HandoffReport report = runPhase();
        String json = report.toJson();

        assertEquals(report, HandoffReport.fromJson(json));
        assertTrue(json.contains("\"to\":\"2025-08-27T16:00:00Z\""), json);
        HandoffReport open = new HandoffReport(
                report.phase(),
                report.firstDay(),
                from,
                to,
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null,
                List.of(),
                List.of(),
                null,
                List.of());
        assertEquals(open, HandoffReport.fromJson(open.toJson()));
        assertFalse(HandoffReport.fromJson(open.toJson()).ended());
    }

    @Test
    void theMarkdownFileHasEverySectionAndEscapesWhatPeopleTyped() {
        HandoffReportDocs docs = new HandoffReportDocs(NEW_YORK);
        Upload file = docs.upload(runPhase());

        assertEquals("handoff-phase-2.md", file.filename());
        assertEquals("Handoff report: Phase 2", file.title());
        String md = file.markdown();
        for (String section : List.of(
                "# Handoff report: Phase 2",
                "## Summary",
                "## Quality gates",
                "## Tasks and deliverables",
                "## Success metrics",
                "## Risks",
                "## Incidents",
                "## Decisions",
                "## Metrics against baseline",
                "## Standup participation",
                "## Handoff checklist")) {
            assertTrue(md.contains("\n" + section + "\n") || md.startsWith(section + "\n"), section + " in\n" + md);
        }
        assertTrue(md.contains("- To: 2025-08-27 12:00 EDT"), md);
        assertTrue(md.contains("- Status: closed by senior-system-developer: gates 2-4 move to phase 3"), md);
        assertTrue(md.contains("| #2 Pipeline \\| outage \\*now\\* | CRITICAL | 2025-08-26 10:00 EDT | 12 min |"), md);
        assertFalse(md.contains(TITLE), "the raw title would split the table row");
        assertTrue(md.contains("### Gate 1: Security Clearance — passed"), md);
        assertTrue(md.contains("- [x] Interface contracts defined (software-architect, 2025-08-26 11:00 EDT)"), md);
        assertTrue(
                md.contains(
                        "| T2 | Security Audit & Compliance | python-ml-fintech-reviewer | not started | "
                                + "Security audit report (48h) | Secure transform framework (72h); Security compliance documentation |"),
                md);
        assertTrue(md.contains("| predict\\_p99\\_ms | 50 ms | 40 ms | -20.0% | better (lower is better) |"), md);
        assertTrue(md.contains("| python-ml-fintech-reviewer | 2 of 2 |"), md);
        assertTrue(md.contains("technical assessment by 10 min"), md);
    }

    @Test
    void theSummaryGivesTheCountsAndWhatIsNotDone() {
        String text = PlainText.withUserIds().render(new HandoffReportDocs(NEW_YORK).doc(runPhase()));

        assertTrue(text.contains("Handoff report: Phase 2"), text);
        assertTrue(
                text.contains(
                        "First day Mon 25 Aug 2025 · to Wed 27 Aug 12:00 EDT · closed by senior-system-developer"),
                text);
        assertTrue(text.contains("Gates 1/4 passed"), text);
        assertTrue(text.contains("Deliverables 1/"), text);
        assertTrue(text.contains("Success metrics 1/16 met"), text);
        assertTrue(text.contains("Risks 2 open of 3"), text);
        assertTrue(
                text.contains("Incidents 2 raised, median time to act 21 min, 2 open at the end, 1 carried over"),
                text);
        assertTrue(text.contains("Gates not passed (3)"), text);
        assertTrue(text.contains("Gate 2: Architecture Foundation · 1/4 criteria met · software-architect"), text);
        assertTrue(
                text.contains("T2 Secure transform framework (72h) · python-ml-fintech-reviewer · not started"), text);
        assertTrue(text.contains("more in the report file"), "long lists are cut for a channel");
        assertTrue(text.contains("Open risks (2)"), text);
        assertTrue(text.contains("Open incidents (2)"), text);
        assertTrue(text.contains("#1 HIGH Old outage (carried over)"), text);
    }

    /**
     * Runs the scenario and builds the report of [Tue 26 Aug 09:00, Wed 27 Aug 12:00), closed by
     * the lead at its end.
     */
    private HandoffReport runPhase() {
        // before the window: a standup update, a decision, the metric's baseline, an incident left open
        bot.standupSession().openScheduled();
        clock.at("09:05");
        bot.standupUpdates().submit(QA, new StandupUpdate("", "", "fuzz the loader", ""));
        clock.at("10:00");
        bot.reviewLog().decide(ARCHITECT, "Decided before the phase");
        bot.reviewLog().recordMetric(LEAD, "predict_p99_ms", 50, "ms", null);
        bot.incidents().raise(QA, new RaiseRequest("Old outage", "HIGH", false, "flaky", null));
        bot.database().run(tx -> tx.update("UPDATE task SET archived_at = ? WHERE id = 'T7'", clock.millis()));

        clock.setLocal("2025-08-26T09:00");
        from = clock.instant();
        bot.standupSession().openScheduled();
        clock.at("09:05");
        bot.standupUpdates().submit(SEC, new StandupUpdate("patch in review", "", "audit", ""));
        bot.standupUpdates().submit(QA, new StandupUpdate("", "", "harness", ""));
        clock.at("10:00");
        bot.incidents().raise(QA, new RaiseRequest(TITLE, "CRITICAL", false, "down", "T4"));
        clock.at("10:12");
        bot.incidents().act(LEAD, 2, Act.ACKNOWLEDGE, null);
        clock.at("10:40");
        bot.incidents().act(LEAD, 2, Act.ASSESS, "disk full");
        clock.at("11:00");
        bot.incidents().resolve(LEAD, 2, "cleaned");
        bot.reviewLog().decide(ARCHITECT, "Split Model into DataManager and FeatureManager (T3)");
        bot.reviewLog().recordMetric("ml-engineer", "predict_p99_ms", 40, "ms", null);
        for (int i = 1; i <= 4; i++) {
            bot.gateChanges().checkCriterion(SEC, 1, Integer.toString(i), true);
        }
        bot.gateChanges().pass(SEC, 1);
        bot.gateChanges().checkCriterion(ARCHITECT, 2, "3", true);
        bot.taskChanges().checkDeliverable(SEC, "T2", 1, true);
        bot.planOutlook().check(SEC, PlanOutlook.Checklist.SUCCESS_METRICS, "security", "1", true);
        bot.planOutlook().check(ARCHITECT, PlanOutlook.Checklist.HANDOFF, "documentation", "1", true);
        bot.planOutlook().close(LEAD, "R3", "no regression in two weeks of benchmarks");
        clock.at("13:00");
        bot.incidents().raise(QA, new RaiseRequest("Disk filling", "HIGH", false, "slowly", null));
        clock.at("13:30");
        bot.incidents().act(LEAD, 3, Act.ACKNOWLEDGE, null);
        clock.setLocal("2025-08-27T09:00");
        bot.standupSession().openScheduled();
        clock.at("09:05");
        bot.standupUpdates().submit(SEC, new StandupUpdate("audit half done", "", "audit", ""));

        clock.at("12:00");
        to = clock.instant();
        // after the window: none of this is the phase's
        clock.at("13:00");
        bot.incidents().act(LEAD, 1, Act.ACKNOWLEDGE, null);
        bot.standupUpdates().submit("ml-engineer", new StandupUpdate("", "", "late for Wednesday", ""));
        bot.reviewLog().decide(ARCHITECT, "Decided after the phase");
        bot.reviewLog().recordMetric(LEAD, "predict_p99_ms", 60, "ms", null);
        bot.reviewLog().recordMetric(QA, "coverage", 71, "%", null);
        bot.incidents().raise(QA, new RaiseRequest("Later outage", "HIGH", false, "later", null));
        clock.setLocal("2025-08-28T09:00");
        bot.standupSession().openScheduled();
        clock.at("09:05");
        bot.standupUpdates().submit(QA, new StandupUpdate("", "", "more", ""));

        List<String> roster = bot.config().agents().stream().map(Agent::id).toList();
        return bot.database()
                .read(tx -> new HandoffReports(roster)
                        .build(
                                tx,
                                "Phase 2",
                                LocalDate.of(2025, 8, 25),
                                from,
                                to,
                                Ending.closed(LEAD, "gates 2-4 move to phase 3", to)));
    }

    private static Instant local(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant();
    }

    private static List<String> texts(List<Item> items) {
        return items.stream().map(Item::text).toList();
    }
}
