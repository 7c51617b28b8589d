package dev.phasebot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.plan.PlanService.TaskView;
import dev.phasebot.support.BotTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /task, /gate and /phase as typed. */
class PlanCommandsTest extends BotTest {

    PlanCommandsTest() {
        super("2025-08-26T10:00");
    }

    @Test
    void taskListFiltersByOwnerStatePriorityAndDue() {
        assertEquals(
                "Your tasks\n  • T5 Testing Strategy Implementation · HIGH · qa-engineer · blocked · due Week 1-2",
                run("qa-engineer", "/task", "list mine"));
        assertEquals(
                List.of("T3", "T4", "T5", "T6", "T7"), ids(TaskFilter.parse("blocked", "qa-engineer", bot.config())));
        assertEquals(List.of("T1", "T2", "T3", "T6"), ids(TaskFilter.parse("overdue", "qa-engineer", bot.config())));
        assertEquals(List.of("T1", "T2"), ids(TaskFilter.parse("critical", "qa-engineer", bot.config())));
        assertEquals(List.of("T7"), ids(TaskFilter.parse("devops-engineer", "qa-engineer", bot.config())));
        assertTrue(run("qa-engineer", "/task", "list critical").startsWith("CRITICAL tasks\n"));
        CommandException e = assertThrows(
                CommandException.class,
                () -> bot.dispatcher().handle(Caller.agent("qa-engineer"), "/task", "list everything"));
        assertTrue(e.getMessage().startsWith("everything is not a filter"), e.getMessage());
        assertEquals("filter", e.field());
    }

    @Test
    void aBareTaskOrGateReadsAsShowAndTheCommandAloneLists() {
        assertEquals(run("qa-engineer", "/task", "show T3"), run("qa-engineer", "/task", "T3"));
        assertEquals(run("qa-engineer", "/task", "show T3"), run("qa-engineer", "/task", "t3"));
        assertEquals(run("qa-engineer", "/gate", "show 1"), run("qa-engineer", "/gate", "1"));
        assertEquals(run("qa-engineer", "/gate", "show 1"), run("qa-engineer", "/gate", "gate:1"));
        assertEquals(run("qa-engineer", "/task", "list"), run("qa-engineer", "/task", ""));
        assertEquals(run("qa-engineer", "/gate", "list"), run("qa-engineer", "/gate", ""));
    }

    @Test
    void aBareReferenceNeverActsAndASlipStillAsksWhatWasMeant() {
        assertTrue(run("qa-engineer", "/gate", "help").contains("/gate <n>: shows that gate"));
        CommandException slip = assertThrows(
                CommandException.class,
                () -> bot.dispatcher().handle(Caller.agent("qa-engineer"), "/task", "strat T3"));
        assertTrue(
                slip.getMessage().startsWith("strat is not a /task subcommand. Did you mean /task start T3?"),
                slip.getMessage());
        CommandException more = assertThrows(
                CommandException.class, () -> bot.dispatcher().handle(Caller.agent("qa-engineer"), "/task", "T3 done"));
        assertTrue(more.getMessage().startsWith("T3 is not a /task subcommand."), more.getMessage());
        assertEquals("blocked", bot.planService().task("T3").status(), "T3 is untouched");
    }

    @Test
    void taskShowListsDeliverablesAndWhatBlocksIt() {
        TaskView view = bot.planService().task("t5");
        assertEquals("blocked", view.status());
        assertEquals(
                List.of(
                        "T1: Security Vulnerability Fix (todo)",
                        "T3: Model Architecture Design (blocked)",
                        "Gate 1: Security Clearance, 0 of 4 criteria met"),
                view.blockers());
        assertEquals(
                String.join(
                        "\n",
                        "T5 Testing Strategy Implementation",
                        "Priority: HIGH",
                        "Risk:     MEDIUM",
                        "Owner:    qa-engineer",
                        "Due:      Week 1-2",
                        "Status:   blocked",
                        "",
                        "Blocked by",
                        "  • T1: Security Vulnerability Fix (todo)",
                        "  • T3: Model Architecture Design (blocked)",
                        "  • Gate 1: Security Clearance, 0 of 4 criteria met",
                        "Depends on: T1, T3",
                        "",
                        "Deliverables (0/4)",
                        "  • ☐ 1. Security testing framework",
                        "  • ☐ 2. Performance testing infrastructure",
                        "  • ☐ 3. Enhanced integration test suite",
                        "  • ☐ 4. Testing automation pipeline"),
                run("qa-engineer", "/task", "show t5"));
    }

    @Test
    void addingATaskReadsLabelledFieldsAndOnlyTheLeadAddsForOthers() {
        assertEquals(
                "Added T8: Fuzz the YAML loader (HIGH, owner qa-engineer, due Week 2).",
                run(
                        "qa-engineer",
                        "/task",
                        "add Fuzz the YAML loader; priority: high; due: Week 2; deliverables: corpus, harness"));
        assertTrue(run("qa-engineer", "/task", "show T8").contains("2. harness"));
        assertEquals(
                "Only the lead (senior-system-developer) may add tasks for others; leave out owner: to add one of your own.",
                error("qa-engineer", "/task", "add Review; owner: ml-engineer"));
        assertTrue(error("qa-engineer", "/task", "add Review; colour: red").startsWith("I could not read colour: red"));
        assertTrue(run("senior-system-developer", "/task", "add Review; owner: ml-engineer")
                .startsWith("Added T9"));
    }

    @Test
    void malformedTaskCommandsAnswerTheirUsage() {
        assertTrue(error("qa-engineer", "/task", "deliverable T5 tick 1")
                .startsWith("tick is not one of check, uncheck. "
                        + "Nothing was changed.\nUsage: /task deliverable <id> check|uncheck <n>"));
        assertEquals(
                "T5 has 4 deliverables; pick 1 to 4 (/task show T5 lists them).",
                error("qa-engineer", "/task", "deliverable T5 check 9"));
        assertEquals("There is no task T99. /task list shows them.", error("qa-engineer", "/task", "start T99"));
        assertEquals(
                "Only T1's owner (python-ml-fintech-reviewer) or the lead (senior-system-developer) may start T1.",
                error("qa-engineer", "/task", "start T1"));
        assertTrue(error("qa-engineer", "/task", "depends T5 T3")
                .startsWith("Expected on where you wrote T3. Nothing was changed.\n"
                        + "Usage: /task depends <id> on <ref>"));
        assertTrue(run("qa-engineer", "/task", "help").startsWith("/task"));
    }

    @Test
    void gateCommandsShowProgressAndCheckCriteriaByNumberOrWords() {
        assertTrue(run("qa-engineer", "/gate", "list")
                .contains("  • Gate 1: Security Clearance: 0 of 4 criteria met · owner python-ml-fintech-reviewer"));
        assertTrue(run("python-ml-fintech-reviewer", "/gate", "check 1 framework operational")
                .contains("checked \"Security framework operational\" (1 of 4 criteria met)"));
        assertTrue(run("qa-engineer", "/gate", "show gate:1")
                .contains("  • ☑ 3. Security framework operational (python-ml-fintech-reviewer)"));
        assertTrue(error("qa-engineer", "/gate", "check 1 2")
                .startsWith("Only the gate's owner (python-ml-fintech-reviewer) or the lead"));
        assertTrue(
                error("python-ml-fintech-reviewer", "/gate", "check 1 security")
                        .startsWith("Name one criterion of Gate 1"),
                "'security' matches several criteria");
        assertEquals("There is no gate 9. /gate list shows them.", error("qa-engineer", "/gate", "show 9"));
    }

    @Test
    void phaseShowsGatesTasksByPriorityOverdueBlockedAndOpenIncidentsRedacted() {
        bot.incidents().raise("qa-engineer", new RaiseRequest("Secret in logs", null, true, null, null));
        String phase = run("qa-engineer", "/phase", "");
        assertTrue(
                phase.startsWith("AlphaPy Phase 2: Specialist Implementation & Security Hardening\n"
                        + "Started Mon 18 Aug 2025 (phase.start)\n"
                        + "! Open CRITICAL incidents: #1 (security incident; details in the security channel)"),
                phase);
        assertTrue(phase.contains(
                "  • ☐ Gate 1: Security Clearance: 0/4 criteria · python-ml-fintech-reviewer · due 48-72 hours"));
        Dashboard.View view = bot.dashboard().view();
        assertEquals(
                List.of("CRITICAL", "HIGH", "MEDIUM"),
                view.priorities().stream()
                        .map(Dashboard.PriorityGroup::priority)
                        .toList());
        assertEquals(List.of("T1", "T2", "T3", "T6"), view.overdue());
        assertEquals(List.of("T3", "T4", "T5", "T6", "T7"), view.blocked());
        assertTrue(phase.contains("\nOverdue: T1, T2, T3, T6\nBlocked: T3, T4, T5, T6, T7"), phase);
        assertTrue(!phase.contains("Secret"));
        assertEquals(phase, run("qa-engineer", "/plan", ""));
    }

    private List<String> ids(java.util.Optional<TaskFilter> filter) {
        return bot.planService().list(filter.orElseThrow()).tasks().stream()
                .map(TaskRow::id)
                .toList();
    }

    private String run(String agent, String command, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), command, text)).text();
    }

    private String error(String agent, String command, String text) {
        return assertThrows(CommandException.class, () -> bot.dispatcher().handle(Caller.agent(agent), command, text))
                .getMessage();
    }
}
