package dev.phasebot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandReply;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.incident.IncidentDetail.IncidentEvent;
import dev.phasebot.incident.IncidentQueries.NextDeadline;
import dev.phasebot.incident.IncidentQueries.OpenIncident;
import dev.phasebot.incident.IncidentResult.ActOutcome;
import dev.phasebot.incident.IncidentResult.Assignment;
import dev.phasebot.incident.IncidentResult.Deadline;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.message.Refusal;
import dev.phasebot.schedule.Timer;
import dev.phasebot.support.BotTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The escalation clock with the shipped policy (30/60/120 min), a real store and a hand-moved clock. */
class IncidentServiceTest extends BotTest {

    private static final String RAISER = "qa-engineer";
    private static final String DAY = "2026-11-24T";
    private static final String SECURITY = "channel:security";
    private static final String COORDINATION = "channel:coordination";
    private static final String LEAD = "senior-system-developer";
    private static final String SEC = "python-ml-fintech-reviewer";

    IncidentServiceTest() {
        super(DAY + "10:00");
    }

    @Test
    void raisingACriticalIncidentPostsItsCardAtOnceAndPagesTheLeadAndTheOwner() {
        IncidentResult.Raised raised = raise("qa-engineer", "Pipeline outage", false, "T4");
        assertEquals(
                new IncidentResult.Raised(
                        1,
                        "CRITICAL",
                        false,
                        "#alphapy-phase2",
                        List.of(
                                new Deadline("technical assessment", local("10:30")),
                                new Deadline("mitigation plan", local("11:00")),
                                new Deadline("implementation or escalation", local("12:00"))),
                        List.of(LEAD, "ml-engineer")),
                raised);
        worker.deliverDue();
        OutgoingDelivery card = slack.delivered().get(0);
        assertEquals(COORDINATION, card.message().destination().key());
        assertTrue(
                card.message().text().startsWith("! CRITICAL incident #1: Pipeline outage\n"),
                card.message().text());
        assertTrue(
                card.message().text().contains("Area owner: ml-engineer\nAssignee:   ml-engineer\nAffects:    T4"),
                card.message().text());
        assertEquals(
                List.of(
                        "incident_ack",
                        "incident_assess",
                        "incident_plan",
                        "incident_implemented",
                        "incident_escalate",
                        "incident_resolve"),
                card.message().buttons().stream().map(b -> b.actionId()).toList());
        assertEquals(1, slack.textsTo("dm:" + LEAD).size());
        assertEquals(1, slack.textsTo("dm:ml-engineer").size());
        assertEquals(3, deadlineTimers());
    }

    @Test
    void anUnmetMilestoneFiresAtExactlyItsOffsetAndPagesTheNextLevelThenRepeats() {
        raise("qa-engineer", "Pipeline outage", false, "T4");
        at("10:29:59");
        assertEquals(0, notices());
        at("10:30");
        assertEquals(List.of("assessment:0"), noticeLog());
        String notice =
                slack.textsTo(COORDINATION).stream().filter(NOTICE).findFirst().orElseThrow();
        assertEquals(
                "! Incident #1 missed its technical assessment deadline (due 10:30 EST)."
                        + " Paging ml-engineer (assignee).",
                notice);
        assertTrue(
                slack.textsTo("dm:ml-engineer").stream().anyMatch(t -> t.startsWith(notice + "\n[Acknowledge]")),
                "the assignee is paged by DM, with the buttons");

        at("10:40");
        at("10:50");
        at("11:00");
        assertTrue(
                slack.textsTo("dm:" + LEAD).stream().anyMatch(t -> t.contains("missed its mitigation plan deadline")),
                "the 60-minute notice pages the lead");
        at("11:15");
        at("11:30");
        at("12:00");
        at("12:30");
        at("13:00");
        at("13:30");
        at("15:00");
        assertEquals(
                List.of(
                        "assessment:0",
                        "assessment:1",
                        "assessment:2",
                        "mitigation:0",
                        "mitigation:1",
                        "mitigation:2",
                        "implementation:0",
                        "implementation:1",
                        "implementation:2",
                        "implementation:3"),
                noticeLog());
        assertTrue(slack.textsTo(COORDINATION).stream()
                .anyMatch(t -> t.contains(
                        "Incident #1 still has no technical assessment: 20 min overdue (reminder 2 of 2).")));
    }

    @Test
    void aMilestoneMetInTimeNeverFires() {
        raise("qa-engineer", "Pipeline outage", false, "T4");
        at("10:10");
        assertEquals(
                new ActOutcome.Recorded(1, Act.ASSESS, "technical assessment", null),
                bot.incidents().act("ml-engineer", 1, Act.ASSESS, "feature store disk full"));
        at("10:45");
        assertEquals(0, notices());
        at("11:00");
        assertEquals(List.of("mitigation:0"), noticeLog());
    }

    @Test
    void meetingALaterMilestoneEarlyMeetsTheEarlierOnes() {
        raise("qa-engineer", "Pipeline outage", false, "T4");
        at("10:05");
        assertEquals(
                new ActOutcome.Recorded(1, Act.PLAN, "mitigation plan", null),
                bot.incidents().act(LEAD, 1, Act.PLAN, "fail over to the replica"));
        assertEquals(1, deadlineTimers(), "only the 2-hour timer is left");
        at("11:59");
        assertEquals(0, notices());
        at("12:00");
        assertEquals(List.of("implementation:0"), noticeLog());
    }

    @Test
    void escalatingMeetsTheImplementationOrEscalationDeadlineAndPagesTheContact() {
        raise("qa-engineer", "Pipeline outage", false, "T4");
        at("10:20");
        assertEquals(
                new ActOutcome.Recorded(1, Act.ESCALATE, "implementation or escalation", null),
                bot.incidents().act("ml-engineer", 1, Act.ESCALATE, "vendor bug, needs their on-call"));
        assertEquals(0, deadlineTimers());
        at("10:21");
        assertTrue(slack.textsTo("dm:" + LEAD).stream().anyMatch(t -> t.contains("was escalated by ml-engineer")));
        at("13:00");
        assertEquals(0, notices());
    }

    @Test
    void resolvingAt59m59sMeansNothingFiresAt60OrEver() {
        raise("qa-engineer", "Pipeline outage", false, "T4");
        at("10:10");
        bot.incidents().act("ml-engineer", 1, Act.ASSESS, "disk full");
        at("10:59:59");
        assertEquals(
                new IncidentResult.Resolution(1, "#alphapy-phase2"),
                bot.incidents().resolve(LEAD, 1, "disk cleaned, alert added"));
        at("11:00");
        at("16:00");
        assertEquals(0, notices());
        // Only its room's archive is left, a day after the resolve.
        assertTrue(bot.timers().pending().stream().allMatch(t -> t.kind().equals("incident-room-archive")));
        Refusal e = assertThrows(Refusal.class, () -> bot.incidents().act(LEAD, 1, Act.PLAN, "late"));
        assertEquals(
                "Incident #1 was resolved at 10:59 EST by senior-system-developer; nothing more to do.",
                e.getMessage());
    }

    @Test
    void aDeadlineTimerFiredTwiceAtOnceSendsOneNotice() throws Exception {
        raise("qa-engineer", "Pipeline outage", false, "T4");
        worker.deliverDue();
        slack.clear();
        clock.at("10:30");
        Timer first = bot.timers().pending().get(0);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return bot.timers().fire(first.id());
            }));
        }
        go.countDown();
        int fired = 0;
        for (Future<Boolean> f : results) {
            fired += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        worker.deliverDue();
        assertEquals(1, fired);
        assertEquals(1, notices());
        assertEquals(1, slack.textsTo(COORDINATION).stream().filter(NOTICE).count());
    }

    @Test
    void aNoticeHeldUpBySecondsSaysHowLateToTheSecond() {
        raise("qa-engineer", "Pipeline outage", false, "T4");
        at("10:30:18");
        List<String> notices =
                slack.textsTo(COORDINATION).stream().filter(NOTICE).toList();
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).endsWith(" (sent 18 s late: phasebot was offline or held up)"), notices.get(0));
        IncidentDetail.Visible shown =
                (IncidentDetail.Visible) bot.incidentQueries().show(LEAD, 1);
        assertEquals(
                "technical assessment; paged ml-engineer; sent 18 s late",
                shown.events().get(1).detail());
    }

    @Test
    void aNoticeOnTimeSaysNothingOfLateness() {
        raise("qa-engineer", "Pipeline outage", false, "T4");
        at("10:30");
        assertTrue(slack.textsTo(COORDINATION).stream().filter(NOTICE).noneMatch(t -> t.contains("late")));
    }

    @Test
    void aRestartAfterThreeMissedDeadlinesSendsTheirNoticesInDueOrder() {
        raise("qa-engineer", "Pipeline outage", false, "T4");
        at("10:10");
        restartAt("12:30");
        slack.clear();
        bot.timers().rearmAll(); // the start-up pass of Phasebot.start
        worker.deliverDue();
        List<String> notices = slack.textsTo(COORDINATION).stream()
                .filter(t -> t.contains("missed its"))
                .toList();
        assertEquals(3, notices.size(), String.valueOf(notices));
        assertTrue(notices.get(0).contains("technical assessment"), notices.get(0));
        assertTrue(notices.get(1).contains("mitigation plan"), notices.get(1));
        assertTrue(notices.get(2).contains("implementation or escalation"), notices.get(2));
    }

    @Test
    void aRestartAtMinute45WithTheBotDownUntil70SendsThe60MinuteNoticeOnceMarkedLate() {
        raise("qa-engineer", "Pipeline outage", false, "T4");
        at("10:20");
        bot.incidents().act("ml-engineer", 1, Act.ASSESS, "disk full");
        at("10:45");
        restartAt("11:10");
        slack.clear();
        assertEquals(
                2, bot.timers().runDue(), "the start-up pass fires the overdue timer (and the status reminder) once");
        assertEquals(0, bot.timers().runDue());
        worker.deliverDue();
        List<String> notices =
                slack.textsTo(COORDINATION).stream().filter(NOTICE).toList();
        assertEquals(1, notices.size());
        assertTrue(
                notices.get(0).contains("missed its mitigation plan deadline (due 11:00 EST), 10 min ago."),
                notices.get(0));
        assertTrue(notices.get(0).endsWith(" (sent 10 min late: phasebot was offline or held up)"), notices.get(0));

        at("11:59:59");
        assertFalse(noticeLog().contains("implementation:0"));
        at("12:00");
        assertTrue(noticeLog().contains("implementation:0"), "the 120-minute timer still fires at 120");
        assertEquals(1, noticeLog().stream().filter("mitigation:0"::equals).count());
    }

    @Test
    void onlyTheAssigneeTheAreaOwnerOrTheLeadMayPostMilestones() {
        raise("qa-engineer", "Pipeline outage", false, "T4");
        Refusal e = assertThrows(Refusal.class, () -> bot.incidents().act("devops-engineer", 1, Act.ASSESS, "guess"));
        assertEquals(
                "Only the assignee (ml-engineer), the area owner (ml-engineer) or the lead (senior-system-developer) "
                        + "may post the technical assessment of incident #1.",
                e.getMessage());
        Refusal resolve = assertThrows(Refusal.class, () -> bot.incidents().resolve("ml-engineer", 1, "done"));
        assertEquals("Only the lead (senior-system-developer) may resolve incident #1.", resolve.getMessage());
        assertEquals(
                "text",
                assertThrows(Refusal.class, () -> bot.incidents().act("ml-engineer", 1, Act.PLAN, " "))
                        .field(),
                "the act form shows it under its text");
        assertEquals(
                "There is no incident #9. /incident list shows the open ones.",
                assertThrows(Refusal.class, () -> bot.incidents().act(LEAD, 9, Act.ACKNOWLEDGE, ""))
                        .getMessage());
        assertEquals(3, deadlineTimers(), "refusals changed nothing");
    }

    @Test
    void aSecurityIncidentIsAssignedOnlyToMembersOfTheSecurityChannel() {
        raise("qa-engineer", "Token leak", true, null);
        Refusal e = assertThrows(Refusal.class, () -> bot.incidents().assign(LEAD, 1, "devops-engineer"));
        assertTrue(
                e.getMessage().startsWith("devops-engineer is not a member of the security channel"), e.getMessage());
        assertEquals(new Assignment(1, LEAD, true), bot.incidents().assign(LEAD, 1, LEAD));
        assertEquals(new Assignment(1, LEAD, false), bot.incidents().assign(LEAD, 1, LEAD));
    }

    @Test
    void aSecurityIncidentsDetailsStayInTheSecurityChannelAndMembersDms() {
        raise("qa-engineer", "Secret key in logs", true, "T1");
        at("10:30");
        at("12:00");
        assertEquals(
                new IncidentResult.Resolution(1, "#alphapy-security"),
                bot.incidents().resolve(LEAD, 1, "rotated the key"),
                "the resolution is announced in the security channel");
        worker.deliverDue();
        for (OutgoingDelivery d : slack.delivered()) {
            String where = d.message().destination().key();
            // The incident's own room is private, its members invited from the security channel's.
            boolean mayRead = where.equals(SECURITY)
                    || where.equals("dm:" + SEC)
                    || where.equals("dm:" + LEAD)
                    || where.equals("room:1");
            if (!mayRead) {
                assertFalse(
                        d.message().text().contains("Secret key"),
                        where + ": " + d.message().text());
                assertFalse(
                        d.message().text().contains("rotated"),
                        where + ": " + d.message().text());
            }
        }
        assertTrue(
                slack.textsTo(COORDINATION)
                        .contains(
                                "! A CRITICAL security incident (#1) is open. Its details are in the private security channel."));
        assertTrue(slack.textsTo(SECURITY).get(0).contains("Secret key in logs"));
        assertEquals(
                new IncidentDetail.Hidden(1, List.of(SEC, LEAD)),
                bot.incidentQueries().show("qa-engineer", 1));
    }

    @Test
    void listShowsCountdownsAndRedactsSecurityIncidentsForNonMembers() {
        raise("qa-engineer", "Pipeline outage", false, "T4");
        raise("qa-engineer", "Secret key in logs", true, null);
        clock.at("10:12");
        OpenIncidents list = bot.incidentQueries().list("devops-engineer");
        assertEquals(
                List.of(true, false),
                list.open().stream().map(OpenIncidents.Entry::maySee).toList());
        assertEquals(
                List.of(true, true),
                bot.incidentQueries().list(SEC).open().stream()
                        .map(OpenIncidents.Entry::maySee)
                        .toList());
        assertEquals(
                List.of(new OpenIncident(1, false, "Pipeline outage"), new OpenIncident(2, true, null)),
                bot.incidentQueries().openCritical());
        assertEquals(
                List.of(
                        new NextDeadline(
                                1, "CRITICAL", false, "Pipeline outage", "technical assessment", local("10:30")),
                        new NextDeadline(2, "CRITICAL", true, null, "technical assessment", local("10:30"))),
                bot.incidentQueries().nextDeadlines("devops-engineer"));
    }

    @Test
    void resolvingPostsASummaryWithTimesToActAndMissedDeadlines() {
        raise("qa-engineer", "Pipeline outage", false, "T4");
        at("10:04");
        bot.incidents().act("ml-engineer", 1, Act.ACKNOWLEDGE, "");
        at("10:30");
        at("10:35");
        bot.incidents().act("ml-engineer", 1, Act.ASSESS, "disk full");
        at("10:50");
        bot.incidents().act("ml-engineer", 1, Act.PLAN, "clean and alert");
        at("11:40");
        bot.incidents().resolve(LEAD, 1, "cleaned");
        worker.deliverDue();
        String summary = slack.textsTo(COORDINATION).stream()
                .filter(t -> t.contains("Post-incident summary"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                summary.contains("Time to acknowledge 4 min · assess 35 min · mitigate 50 min · resolve 1 h 40 min"),
                summary);
        assertTrue(summary.contains("Deadlines missed: technical assessment by 5 min"), summary);
        assertTrue(
                summary.contains("  • 10:30 EST phasebot: deadline missed — technical assessment; paged ml-engineer"),
                summary);
        assertTrue(summary.contains("  • 11:40 EST senior-system-developer: resolved — cleaned"), summary);
        IncidentWeek.Entry week = bot.incidentQueries()
                .week(local("09:00"), local("12:00"), local("12:00"))
                .incidents()
                .get(0);
        assertEquals(
                new IncidentWeek.Entry(
                        1,
                        "CRITICAL",
                        false,
                        "Pipeline outage",
                        Duration.ofMinutes(35),
                        Duration.ofMinutes(50),
                        Duration.ofMinutes(100),
                        List.of(new IncidentWeek.Missed("technical assessment", Duration.ofMinutes(5)))),
                week);
    }

    @Test
    void aMessageSlackRefusesForGoodGoesOnTheTimeline() {
        worker.onRejected(bot.incidents()::deliveryFailed);
        slack.failNext(new dev.phasebot.delivery.Transport.DeliveryResult.Rejected("not_in_channel"));
        raise("qa-engineer", "Pipeline outage", false, "T4");
        worker.deliverDue();
        IncidentDetail.Visible shown =
                (IncidentDetail.Visible) bot.incidentQueries().show(LEAD, 1);
        assertTrue(
                shown.events()
                        .contains(new IncidentEvent(
                                local("10:00"), "phasebot", "delivery failed", "card: not_in_channel")),
                shown.events().toString());
    }

    @Test
    void raisingAndResolvingTellTheDashboardToRefresh() {
        java.util.concurrent.atomic.AtomicInteger refreshes = new java.util.concurrent.atomic.AtomicInteger();
        bot.incidents().onOpenSetChange(refreshes::incrementAndGet);
        raise("qa-engineer", "Pipeline outage", false, "T4");
        assertThrows(Refusal.class, () -> raise("qa-engineer", "", false, null));
        bot.incidents().resolve(LEAD, 1, "ok");
        assertEquals(2, refreshes.get(), "once per change, not for a refused raise");
    }

    @Test
    void aLowerSeverityIncidentHasNoClock() {
        IncidentResult.Raised raised =
                bot.incidents().raise("qa-engineer", new RaiseRequest("Flaky test", "LOW", false, null, null));
        assertEquals("LOW", raised.severity());
        assertEquals(List.of(), raised.deadlines());
        assertTrue(bot.timers().pending().isEmpty());
    }

    @Test
    void badRaisesAreRefusedWithWhatToDo() {
        Refusal untitled = assertThrows(Refusal.class, () -> raise("qa-engineer", " ", false, null));
        assertEquals("title", untitled.field());
        assertTrue(untitled.getMessage().startsWith("Give the incident a title"));
        Refusal unknownArea = assertThrows(Refusal.class, () -> raise("qa-engineer", "x", false, "T99"));
        assertEquals("affects", unknownArea.field(), "the form shows it under the affected task or gate");
        assertTrue(unknownArea.getMessage().startsWith("T99 is not a task or gate of the plan. Use one of: T1, T2"));
        assertEquals(
                "title",
                assertThrows(Refusal.class, () -> raise("qa-engineer", "x".repeat(151), false, null))
                        .field());
        assertEquals(
                "description",
                assertThrows(
                                Refusal.class,
                                () -> bot.incidents()
                                        .raise(
                                                "qa-engineer",
                                                new RaiseRequest("x", null, false, "d".repeat(3_001), null)))
                        .field());
        assertEquals(
                "severity",
                assertThrows(
                                Refusal.class,
                                () -> bot.incidents()
                                        .raise("qa-engineer", new RaiseRequest("x", "URGENT", false, null, null)))
                        .field());
    }

    @Test
    void acknowledgingTwiceAnswersAlreadyAndPostsNothingMore() {
        text(RAISER, "Pipeline outage affects T4");
        assertEquals("Incident #1: acknowledged.", text("ml-engineer", "ack 1"));
        worker.deliverDue();
        int rows = outboxRows();
        int delivered = slack.delivered().size();

        clock.at("10:07");
        assertEquals(
                "Incident #1 was already acknowledged by ml-engineer at 10:00 EST; nothing was posted.",
                text("senior-system-developer", "ack 1"));
        assertEquals(
                new ActOutcome.AlreadyDone(1, null, "ml-engineer", local("10:00:00")),
                bot.incidents().act(LEAD, 1, Act.ACKNOWLEDGE, ""));
        worker.deliverDue();
        assertEquals(rows, outboxRows(), "nothing enqueued: no card refresh, no page");
        assertEquals(delivered, slack.delivered().size());
        assertEquals(1, events("acknowledged"), "the timeline has one acknowledgement");
    }

    @Test
    void postingTheSameAssessmentTwiceAnswersAlreadyAndPostsNothingMore() {
        text(RAISER, "Pipeline outage affects T4");
        text("ml-engineer", "assess 1 disk full");
        int rows = outboxRows();
        clock.at("10:03");
        assertEquals(
                "Incident #1: the technical assessment was already recorded by ml-engineer at 10:00 EST with that "
                        + "text; nothing was posted.",
                text("ml-engineer", "assess 1 disk full"));
        assertEquals(
                new ActOutcome.AlreadyDone(1, "technical assessment", "ml-engineer", local("10:00:00")),
                bot.incidents().act("ml-engineer", 1, Act.ASSESS, "disk full"));
        assertEquals(rows, outboxRows());
        assertEquals(1, events("assessment"));
    }

    /** Notices of missed deadlines and their reminders, as plain text. */
    private static final java.util.function.Predicate<String> NOTICE = t -> t.startsWith("! Incident #");

    private Instant local(String time) {
        return LocalDateTime.parse(DAY + time)
                .atZone(ZoneId.of("America/New_York"))
                .toInstant();
    }

    private IncidentResult.Raised raise(String agent, String title, boolean security, String affects) {
        return bot.incidents().raise(agent, new RaiseRequest(title, null, security, "details of " + title, affects));
    }

    /** The escalation clock's timers pending (a status reminder is armed beside them). */
    private int deadlineTimers() {
        return (int) bot.timers().pending().stream()
                .filter(t -> t.kind().equals(EscalationClock.DEADLINE))
                .count();
    }

    private int notices() {
        return noticeLog().size();
    }

    /** "milestone:attempt" for every notice claimed, in order. */
    private List<String> noticeLog() {
        return bot.database()
                .read(tx -> tx.query(
                        "SELECT n.milestone, n.attempt, m.act FROM incident_notice n "
                                + "JOIN incident_milestone m ON m.incident_id = n.incident_id AND m.idx = n.milestone "
                                + "ORDER BY n.sent_at, n.milestone, n.attempt",
                        rs -> shortName(rs.getString(3)) + ":" + rs.getInt(2)));
    }

    private static String shortName(String act) {
        return act.equals("mitigation_plan") ? "mitigation" : act;
    }

    private int outboxRows() {
        return bot.database()
                .read(tx -> tx.queryOne("SELECT count(*) FROM outbox", rs -> rs.getInt(1)))
                .orElseThrow();
    }

    private int events(String kind) {
        return bot.database()
                .read(tx -> tx.queryOne("SELECT count(*) FROM incident_event WHERE kind = ?", rs -> rs.getInt(1), kind))
                .orElseThrow();
    }

    /** The answer to {@code /incident <text>} typed by {@code agent}. */
    private String text(String agent, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), "/incident", text)).text();
    }
}
