package dev.phasebot.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.Phasebot;
import dev.phasebot.command.CommandException;
import dev.phasebot.incident.Act;
import dev.phasebot.incident.RaiseRequest;
import dev.phasebot.standup.StandupUpdate;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The weekly review from a seeded store, with the shipped plan and a hand-moved clock. */
class ReviewServiceTest extends BotTest {

    private static final String LEAD = "senior-system-developer";
    private static final String ARCHITECTURE = "channel:architecture";





    ReviewServiceTest() {
        super("2025-08-08T10:00");
    }

    @Test
    void theAgendaIsBuiltFromWhatTheTeamRecordedThisWeek() {
        bot.reviews().recordMetric(LEAD, "predict_p99_ms", 55, "ms", null);      // baseline, two weeks before
        clock.setLocal("2025-08-14T10:00");
        bot.reviews().recordMetric(LEAD, "predict_p99_ms", 40, "ms", null);      // last week's value
        bot.reviews().decide("software-architect", "Last week's decision");       // before the window
        clock.setLocal("2025-08-18T09:00");
        bot.standups().openScheduled();
        bot.standups().submit("python-ml-fintech-reviewer", new StandupUpdate("patch in review", "", "audit", ""));
        bot.standups().submit("ml-engineer", new StandupUpdate("", "waiting on software-architect", "features", ""));
        clock.setLocal("2025-08-18T11:00");
        bot.reviews().decide("software-architect", "Split Model into DataManager and FeatureManager (T3)");
        bot.reviews().recordMetric("ml-engineer", "predict_p99_ms", 44, "ms", null);   // worse than last week
        bot.reviews().recordMetric("qa-engineer", "coverage", 71, "%", null);
        bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", null, false, null, "T4"));
        clock.setLocal("2025-08-18T11:40");
        bot.incidents().act("ml-engineer", 1, Act.ASSESS, "disk full");
        bot.incidents().resolve(LEAD, 1, "cleaned");
        bot.incidents().raise("qa-engineer", new RaiseRequest("Secret key in logs", null, true, "hush", null));
        clock.setLocal("2025-08-19T09:00");
        bot.standups().openScheduled();
        bot.standups().submit("python-ml-fintech-reviewer", new StandupUpdate("audit half done", "", "audit", ""));
        clock.setLocal("2025-08-20T16:00");
        bot.reviews().addItem(LEAD, "Phase 3: streaming pipeline spike");

        clock.setLocal("2025-08-22T13:00");
        assertTrue(bot.reviews().postAgendaScheduled());
        worker.deliverDue();
        String agenda = slack.textsTo(ARCHITECTURE).get(0);

        assertTrue(agenda.startsWith(":clipboard: *Weekly technical review, Friday 22 August 2025, 14:00–15:00 EDT* · "
                + "led by senior-system-developer"), agenda);
        assertTrue(agenda.contains("• Mon 18 Aug, software-architect: Split Model into DataManager and FeatureManager (T3)"));
        assertFalse(agenda.contains("Last week's decision"));
        assertTrue(agenda.contains("• Gate 1: Security Clearance: 0/4 criteria met · owner python-ml-fintech-reviewer · due 48-72 hours"));
        assertTrue(agenda.contains("• *predict_p99_ms*: 44 ms (baseline 55 ms, -20.0% since baseline; +10.0% week over week) "
                + ":small_red_triangle: *regression*"), agenda);
        assertTrue(agenda.contains("• *coverage*: 71 % (baseline 71 %"), agenda);
        assertTrue(agenda.contains("• #1 CRITICAL Pipeline outage: assessed in 40 min, resolved in 40 min; missed: technical assessment by 10 min"),
                agenda);
        assertTrue(agenda.contains("• #2 CRITICAL security incident: still open; missed: technical assessment by 4 d,"), agenda);
        assertFalse(agenda.contains("Secret key") || agenda.contains("hush"), "security incidents by id only");
        assertTrue(agenda.contains("• python-ml-fintech-reviewer: 2/2"), agenda);
        assertTrue(agenda.contains("• ml-engineer: 1/2 · still blocked: waiting on software-architect"), agenda);
        assertTrue(agenda.contains("• qa-engineer: 0/2"), agenda);
        assertTrue(agenda.contains("*T1* Security Vulnerability Fix"), "overdue since hour 48");
        assertTrue(agenda.contains("• Phase 3: streaming pipeline spike (senior-system-developer)"));
        assertEquals(7, countHeadings(agenda));
        assertEquals(60, timeBoxTotal(agenda), "the time boxes fill the hour");
    }

    @Test
    void anEmptyWeekGivesAShortAgendaWithoutEmptySections() {
        clock.setLocal("2025-08-22T13:00");
        bot.reviews().postAgendaScheduled();
        worker.deliverDue();
        String agenda = slack.textsTo(ARCHITECTURE).get(0);
        assertEquals(2, countHeadings(agenda), agenda);
        assertTrue(agenda.contains("*1. Quality gate assessments* (40 min)"), agenda);
        assertTrue(agenda.contains("*2. Overdue tasks* (20 min)"), agenda);
        for (String absent : List.of("decisions", "metrics", "Incidents", "Standup", "Phase 3")) {
            assertFalse(agenda.contains(absent), absent);
        }
    }

    @Test
    void theReviewPostsItsAgendaOpensAndRecordsExactlyOnceAcrossARestart() {
        clock.setLocal("2025-08-22T12:59");
        assertFalse(bot.reviews().postAgendaScheduled(), "too early");
        clock.setLocal("2025-08-22T13:00");
        assertTrue(bot.reviews().postAgendaScheduled());
        assertFalse(bot.reviews().postAgendaScheduled());
        worker.deliverDue();
        restartAt("2025-08-22T13:40");
        bot.reviews().catchUp();
        clock.setLocal("2025-08-22T14:00");
        bot.timers().runDue();
        bot.reviews().note("qa-engineer", "Gate 2 slips a week");
        bot.reviews().note(LEAD, "action: qa-engineer add the fuzz job to CI");
        clock.setLocal("2025-08-22T15:00");
        bot.timers().runDue();
        bot.timers().runDue();
        worker.deliverDue();

        List<String> posts = slack.textsTo(ARCHITECTURE);
        assertEquals(3, posts.size(), "agenda, start, record: " + posts);
        assertTrue(posts.get(1).startsWith(":bell: *The weekly technical review starts now*, until 15:00 EDT"));
        String record = posts.get(2);
        assertTrue(record.startsWith(":memo: *Record of the weekly technical review, Friday 22 August 2025*"), record);
        assertTrue(record.contains("*Notes*\n• qa-engineer: Gate 2 slips a week"), record);
        assertTrue(record.contains("*Action items*\n• *T8* qa-engineer: add the fuzz job to CI"), record);
        assertEquals("qa-engineer", bot.plan().snapshot().tasks().stream().filter(t -> t.id().equals("T8"))
                .findFirst().orElseThrow().owner());
        CommandException closed = assertThrows(CommandException.class, () -> bot.reviews().note("qa-engineer", "late"));
        assertTrue(closed.getMessage().startsWith("No review is running now"));
    }

    @Test
    void holidaysAndOtherDaysHaveNoReview() {
        clock.setLocal("2025-08-21T13:00");   // a Thursday
        assertFalse(bot.reviews().postAgendaScheduled());
        clock.setLocal("2025-12-26T13:00");   // a Friday, but not one of the configured holidays: runs
        assertTrue(bot.reviews().postAgendaScheduled());
        bot.close();
        bot = new Phasebot(new dev.phasebot.config.ConfigLoader().parse("t.yml", Fixtures.shippedConfigText()
                .replace("holidays: [2025-09-01,", "holidays: [2026-01-02, 2025-09-01,")), dir.resolve("other.db"), clock, true);
        clock.setLocal("2026-01-02T13:00");
        assertFalse(bot.reviews().postAgendaScheduled(), "a holiday Friday skips the review");
    }

    @Test
    void theLeaderMayRunTheReviewOffScheduleAndItRunsAnHourFromThen() {
        clock.setLocal("2025-08-20T10:00");
        assertThrows(CommandException.class, () -> bot.reviews().openNow("qa-engineer"));
        assertEquals("The review is open until 11:00 EDT; the agenda is in #alphapy-architecture.", bot.reviews().openNow(LEAD));
        assertThrows(CommandException.class, () -> bot.reviews().openNow(LEAD));
        bot.reviews().note("qa-engineer", "moved to Wednesday this week");
        clock.setLocal("2025-08-20T11:00");
        bot.timers().runDue();
        worker.deliverDue();
        assertEquals(3, slack.textsTo(ARCHITECTURE).size());
        assertTrue(slack.textsTo(ARCHITECTURE).get(2).startsWith(":memo: *Record of the weekly technical review, "
                + "Wednesday 20 August 2025*"));
        clock.setLocal("2025-08-22T13:00");
        assertFalse(bot.reviews().postAgendaScheduled(), "this week's review already ran");
    }

    @Test
    void metricsKeepTheirBaselineUnitAndDirection() {
        bot.reviews().recordMetric(LEAD, "throughput", 1000, "req/s", null);
        assertEquals("throughput is measured in req/s, not ms.",
                assertThrows(CommandException.class, () -> bot.reviews().recordMetric(LEAD, "throughput", 1, "ms", null)).getMessage());
        clock.setLocal("2025-08-16T10:00");
        bot.reviews().recordMetric(LEAD, "throughput", 900, null, null);
        assertTrue(bot.reviews().metrics().contains("• *throughput*: 900 req/s (baseline 1000 req/s, -10.0% since baseline; "
                + "-10.0% week over week) :small_red_triangle: *regression*"), bot.reviews().metrics());
    }

    private static int countHeadings(String agenda) {
        Matcher m = Pattern.compile("(?m)^\\*\\d\\. ").matcher(agenda);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static int timeBoxTotal(String agenda) {
        Matcher m = Pattern.compile("(?m)^\\*\\d\\. .*\\* \\((\\d+) min\\)$").matcher(agenda);
        int total = 0;
        while (m.find()) {
            total += Integer.parseInt(m.group(1));
        }
        return total;
    }
}
