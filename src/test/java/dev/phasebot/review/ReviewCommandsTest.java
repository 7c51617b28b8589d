package dev.phasebot.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.message.PlainText;
import dev.phasebot.schedule.PhaseScheduler;
import dev.phasebot.support.BotTest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.TriggerBuilder;

class ReviewCommandsTest extends BotTest {

    private static final String LEAD = "senior-system-developer";
    private static final String ARCHITECTURE = "channel:architecture";
    private static final String DANA = "U0AG000002";

    ReviewCommandsTest() {
        super("2026-11-24T10:00");
    }

    @Test
    void decisionsAreLoggedWithTheirLinkAndListedByWeek() {
        assertEquals(
                "Decision logged (linked to gate:2); it will be on Friday's agenda.",
                run("/decision", "Interfaces frozen for gate:2 <!here>"));
        String list = run("/decision", "list");
        assertEquals(
                "Decisions, Fri 20 Nov to Fri 27 Nov\n  • Tue 24 Nov, senior-system-developer: Interfaces frozen for gate:2 <!here>",
                list,
                "user text goes in raw; the surface escapes it");
        assertEquals("No decisions logged from Fri 13 Nov to Fri 20 Nov.", run("/decision", "list last"));
        assertTrue(error("/decision", "list someday").startsWith("Say which week"));
        assertTrue(run("/decision", "").contains("/decision <decision>"));
    }

    @Test
    void metricsAreParsedWithUnitAndDirection() {
        assertEquals(
                "Baseline for accuracy set at 0.91 (higher is better; say higher or lower after the unit to change that).",
                run("/metric", "accuracy 0.91"));
        assertTrue(run("/metric", "mem_peak 512 MB").contains("(lower is better;"));
        assertTrue(run("/metric", "error_rate 0.4 % lower").contains("(lower is better;"));
        assertTrue(error("/metric", "latency fast")
                .startsWith("fast is not a number; the value is one, like 41 or 0.93. "
                        + "Nothing was changed.\nUsage: /metric <name> <value> [unit] [lower|higher]"));
        assertTrue(
                error("/metric", "latency")
                        .startsWith(
                                "<value> is missing. Nothing was changed.\nUsage: /metric <name> <value> [unit] [lower|higher]"));
        assertTrue(error("/metric", "bad/name 1").startsWith("Name metrics with letters"));
        assertTrue(
                run("/metric", "list").startsWith("Metrics\n  • accuracy: 0.91 (baseline 0.91, +0.0% since baseline"),
                run("/metric", "list"));
        CommandException twice = assertThrows(
                CommandException.class,
                () -> bot.dispatcher()
                        .handle(Caller.agent("senior-system-developer"), "/metric", "latency 4 lower higher"));
        assertEquals("direction", twice.field());
    }

    @Test
    void reviewSubcommandsCheckWhoAndWhen() {
        assertEquals(
                "Added to Friday's agenda under Phase 3 planning updates.", run("/review", "item Streaming spike"));
        assertTrue(run("/review", "preview").contains("\n  • Streaming spike (senior-system-developer)"));
        assertTrue(error("/review", "notes too early").startsWith("No review is running now"));
        CommandException e = assertThrows(
                CommandException.class, () -> bot.dispatcher().handle(Caller.agent("qa-engineer"), "/review", "open"));
        assertEquals(
                "Only the review's leader (senior-system-developer) or the lead (senior-system-developer) may do that.",
                e.getMessage());
        assertTrue(error("/review", "item").startsWith("Add the topic. Nothing was changed."));
        assertTrue(error("/review", "frobnicate").startsWith("frobnicate is not a /review subcommand."));
    }

    @Test
    void anActionItemMayNameItsOwnerWithASlackMention() {
        bot.database().run(tx -> bot.agents().link(tx, "qa-engineer", "U0QA", "test", clock.instant()));
        run("/review", "open");
        assertEquals(
                "Action item for qa-engineer noted; it becomes a task when the review ends.",
                run("/review", "notes action: <@U0QA|dana> add the fuzz job to CI"));
    }

    @Test
    void theAgendaGoesOutAtOnePmEasternOnFridaysAcrossDstChanges() {
        String cron = PhaseScheduler.cronExpression(LocalTime.of(14, 0).minusHours(1), List.of(DayOfWeek.FRIDAY));
        CronTrigger trigger = TriggerBuilder.newTrigger()
                .withSchedule(
                        CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone("America/New_York")))
                .startAt(new Date(0))
                .build();
        assertEquals(
                Instant.parse("2026-10-30T17:00:00Z"),
                trigger.getFireTimeAfter(Date.from(Instant.parse("2026-10-26T00:00:00Z")))
                        .toInstant());
        assertEquals(
                Instant.parse("2026-11-06T18:00:00Z"),
                trigger.getFireTimeAfter(Date.from(Instant.parse("2026-11-01T00:00:00Z")))
                        .toInstant());
    }

    @Test
    void aPreviewOnTuesdayDoesNotCallADeadlineStillAheadMissed() {
        run("qa-engineer", "/incident", "Pipeline outage affects T4");
        clock.at("10:04");

        assertEquals(List.of("#1 CRITICAL Pipeline outage: still open"), incidentLines());
    }

    @Test
    void aPreviewJudgesAnOpenIncidentAgainstNowOnceADeadlineHasPassed() {
        run("qa-engineer", "/incident", "Pipeline outage affects T4");
        clock.at("10:40");

        assertEquals(
                List.of("#1 CRITICAL Pipeline outage: still open; missed: technical assessment by 10 min"),
                incidentLines());
    }

    @Test
    void aMentionInAReviewNoteIsRecordedAsTheAgentLinkedToThatUser() {
        bot.database().run(tx -> bot.agents().link(tx, "software-architect", DANA, LEAD, clock.instant()));
        run(LEAD, "/review", "open");
        assertEquals("Noted.", run("qa-engineer", "/review", "notes Gate 2 slips a week, ask <@" + DANA + "|dana>"));
        endTheHour();

        String record = lastTo(ARCHITECTURE);
        assertTrue(record.contains("• qa-engineer: Gate 2 slips a week, ask software-architect"), record);
        assertFalse(record.contains(DANA), record);
    }

    @Test
    void aMentionOfAnUnlinkedUserInAReviewNoteReadsAsTheirName() {
        run(LEAD, "/review", "open");
        run("qa-engineer", "/review", "notes Gate 2 slips a week, ask <@" + DANA + "|dana>");
        endTheHour();

        String record = lastTo(ARCHITECTURE);
        assertTrue(record.contains("• qa-engineer: Gate 2 slips a week, ask @dana"), record);
        assertFalse(record.contains("&lt;@"), record);
    }

    private String run(String command, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent("senior-system-developer"), command, text))
                .text();
    }

    private String error(String command, String text) {
        return assertThrows(
                        CommandException.class,
                        () -> bot.dispatcher().handle(Caller.agent("senior-system-developer"), command, text))
                .getMessage();
    }

    /** The review opened at 10:00 runs an hour; its record is posted when the close timer fires. */
    private void endTheHour() {
        at("11:00");
    }

    private List<String> incidentLines() {
        return bot.reviewSession().preview().reported(Agenda.Source.INCIDENTS).stream()
                .map(PlainText.withUserIds()::render)
                .toList();
    }

    private String run(String agent, String command, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), command, text)).text();
    }
}
