package dev.phasebot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandReply;
import dev.phasebot.support.BotTest;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for "Commands a team can trust": asking for what is already so (a criterion
 * checked, a task started, a gate passed) answers "already", by whom and when, and posts nothing.
 */
class AlreadyDoneTest extends BotTest {

    private static final String SEC = "python-ml-fintech-reviewer";
    private static final String CHANNEL = "channel:coordination";

    private static final java.time.Instant TEN = java.time.Instant.parse("2026-11-24T15:00:00Z");

    AlreadyDoneTest() {
        super("2026-11-24T10:00");
    }

    @Test
    void checkingACheckedCriterionAnswersAlreadyAndPostsNothing() {
        assertEquals(
                "☑ Gate 1: Security Clearance: python-ml-fintech-reviewer checked \"CRITICAL vulnerability patched "
                        + "and tested\" (1 of 4 criteria met).",
                run(SEC, "/gate", "check 1 1"));
        worker.deliverDue();
        int rows = outboxRows();
        int audits = auditRows();

        clock.at("10:20");
        assertEquals(
                "Gate 1 criterion 1 is already checked (by python-ml-fintech-reviewer at 10:00 EST).",
                run("senior-system-developer", "/gate", "check gate:1 vulnerability patched"));
        PlanResult.CriterionChecked again = bot.gateChanges().checkCriterion("senior-system-developer", 1, "1", true);
        assertTrue(again.already());
        assertEquals(new ChecklistItem(1, again.item().text(), TEN, SEC), again.item(), "the first check stands");
        worker.deliverDue();
        assertEquals(rows, outboxRows());
        assertEquals(audits, auditRows());
        assertEquals(1, slack.textsTo(CHANNEL).size(), "the check was posted once");
    }

    @Test
    void startingAStartedTaskAnswersAlreadyAndRecordsNothing() {
        assertEquals("T1 is in progress.", run(SEC, "/task", "start T1"));
        int rows = outboxRows();
        int audits = auditRows();

        clock.at("11:00");
        assertEquals(
                "T1 is already in progress (since Tue 24 Nov 10:00 EST, by python-ml-fintech-reviewer).",
                run(SEC, "/task", "start t1"));
        assertEquals(
                new PlanResult.TaskStarted("T1", true, TEN, SEC),
                bot.taskChanges().start(SEC, "T1"));
        assertEquals(rows, outboxRows());
        assertEquals(audits, auditRows());
    }

    @Test
    void passingAPassedGateAnswersAlreadyAndPostsNothing() {
        for (int criterion = 1; criterion <= 4; criterion++) {
            run(SEC, "/gate", "check 1 " + criterion);
        }
        assertTrue(run(SEC, "/gate", "pass 1").startsWith("Gate 1: Security Clearance passed: 1 task unblocked."));
        worker.deliverDue();
        int rows = outboxRows();
        int audits = auditRows();

        clock.at("10:30");
        assertEquals(
                "Gate 1 already passed on Tue 24 Nov by python-ml-fintech-reviewer.", run(SEC, "/gate", "pass gate 1"));
        PlanResult.GatePassed again = bot.gateChanges().pass(SEC, 1);
        assertTrue(again.already());
        assertEquals(TEN, again.gate().passedAt());
        assertEquals(0, again.unblocked(), "nothing is unblocked twice");
        worker.deliverDue();
        assertEquals(rows, outboxRows());
        assertEquals(audits, auditRows());
        assertEquals(
                1,
                slack.textsTo(CHANNEL).stream()
                        .filter(t -> t.startsWith("Gate 1: Security Clearance passed"))
                        .count(),
                "the pass was posted once");
    }

    private String run(String agent, String command, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), command, text)).text();
    }

    private int outboxRows() {
        return bot.database()
                .read(tx -> tx.queryOne("SELECT count(*) FROM outbox", rs -> rs.getInt(1)))
                .orElseThrow();
    }

    private int auditRows() {
        return bot.database()
                .read(tx -> tx.queryOne("SELECT count(*) FROM audit_log", rs -> rs.getInt(1)))
                .orElseThrow();
    }
}
