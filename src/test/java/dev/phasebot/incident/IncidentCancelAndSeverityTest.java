package dev.phasebot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.schedule.Timer;
import dev.phasebot.support.BotTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /incident cancel} and {@code /incident severity}, typed as users type them, with the
 * shipped policy (30/60/120 min) and a hand-moved clock: cancelling stops every timer and
 * keeps the incident out of the list and the review; changing the severity stops or starts
 * the escalation clock from the moment of the change.
 */
class IncidentCancelAndSeverityTest extends BotTest {

    private static final String DAY = "2026-11-24T";
    private static final String COORDINATION = "channel:coordination";
    private static final String LEAD = "senior-system-developer";
    private static final String RAISER = "qa-engineer";

    IncidentCancelAndSeverityTest() {
        super(DAY + "10:00");
    }

    // --- cancel ---

    @Test
    void theRaiserMayCancelWithinFifteenMinutesAndEveryTimerStops() {
        incident(RAISER, "Pipeline outage affects T4");
        assertEquals(3, deadlineTimers().size());

        at("10:15");
        assertEquals(
                "Incident #1 is cancelled (duplicate of the CI alert): its timers stopped and the weekly review "
                        + "will leave it out.",
                incident(RAISER, "cancel 1 duplicate of the CI alert"));

        assertTrue(deadlineTimers().isEmpty(), "no deadline timer is left pending");
        at("10:30");
        at("11:00");
        at("12:00");
        at("15:00");
        assertEquals(0, notices(), "no deadline notice fires for a cancelled incident");
        assertTrue(slack.textsTo(COORDINATION).stream().noneMatch(t -> t.startsWith("! Incident #")));
    }

    @Test
    void theCardIsUpdatedInPlaceToSayCancelledAndWhy() {
        incident(RAISER, "Pipeline outage affects T4");
        worker.deliverDue();
        OutgoingDelivery posted = slack.delivered().get(0);
        assertEquals(COORDINATION, posted.message().destination().key());

        at("10:05");
        incident(RAISER, "cancel 1 raised by mistake");
        worker.deliverDue();

        OutgoingDelivery card = slack.delivered().stream()
                .filter(OutgoingDelivery::isUpdate)
                .filter(d -> d.message().destination().key().equals(COORDINATION))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertEquals(
                posted.id(),
                Long.parseLong(card.original().ts().substring("ts-".length())),
                "the update edits the card that was posted");
        assertTrue(
                card.message()
                        .text()
                        .startsWith("✗ CRITICAL incident #1: Pipeline outage\n"
                                + "Cancelled: raised by mistake (by qa-engineer at 10:05 EST)"),
                card.message().text());
        assertTrue(
                card.message().text().contains("  • technical assessment by 10:30 EST: not needed (cancelled)"),
                card.message().text());
        assertTrue(card.message().buttons().isEmpty(), "a cancelled card offers no buttons");
        assertTrue(
                slack.textsTo("dm:" + LEAD).stream()
                        .anyMatch(
                                t -> t.startsWith(
                                        "✗ Incident #1 (Pipeline outage) was cancelled by qa-engineer at 10:05 EST: raised by mistake.")),
                "the lead, paged at the raise, is told to stand down");
    }

    @Test
    void afterFifteenMinutesTheRaiserIsRefusedNamingTheLeadWhoMayStillCancel() {
        incident(RAISER, "Pipeline outage affects T4");
        int outgoing = outboxRows();

        at("10:15:01");
        assertEquals(
                "Only the lead (senior-system-developer) may cancel incident #1 now; its raiser (qa-engineer) could "
                        + "until 10:15 EST, 15 min after raising it. To close it as handled, /incident resolve 1.",
                error(RAISER, "cancel 1 raised by mistake"));
        assertEquals(3, deadlineTimers().size(), "the refusal stopped nothing");
        assertEquals(outgoing, outboxRows(), "the refusal said nothing to anyone");

        at("16:00");
        assertTrue(
                incident(LEAD, "cancel 1 duplicate of #0").startsWith("Incident #1 is cancelled"),
                "the lead may cancel at any time");
        assertTrue(deadlineTimers().isEmpty());
    }

    @Test
    void onlyTheRaiserOrTheLeadMayCancel() {
        incident(RAISER, "Pipeline outage affects T4");
        assertTrue(error("ml-engineer", "cancel 1 not an outage")
                .startsWith("Only the lead (senior-system-developer) may cancel incident #1 now"));
        assertEquals(3, deadlineTimers().size());
    }

    @Test
    void aCancelledIncidentIsLeftOutOfTheListAndTheReviewAndRefusesAnyFurtherAct() {
        incident(RAISER, "Pipeline outage affects T4");
        incident(RAISER, "Flaky login test");
        at("10:10");
        incident(RAISER, "cancel 1 raised by mistake");

        String list = incident(RAISER, "list");
        assertFalse(list.contains("#1"), list);
        assertTrue(list.contains("#2 CRITICAL · Flaky login test"), list);
        List<String> week = bot.reviewSession().preview().reported(dev.phasebot.review.Agenda.Source.INCIDENTS).stream()
                .map(dev.phasebot.message.PlainText.withUserIds()::render)
                .toList();
        assertEquals(
                List.of("#2 CRITICAL Flaky login test: still open"), week, "the agenda leaves the cancelled one out");
        assertEquals(
                List.of(new dev.phasebot.incident.IncidentQueries.OpenIncident(2, false, "Flaky login test")),
                bot.incidentQueries().openCritical());

        String refused =
                "Incident #1 was cancelled at 10:10 EST by qa-engineer (raised by mistake); nothing more to do.";
        assertEquals(refused, error("ml-engineer", "ack 1"));
        assertEquals(refused, error("ml-engineer", "assess 1 disk full"));
        assertEquals(refused, error(LEAD, "resolve 1 done"));
        assertEquals(refused, error(LEAD, "cancel 1 again"));
        assertEquals(refused, error(LEAD, "severity 1 HIGH"));
        assertTrue(
                incident(LEAD, "show 1").contains("qa-engineer: cancelled — raised by mistake"),
                "the timeline keeps it");
    }

    @Test
    void aCancelNeedsAReasonAndAnIncidentThatExists() {
        assertTrue(error(RAISER, "cancel 4")
                .startsWith("Add the reason. Nothing was changed.\n" + "Usage: /incident cancel <id> <reason>"));
        assertEquals("There is no incident #4. /incident list shows the open ones.", error(RAISER, "cancel 4 oops"));
        assertEquals(0, incidents());
        assertEquals(0, outboxRows());
    }

    // --- severity ---

    @Test
    void loweringCriticalToHighStopsTheClockSoNoDeadlineNoticeFires() {
        incident(RAISER, "Pipeline outage affects T4");
        at("10:10");
        assertEquals(
                "Incident #1 is now HIGH (was CRITICAL): the escalation clock stopped.",
                incident("ml-engineer", "severity 1 HIGH"));
        assertTrue(deadlineTimers().isEmpty());

        at("10:30");
        at("10:31");
        at("11:00");
        at("12:00");
        at("14:00");
        assertEquals(0, notices());
        assertTrue(slack.textsTo(COORDINATION).stream().noneMatch(t -> t.startsWith("! Incident #")));
        assertTrue(
                incident(RAISER, "list").contains("• #1 HIGH · Pipeline outage — no clock"), incident(RAISER, "list"));
        assertTrue(slack.textsTo(COORDINATION)
                .contains("↻ Incident #1 is now HIGH (was CRITICAL), "
                        + "set by ml-engineer: the escalation clock stopped."));
    }

    @Test
    void raisingHighToCriticalStartsTheClockFromTheChangeNotFromTheRaise() {
        incident(RAISER, "HIGH Pipeline slow affects T4");
        assertTrue(deadlineTimers().isEmpty(), "HIGH runs no clock");

        at("10:20");
        assertEquals(
                "Incident #1 is now CRITICAL (was HIGH): the clock runs from now: technical assessment by 10:50 EST, "
                        + "mitigation plan by 11:20 EST, implementation or escalation by 12:20 EST.",
                incident("ml-engineer", "severity 1 critical"));

        at("10:30");
        assertEquals(0, notices(), "30 minutes after the raise is not a deadline");
        at("10:49:59");
        assertEquals(0, notices());
        at("10:50");
        assertEquals(List.of("assessment:0"), noticeLog());
        assertTrue(slack.textsTo(COORDINATION).stream()
                .anyMatch(
                        t -> t.startsWith("! Incident #1 missed its technical assessment deadline (due 10:50 EST).")));
    }

    @Test
    void criticalLoweredThenRaisedAgainRunsAFreshClockFromTheSecondChange() {
        incident(RAISER, "Pipeline outage affects T4");
        at("10:30");
        assertEquals(List.of("assessment:0"), noticeLog(), "the first clock missed its assessment");
        at("10:35");
        incident("ml-engineer", "severity 1 HIGH");
        at("10:40");
        assertTrue(incident("ml-engineer", "severity 1 CRITICAL").contains("technical assessment by 11:10 EST"));
        assertEquals(3, deadlineTimers().size(), "the three deadlines are armed again");

        at("11:09:59");
        assertEquals(List.of(), noticeLog());
        at("11:10");
        assertEquals(List.of("assessment:0"), noticeLog());
        assertEquals(
                2,
                slack.textsTo(COORDINATION).stream()
                        .filter(t -> t.startsWith("! Incident #1 missed its technical assessment deadline"))
                        .count(),
                "the second clock's notice is a new message, not a duplicate of the first");
        at("11:20");
        assertEquals(List.of("assessment:0", "assessment:1"), noticeLog(), "its reminders run too");
    }

    @Test
    void aMilestoneMetBeforeTheClockStoppedStaysMetWhenItStartsAgain() {
        incident(RAISER, "Pipeline outage affects T4");
        at("10:10");
        incident("ml-engineer", "assess 1 disk full");
        incident("ml-engineer", "severity 1 LOW");
        at("10:20");
        assertEquals(
                "Incident #1 is now CRITICAL (was LOW): the clock runs from now: mitigation plan by 11:20 EST, "
                        + "implementation or escalation by 12:20 EST.",
                incident("ml-engineer", "severity 1 CRITICAL"));
        assertEquals(2, deadlineTimers().size());
    }

    @Test
    void theSameSeverityAgainChangesNothingAndOnlyRespondersMayChangeIt() {
        incident(RAISER, "Pipeline outage affects T4");
        int outgoing = outboxRows();
        assertEquals(
                "Incident #1 is already CRITICAL; nothing changed.", incident("ml-engineer", "severity 1 CRITICAL"));
        assertEquals(outgoing, outboxRows());
        assertTrue(error("devops-engineer", "severity 1 LOW")
                .startsWith("Only the assignee (ml-engineer), the area owner "
                        + "(ml-engineer) or the lead (senior-system-developer) may post the severity of incident #1."));
        assertTrue(error("ml-engineer", "severity 1 URGENT")
                .startsWith("URGENT is not one of CRITICAL, HIGH, MEDIUM, LOW."));
        assertEquals(3, deadlineTimers().size());
    }

    // --- helpers ---

    private String incident(String agent, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), "/incident", text)).text();
    }

    private String error(String agent, String text) {
        return assertThrows(
                        CommandException.class, () -> bot.dispatcher().handle(Caller.agent(agent), "/incident", text))
                .getMessage();
    }

    private List<Timer> deadlineTimers() {
        return bot.timers().pending().stream()
                .filter(t -> t.kind().equals(EscalationClock.DEADLINE))
                .toList();
    }

    private int notices() {
        return noticeLog().size();
    }

    /** "milestone:attempt" for every notice claimed (of the clock running now), in order. */
    private List<String> noticeLog() {
        return bot.database()
                .read(tx -> tx.query(
                        "SELECT m.act, n.attempt FROM incident_notice n "
                                + "JOIN incident_milestone m ON m.incident_id = n.incident_id AND m.idx = n.milestone "
                                + "ORDER BY n.sent_at, n.milestone, n.attempt",
                        rs -> rs.getString(1) + ":" + rs.getInt(2)));
    }

    private int outboxRows() {
        return bot.database()
                .read(tx -> tx.queryOne("SELECT count(*) FROM outbox", rs -> rs.getInt(1)))
                .orElseThrow();
    }

    private int incidents() {
        return bot.database()
                .read(tx -> tx.queryOne("SELECT count(*) FROM incident", rs -> rs.getInt(1)))
                .orElseThrow();
    }
}
