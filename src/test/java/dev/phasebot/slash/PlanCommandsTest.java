package dev.phasebot.slash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.incident.RaiseRequest;
import dev.phasebot.support.BotTest;
import org.junit.jupiter.api.Test;

/** /task, /gate and /phase as typed. */
class PlanCommandsTest extends BotTest {

    PlanCommandsTest() {
        super("2025-08-26T10:00");
    }

    @Test
    void taskListFiltersByOwnerStatePriorityAndDue() {
        assertTrue(run("qa-engineer", "/task", "list mine").startsWith("*Your tasks*\n• *T5* Testing Strategy Implementation"));
        String blocked = run("qa-engineer", "/task", "list blocked");
        assertTrue(blocked.contains("*T3*") && !blocked.contains("*T1*"), blocked);
        String overdue = run("qa-engineer", "/task", "list overdue");
        assertTrue(overdue.contains("*T1*") && overdue.contains("*T2*") && !overdue.contains("*T4*"), overdue);
        assertTrue(run("qa-engineer", "/task", "list critical").startsWith("*CRITICAL tasks*"));
        assertTrue(run("qa-engineer", "/task", "list devops-engineer").contains("*T7* CI/CD Pipeline Enhancement"));
        assertTrue(error("qa-engineer", "/task", "list everything").startsWith("`everything` is not a filter"));
    }

    @Test
    void taskShowListsDeliverablesAndWhatBlocksIt() {
        String show = run("qa-engineer", "/task", "show t5");
        assertTrue(show.startsWith("*T5 Testing Strategy Implementation*\nHIGH priority · MEDIUM risk · owner qa-engineer"), show);
        assertTrue(show.contains("*Blocked by:* T1: Security Vulnerability Fix (todo); T3: Model Architecture Design (blocked); "
                + "Gate 1: Security Clearance, 0 of 4 criteria met"), show);
        assertTrue(show.contains(":white_square: 1. Security testing framework"), show);
    }

    @Test
    void addingATaskReadsLabelledFieldsAndOnlyTheLeadAddsForOthers() {
        assertEquals("Added T8: Fuzz the YAML loader (HIGH, owner qa-engineer, due Week 2).",
                run("qa-engineer", "/task", "add Fuzz the YAML loader; priority: high; due: Week 2; deliverables: corpus, harness"));
        assertTrue(run("qa-engineer", "/task", "show T8").contains("2. harness"));
        assertEquals("Only the lead (senior-system-developer) may add tasks for others; leave out owner: to add one of your own.",
                error("qa-engineer", "/task", "add Review; owner: ml-engineer"));
        assertTrue(error("qa-engineer", "/task", "add Review; colour: red").startsWith("I could not read `colour: red`"));
        assertTrue(run("senior-system-developer", "/task", "add Review; owner: ml-engineer").startsWith("Added T9"));
    }

    @Test
    void malformedTaskCommandsAnswerTheirUsage() {
        assertTrue(error("qa-engineer", "/task", "deliverable T5 tick 1").startsWith("`tick` is not one of check, uncheck. "
                + "Nothing was changed.\nUsage: `/task deliverable <id> check|uncheck <n>`"));
        assertEquals("T5 has 4 deliverables; pick 1 to 4 (`/task show T5` lists them).",
                error("qa-engineer", "/task", "deliverable T5 check 9"));
        assertEquals("There is no task `T99`. `/task list` shows them.", error("qa-engineer", "/task", "start T99"));
        assertEquals("Only T1's owner (python-ml-fintech-reviewer) or the lead (senior-system-developer) may start T1.",
                error("qa-engineer", "/task", "start T1"));
        assertTrue(error("qa-engineer", "/task", "depends T5 T3").startsWith("Expected `on` where you wrote `T3`. Nothing was changed.\n"
                + "Usage: `/task depends <id> on <ref>`"));
        assertTrue(run("qa-engineer", "/task", "").startsWith("*/task*"));
    }

    @Test
    void gateCommandsShowProgressAndCheckCriteriaByNumberOrWords() {
        assertTrue(run("qa-engineer", "/gate", "list").contains("• Gate 1: Security Clearance: 0 of 4 criteria met · owner python-ml-fintech-reviewer"));
        assertTrue(run("python-ml-fintech-reviewer", "/gate", "check 1 framework operational")
                .contains("checked \"Security framework operational\" (1 of 4 criteria met)"));
        assertTrue(run("qa-engineer", "/gate", "show gate:1").contains(":white_check_mark: 3. Security framework operational (python-ml-fintech-reviewer)"));
        assertTrue(error("qa-engineer", "/gate", "check 1 2").startsWith("Only the gate's owner (python-ml-fintech-reviewer) or the lead"));
        assertTrue(error("python-ml-fintech-reviewer", "/gate", "check 1 security").startsWith("Name one criterion of Gate 1"),
                "'security' matches several criteria");
        assertEquals("There is no gate 9. `/gate list` shows them.", error("qa-engineer", "/gate", "show 9"));
    }

    @Test
    void phaseShowsGatesTasksByPriorityOverdueBlockedAndOpenIncidentsRedacted() {
        bot.incidents().raise("qa-engineer", new RaiseRequest("Secret in logs", null, true, null, null));
        String phase = run("qa-engineer", "/phase", "");
        assertTrue(phase.startsWith("*AlphaPy Phase 2: Specialist Implementation &amp; Security Hardening*\n"
                + ":rotating_light: *Open CRITICAL incidents:* #1 (security incident; details in the security channel)"), phase);
        assertTrue(phase.contains("• :white_square: Gate 1: Security Clearance: 0/4 criteria · python-ml-fintech-reviewer · due 48-72 hours"));
        assertTrue(phase.indexOf("*CRITICAL*") < phase.indexOf("*HIGH*") && phase.indexOf("*HIGH*") < phase.indexOf("*MEDIUM*"));
        assertTrue(phase.contains("*Overdue:* T1, T2"), phase);
        assertTrue(phase.contains("*Blocked:* T3, T4, T5, T6, T7"), phase);
        assertTrue(!phase.contains("Secret"));
        assertEquals(phase, run("qa-engineer", "/plan", ""));
    }

    private String run(String agent, String command, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), command, text)).text();
    }

    private String error(String agent, String command, String text) {
        return assertThrows(CommandException.class,
                () -> bot.dispatcher().handle(Caller.agent(agent), command, text)).getMessage();
    }
}
