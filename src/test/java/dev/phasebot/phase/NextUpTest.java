package dev.phasebot.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandReply;
import dev.phasebot.support.BotTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /phase next} with the shipped plan (phase start Monday 18 August 2025, standups at
 * 09:00 on weekdays, the review on Fridays at 14:00, New York time) and a hand-moved clock.
 */
class NextUpTest extends BotTest {

    private static final String SEC = "python-ml-fintech-reviewer";

    NextUpTest() {
        super("2025-08-19T10:00");
    }

    @Test
    void whatIsNextListsTheStandupTheReviewEachCriticalDeadlineWithItsZoneAndTheGatesDueThisWeek() {
        incident("Pipeline outage affects T4");
        incident("HIGH Slow CI");
        incident("security Token in logs");

        assertEquals(String.join("\n",
                "*What is next* (Tue 19 Aug 10:00 EDT)",
                "• Standup: Wed 20 Aug 09:00 EDT (in 23 h)",
                "• Technical review: Fri 22 Aug 14:00 EDT (in 3 d 4 h), led by senior-system-developer",
                "• Incident deadlines: ",
                "    ◦ #1 CRITICAL · Pipeline outage — next: technical assessment due 10:30 EDT (in 30 min)",
                "    ◦ #3 CRITICAL security incident (details in the security channel) — next: technical assessment "
                        + "due 10:30 EDT (in 30 min)",
                "• Gates due this week: ",
                "    ◦ Gate 1: Security Clearance (owner python-ml-fintech-reviewer): 0 of 4 criteria met, due 48-72 hours",
                "    ◦ Gate 2: Architecture Foundation (owner software-architect): 0 of 4 criteria met, due Week 1"),
                next("qa-engineer"));
    }

    @Test
    void aSecurityIncidentsTitleIsShownOnlyToMembersOfTheSecurityChannel() {
        incident("security Token in logs");
        assertTrue(next(SEC).contains("    ◦ #1 CRITICAL · security · Token in logs — next: technical assessment due 10:30 EDT"),
                next(SEC));
        assertFalse(next("devops-engineer").contains("Token in logs"));
    }

    @Test
    void theNextDeadlineMovesOnAsMilestonesAreMetAndLeavesWhenNoClockRuns() {
        incident("Pipeline outage affects T4");
        clock.setLocal("2025-08-19T10:12");
        command("ml-engineer", "/incident", "assess 1 disk full");
        assertTrue(next("qa-engineer").contains("    ◦ #1 CRITICAL · Pipeline outage — next: mitigation plan due 11:00 EDT "
                + "(in 48 min)"), next("qa-engineer"));

        command("ml-engineer", "/incident", "severity 1 HIGH");
        assertTrue(next("qa-engineer").contains("• Incident deadlines: none, no CRITICAL incident is open"),
                next("qa-engineer"));
    }

    @Test
    void resolvedAndCancelledIncidentsHaveNoNextDeadline() {
        incident("Pipeline outage affects T4");
        incident("Flaky login test");
        command("senior-system-developer", "/incident", "resolve 1 cleaned up");
        command("qa-engineer", "/incident", "cancel 2 raised by mistake");
        assertTrue(next("qa-engineer").contains("• Incident deadlines: none, no CRITICAL incident is open"),
                next("qa-engineer"));
    }

    @Test
    void onAStandupDayTheStandupIsTodayBeforeItOpensAndOpenUntilItsCloseWhileItRuns() {
        clock.setLocal("2025-08-20T08:00");
        assertTrue(next("qa-engineer").contains("• Standup: today at 09:00 EDT (in 1 h)\n"), next("qa-engineer"));
        clock.setLocal("2025-08-20T09:05");
        assertTrue(next("qa-engineer").contains("• Standup: open now, until 09:15 EDT\n"), next("qa-engineer"));
        clock.setLocal("2025-08-20T09:15");
        assertTrue(next("qa-engineer").contains("• Standup: Thu 21 Aug 09:00 EDT (in 23 h 45 min)\n"), next("qa-engineer"));
    }

    @Test
    void theReviewIsRunningUntilItsEndAndThenTheNextIsAWeekLater() {
        clock.setLocal("2025-08-22T14:30");
        assertTrue(next("qa-engineer").contains("• Technical review: running now, until 15:00 EDT\n"), next("qa-engineer"));
        clock.setLocal("2025-08-22T15:00");
        assertTrue(next("qa-engineer").contains("• Technical review: Fri 29 Aug 14:00 EDT (in 6 d 23 h), "
                + "led by senior-system-developer"), next("qa-engineer"));
    }

    @Test
    void holidaysAreSkippedAndADayInAnotherYearCarriesTheYearAndTheZoneOfItsSeason() {
        clock.setLocal("2026-11-25T10:00");   // Thanksgiving, Thursday 26 November, is a holiday
        assertTrue(next("qa-engineer").contains("• Standup: Fri 27 Nov 09:00 EST (in 47 h)\n"), next("qa-engineer"));
        clock.setLocal("2026-12-21T10:00");   // Friday 25 December is a holiday: no review that week
        assertTrue(next("qa-engineer").contains("• Technical review: Fri 1 Jan 2027 14:00 EST (in 11 d 4 h)"),
                next("qa-engineer"));
    }

    @Test
    void aGateDueAtTheEndOfAWeekIsDueThatWeekAndNotTheNext() {
        assertEquals(List.of("Gate 1", "Gate 2"), gatesDue(next("qa-engineer")), "week 1 (Mon 18 to Sun 24 Aug)");
        clock.setLocal("2025-08-24T23:59");
        assertEquals(List.of("Gate 1", "Gate 2"), gatesDue(next("qa-engineer")),
                "still this week's, Gate 1 overdue and Gate 2 due as Sunday ends");
        clock.setLocal("2025-08-25T10:00");
        assertEquals(List.of("Gate 3", "Gate 4"), gatesDue(next("qa-engineer")), "week 2 (Mon 25 to Sun 31 Aug)");
    }

    @Test
    void aPassedGateIsNotDue() {
        for (int criterion = 1; criterion <= 4; criterion++) {
            command(SEC, "/gate", "check 1 " + criterion);
        }
        command(SEC, "/gate", "pass 1");
        assertEquals(List.of("Gate 2"), gatesDue(next("qa-engineer")));
    }

    @Test
    void nextIsAlsoASubcommandOfPlan() {
        assertEquals(next("qa-engineer"), command("qa-engineer", "/plan", "next"));
    }

    private static List<String> gatesDue(String next) {
        return next.lines().filter(l -> l.startsWith("    ◦ Gate ")).map(l -> l.substring(6, l.indexOf(':'))).toList();
    }

    private String next(String agent) {
        return command(agent, "/phase", "next");
    }

    private void incident(String text) {
        command("qa-engineer", "/incident", text);
    }

    private String command(String agent, String command, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), command, text)).text();
    }
}
