package dev.phasebot.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.incident.Act;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.message.Line;
import dev.phasebot.message.PlainText;
import dev.phasebot.message.Refusal;
import dev.phasebot.review.ReviewLog.Decision;
import dev.phasebot.review.ReviewLog.Topic;
import dev.phasebot.review.ReviewResult.DecisionLogged;
import dev.phasebot.review.ReviewResult.MetricRecorded;
import dev.phasebot.review.ReviewResult.NoteTaken;
import dev.phasebot.review.ReviewResult.ReviewOpened;
import dev.phasebot.standup.StandupUpdate;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The weekly review from a seeded store, with the shipped plan and a hand-moved clock. */
class WeeklyReviewTest extends BotTest {

    private static final String LEAD = "senior-system-developer";
    private static final String ARCHITECTURE = "channel:architecture";

    WeeklyReviewTest() {
        super("2025-08-08T10:00");
    }

    @Test
    void theAgendaIsBuiltFromWhatTheTeamRecordedThisWeek() {
        bot.reviewLog().recordMetric(LEAD, "predict_p99_ms", 55, "ms", null); // baseline, two weeks before
        clock.setLocal("2025-08-14T10:00");
        bot.reviewLog().recordMetric(LEAD, "predict_p99_ms", 40, "ms", null); // last week's value
        bot.reviewLog().decide("software-architect", "Last week's decision"); // before the window
        clock.setLocal("2025-08-18T09:00");
        bot.standupSession().openScheduled();
        bot.standupUpdates()
                .submit("python-ml-fintech-reviewer", new StandupUpdate("patch in review", "", "audit", ""));
        bot.standupUpdates()
                .submit("ml-engineer", new StandupUpdate("", "waiting on software-architect", "features", ""));
        clock.at("11:00");
        bot.reviewLog().decide("software-architect", "Split Model into DataManager and FeatureManager (T3)");
        bot.reviewLog().recordMetric("ml-engineer", "predict_p99_ms", 44, "ms", null); // worse than last week
        bot.reviewLog().recordMetric("qa-engineer", "coverage", 71, "%", null);
        bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", null, false, null, "T4"));
        clock.at("11:40");
        bot.incidents().act("ml-engineer", 1, Act.ASSESS, "disk full");
        bot.incidents().resolve(LEAD, 1, "cleaned");
        bot.incidents().raise("qa-engineer", new RaiseRequest("Secret key in logs", null, true, "hush", null));
        clock.setLocal("2025-08-19T09:00");
        bot.standupSession().openScheduled();
        bot.standupUpdates()
                .submit("python-ml-fintech-reviewer", new StandupUpdate("audit half done", "", "audit", ""));
        clock.setLocal("2025-08-20T16:00");
        bot.reviewLog().addTopic(LEAD, "Phase 3: streaming pipeline spike");

        clock.setLocal("2025-08-22T13:00");
        Agenda agenda = bot.reviewSession().preview();

        assertEquals(Instant.parse("2025-08-22T18:00:00Z"), agenda.startsAt());
        assertEquals(LEAD, agenda.leader());
        assertEquals(
                List.of(
                        "Architectural decisions review: decisions logged this week",
                        "Quality gate assessments",
                        "Performance metrics review",
                        "Incidents of the week",
                        "Standup participation and open blockers",
                        "Overdue tasks",
                        "Success metrics not met yet",
                        "Open risks",
                        "Phase 3 planning updates"),
                agenda.sections().stream().map(Agenda.Section::heading).toList());
        assertEquals(
                60,
                agenda.sections().stream().mapToLong(Agenda.Section::minutes).sum(),
                "the time boxes fill the hour");

        Agenda.Decisions decisions = (Agenda.Decisions) agenda.sections().get(0);
        assertEquals(
                List.of("Split Model into DataManager and FeatureManager (T3)"),
                decisions.decisions().stream().map(Decision::text).toList(),
                "last week's decision is left out");
        assertEquals("T3", decisions.decisions().get(0).link());

        Agenda.Metrics metrics = (Agenda.Metrics) agenda.sections().get(2);
        MetricReading p99 = metrics.readings().get(1);
        assertEquals("predict_p99_ms", p99.metric().name());
        assertEquals(44, p99.latest());
        assertEquals(40, p99.weekAgo());
        assertTrue(p99.isRegression(), "lower is better for milliseconds");
        assertEquals(-20.0, p99.sinceBaseline().getAsDouble(), 1e-9);
        assertEquals(10.0, p99.weekChange().getAsDouble(), 1e-9);
        MetricReading coverage = metrics.readings().get(0);
        assertEquals(71, coverage.metric().baseline());
        assertFalse(coverage.isRegression());

        assertEquals(
                "Gate 1: Security Clearance: 0/4 criteria met · owner python-ml-fintech-reviewer · due 48-72 hours",
                plain(agenda.reported(Agenda.Source.GATES)).get(0));
        List<String> incidents = plain(agenda.reported(Agenda.Source.INCIDENTS));
        assertEquals(
                "#1 CRITICAL Pipeline outage: assessed in 40 min, resolved in 40 min; missed: technical assessment by 10 min",
                incidents.get(0));
        assertTrue(
                incidents
                        .get(1)
                        .startsWith("#2 CRITICAL security incident: still open; missed: technical assessment by 4 d,"),
                incidents.get(1));
        List<String> standups = plain(agenda.reported(Agenda.Source.STANDUPS));
        assertTrue(standups.contains("python-ml-fintech-reviewer: 2/2"), standups.toString());
        assertTrue(
                standups.contains("ml-engineer: 1/2 · still blocked: waiting on software-architect"),
                standups.toString());
        assertTrue(standups.contains("qa-engineer: 0/2"), standups.toString());
        assertTrue(
                plain(agenda.reported(Agenda.Source.OVERDUE)).get(0).startsWith("T1 Security Vulnerability Fix"),
                "overdue since hour 48");
        Agenda.Topics topics = (Agenda.Topics) agenda.sections().get(8);
        assertEquals(
                List.of(new Topic(Instant.parse("2025-08-20T20:00:00Z"), LEAD, "Phase 3: streaming pipeline spike")),
                topics.topics());

        assertTrue(bot.reviewSession().postAgendaScheduled());
        worker.deliverDue();
        String posted = slack.textsTo(ARCHITECTURE).get(0);
        assertFalse(posted.contains("Secret key") || posted.contains("hush"), "security incidents by id only");
    }

    @Test
    void anEmptyWeekGivesAShortAgendaWithoutEmptySections() {
        clock.setLocal("2025-08-22T13:00");
        Agenda agenda = bot.reviewSession().preview();

        assertEquals(
                List.of("Quality gate assessments", "Overdue tasks", "Success metrics not met yet", "Open risks"),
                agenda.sections().stream().map(Agenda.Section::heading).toList());
        assertEquals(
                List.of(24L, 12L, 12L, 12L),
                agenda.sections().stream().map(Agenda.Section::minutes).toList());
    }

    @Test
    void theReviewPostsItsAgendaOpensAndRecordsExactlyOnceAcrossARestart() {
        clock.setLocal("2025-08-22T12:59");
        assertFalse(bot.reviewSession().postAgendaScheduled(), "too early");
        clock.at("13:00");
        assertTrue(bot.reviewSession().postAgendaScheduled());
        assertFalse(bot.reviewSession().postAgendaScheduled());
        worker.deliverDue();
        restartAt("13:40");
        bot.reviewSession().catchUp();
        clock.at("14:00");
        bot.timers().runDue();
        assertNull(
                bot.reviewSession().note("qa-engineer", "Gate 2 slips a week").actionOwner());
        assertEquals(
                new NoteTaken("qa-engineer"),
                bot.reviewSession().note(LEAD, "action: qa-engineer add the fuzz job to CI"));
        clock.at("15:00");
        bot.timers().runDue();
        bot.timers().runDue();
        worker.deliverDue();

        List<String> posts = slack.textsTo(ARCHITECTURE);
        assertEquals(3, posts.size(), "agenda, start, record: " + posts);
        assertTrue(posts.get(1).startsWith("The weekly technical review starts now, until 15:00 EDT"), posts.get(1));
        String record = posts.get(2);
        assertTrue(
                record.startsWith("Record of the weekly technical review, Friday 22 August 2025\n"
                        + "Weekly technical review, Friday 22 August 2025, 14:00–15:00 EDT"),
                record);
        assertTrue(record.contains("Notes\n  • qa-engineer: Gate 2 slips a week\n"), record);
        assertTrue(record.endsWith("Action items\n  • T8 qa-engineer: add the fuzz job to CI"), record);
        assertEquals(
                "qa-engineer",
                bot.planService().snapshot().tasks().stream()
                        .filter(t -> t.id().equals("T8"))
                        .findFirst()
                        .orElseThrow()
                        .owner());
        Refusal closed = assertThrows(Refusal.class, () -> bot.reviewSession().note("qa-engineer", "late"));
        assertTrue(closed.getMessage().startsWith("No review is running now"), closed.getMessage());
    }

    @Test
    void holidaysAndOtherDaysHaveNoReview() {
        clock.setLocal("2025-08-21T13:00"); // a Thursday
        assertFalse(bot.reviewSession().postAgendaScheduled());
        clock.setLocal("2025-12-26T13:00"); // a Friday, but not one of the configured holidays: runs
        assertTrue(bot.reviewSession().postAgendaScheduled());
        startOnPlan(
                Fixtures.shippedConfigText().replace("holidays: [2025-09-01,", "holidays: [2026-01-02, 2025-09-01,"),
                "other.db");
        clock.setLocal("2026-01-02T13:00");
        assertFalse(bot.reviewSession().postAgendaScheduled(), "a holiday Friday skips the review");
    }

    @Test
    void theLeaderMayRunTheReviewOffScheduleAndItRunsAnHourFromThen() {
        clock.setLocal("2025-08-20T10:00");
        assertThrows(Refusal.class, () -> bot.reviewSession().openNow("qa-engineer"));
        assertEquals(
                new ReviewOpened("2025-08-22", Instant.parse("2025-08-20T15:00:00Z"), "#alphapy-architecture"),
                bot.reviewSession().openNow(LEAD));
        assertThrows(Refusal.class, () -> bot.reviewSession().openNow(LEAD));
        bot.reviewSession().note("qa-engineer", "moved to Wednesday this week");
        at("11:00");
        assertEquals(3, slack.textsTo(ARCHITECTURE).size());
        assertTrue(slack.textsTo(ARCHITECTURE)
                .get(2)
                .startsWith("Record of the weekly technical review, " + "Wednesday 20 August 2025"));
        clock.setLocal("2025-08-22T13:00");
        assertFalse(bot.reviewSession().postAgendaScheduled(), "this week's review already ran");
    }

    @Test
    void metricsKeepTheirBaselineUnitAndDirection() {
        assertEquals(
                new MetricRecorded("throughput", 1000, "req/s", false, true),
                bot.reviewLog().recordMetric(LEAD, "throughput", 1000, "req/s", null));
        Refusal wrongUnit =
                assertThrows(Refusal.class, () -> bot.reviewLog().recordMetric(LEAD, "throughput", 1, "ms", null));
        assertEquals("unit", wrongUnit.field());
        assertEquals("throughput is measured in req/s, not ms.", wrongUnit.getMessage());
        clock.setLocal("2025-08-16T10:00");
        assertEquals(
                new MetricRecorded("throughput", 900, "req/s", false, false),
                bot.reviewLog().recordMetric(LEAD, "throughput", 900, null, null));

        MetricReading reading = bot.reviewLog().metrics().get(0);
        assertEquals(900, reading.latest());
        assertEquals(1000, reading.weekAgo());
        assertEquals(-10.0, reading.weekChange().getAsDouble(), 1e-9);
        assertTrue(reading.isRegression(), "higher is better for req/s");
    }

    @Test
    void aDecisionNamingAGateIsLinkedToIt() {
        DecisionLogged logged = bot.reviewLog().decide(LEAD, "Interfaces frozen for gate:2");
        assertEquals("gate:2", logged.link());
        assertEquals(
                "decision",
                assertThrows(Refusal.class, () -> bot.reviewLog().decide(LEAD, " "))
                        .field());
    }

    private static List<String> plain(List<Line> lines) {
        return lines.stream().map(PlainText.withUserIds()::render).toList();
    }
}
