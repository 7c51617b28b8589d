package dev.phasebot.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandReply;
import dev.phasebot.phase.NextUpView.When;
import dev.phasebot.plan.Gate;
import dev.phasebot.support.BotTest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /phase next} with the shipped plan (phase start Monday 18 August 2025, standups at
 * 09:00 on weekdays, the review on Fridays at 14:00, New York time) and a hand-moved clock.
 */
class NextUpTest extends BotTest {

    private static final String SEC = "python-ml-fintech-reviewer";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    NextUpTest() {
        super("2025-08-19T10:00");
    }

    @Test
    void whatIsNextListsTheStandupTheReviewEachCriticalDeadlineWithItsZoneAndTheGatesDueThisWeek() {
        incident("Pipeline outage affects T4");
        incident("HIGH Slow CI");
        incident("security Token in logs");

        assertEquals(
                String.join(
                        "\n",
                        "What is next",
                        "Tue 19 Aug 10:00 EDT",
                        "Standup:          Wed 20 Aug 09:00 EDT (in 23 h)",
                        "Technical review: Fri 22 Aug 14:00 EDT (in 3 d 4 h), led by senior-system-developer",
                        "",
                        "Incident deadlines",
                        "  • #1 CRITICAL · Pipeline outage — next: technical assessment due 10:30 EDT (in 30 min)",
                        "  • #3 CRITICAL security incident (details in the security channel) — next: technical assessment "
                                + "due 10:30 EDT (in 30 min)",
                        "",
                        "Gates due this week",
                        "  • Gate 1: Security Clearance (owner python-ml-fintech-reviewer): 0 of 4 criteria met, due 48-72 hours",
                        "  • Gate 2: Architecture Foundation (owner software-architect): 0 of 4 criteria met, due Week 1"),
                command("qa-engineer", "/phase", "next"));
    }

    @Test
    void aSecurityIncidentsTitleIsShownOnlyToMembersOfTheSecurityChannel() {
        incident("security Token in logs");
        assertEquals(
                List.of(
                        "#1 CRITICAL · security · Token in logs — next: technical assessment due 10:30 EDT (in 30 min)"),
                deadlines(SEC));
        assertFalse(deadlines("devops-engineer").get(0).contains("Token in logs"));
    }

    @Test
    void theNextDeadlineMovesOnAsMilestonesAreMetAndLeavesWhenNoClockRuns() {
        incident("Pipeline outage affects T4");
        clock.at("10:12");
        command("ml-engineer", "/incident", "assess 1 disk full");
        assertEquals(
                List.of("#1 CRITICAL · Pipeline outage — next: mitigation plan due 11:00 EDT (in 48 min)"),
                deadlines("qa-engineer"));

        command("ml-engineer", "/incident", "severity 1 HIGH");
        assertEquals(List.of(), deadlines("qa-engineer"));
        assertTrue(command("qa-engineer", "/phase", "next")
                .contains("\nIncident deadlines: none, no CRITICAL incident is open\n"));
    }

    @Test
    void resolvedAndCancelledIncidentsHaveNoNextDeadline() {
        incident("Pipeline outage affects T4");
        incident("Flaky login test");
        command("senior-system-developer", "/incident", "resolve 1 cleaned up");
        command("qa-engineer", "/incident", "cancel 2 raised by mistake");
        assertEquals(List.of(), deadlines("qa-engineer"));
    }

    @Test
    void onAStandupDayTheStandupIsTodayBeforeItOpensAndOpenUntilItsCloseWhileItRuns() {
        clock.setLocal("2025-08-20T08:00");
        assertEquals(
                When.todayAt(local("2025-08-20T09:00")), next("qa-engineer").standup());
        assertTrue(
                command("qa-engineer", "/phase", "next").contains("\nStandup:          today at 09:00 EDT (in 1 h)\n"));
        clock.at("09:05");
        assertEquals(
                When.nowUntil(local("2025-08-20T09:15")), next("qa-engineer").standup());
        assertTrue(
                command("qa-engineer", "/phase", "next").contains("\nStandup:          open now, until 09:15 EDT\n"));
        clock.at("09:15");
        assertEquals(When.at(local("2025-08-21T09:00")), next("qa-engineer").standup());
    }

    @Test
    void theReviewIsRunningUntilItsEndAndThenTheNextIsAWeekLater() {
        clock.setLocal("2025-08-22T14:30");
        assertEquals(
                When.nowUntil(local("2025-08-22T15:00")), next("qa-engineer").review());
        assertTrue(command("qa-engineer", "/phase", "next")
                .contains("\nTechnical review: running now, until 15:00 EDT\n"));
        clock.at("15:00");
        assertEquals(When.at(local("2025-08-29T14:00")), next("qa-engineer").review());
        assertEquals("senior-system-developer", next("qa-engineer").reviewLeader());
    }

    @Test
    void holidaysAreSkippedAndADayInAnotherYearCarriesTheYearAndTheZoneOfItsSeason() {
        clock.setLocal("2026-11-25T10:00"); // Thanksgiving, Thursday 26 November, is a holiday
        assertEquals(When.at(local("2026-11-27T09:00")), next("qa-engineer").standup());
        assertTrue(command("qa-engineer", "/phase", "next")
                .contains("\nStandup:          Fri 27 Nov 09:00 EST (in 47 h)\n"));
        clock.setLocal("2026-12-21T10:00"); // Friday 25 December is a holiday: no review that week
        assertEquals(When.at(local("2027-01-01T14:00")), next("qa-engineer").review());
        assertTrue(command("qa-engineer", "/phase", "next")
                .contains("Technical review: Fri 1 Jan 2027 14:00 EST (in 11 d 4 h)"));
    }

    @Test
    void aGateDueAtTheEndOfAWeekIsDueThatWeekAndNotTheNext() {
        assertEquals(List.of(1, 2), gatesDue(), "week 1 (Mon 18 to Sun 24 Aug)");
        clock.setLocal("2025-08-24T23:59");
        assertEquals(List.of(1, 2), gatesDue(), "still this week's, Gate 1 overdue and Gate 2 due as Sunday ends");
        clock.setLocal("2025-08-25T10:00");
        assertEquals(List.of(3, 4), gatesDue(), "week 2 (Mon 25 to Sun 31 Aug)");
    }

    @Test
    void aPassedGateIsNotDue() {
        for (int criterion = 1; criterion <= 4; criterion++) {
            command(SEC, "/gate", "check 1 " + criterion);
        }
        command(SEC, "/gate", "pass 1");
        assertEquals(List.of(2), gatesDue());
    }

    @Test
    void nextIsAlsoASubcommandOfPlan() {
        assertEquals(command("qa-engineer", "/phase", "next"), command("qa-engineer", "/plan", "next"));
    }

    private List<Integer> gatesDue() {
        return next("qa-engineer").gatesDue().stream().map(Gate::number).toList();
    }

    /** The incident deadline lines of {@code /phase next} as the reader sees them. */
    private List<String> deadlines(String agent) {
        NextUpView view = next(agent);
        return dev.phasebot.message.PlainText.withUserIds()
                .render(new NextUpDocs(NEW_YORK).doc(view))
                .lines()
                .filter(l -> l.startsWith("  • #"))
                .map(l -> l.substring("  • ".length()))
                .toList();
    }

    private NextUpView next(String agent) {
        return new NextUp(
                        bot.config(),
                        bot.standupCalendar(),
                        bot.standupSession(),
                        bot.planService(),
                        bot.incidentQueries(),
                        clock)
                .next(agent);
    }

    private static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant();
    }

    private void incident(String text) {
        command("qa-engineer", "/incident", text);
    }

    private String command(String agent, String command, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), command, text)).text();
    }
}
