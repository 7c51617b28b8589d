package dev.phasebot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.message.Refusal;
import dev.phasebot.plan.PlanResult.GatePassed;
import dev.phasebot.plan.PlanResult.TaskDone;
import dev.phasebot.plan.PlanService.TaskBrief;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped plan in a real store: blocking, gates, overdue notices and config reloads. */
class PlanServiceTest extends BotTest {

    private static final String LEAD = "senior-system-developer";
    private static final String SEC = "python-ml-fintech-reviewer";
    private static final String CHANNEL = "channel:coordination";

    PlanServiceTest() {
        super("2025-08-19T10:00");
    }

    @Test
    void loadingTheShippedPlanGivesTheSeedsTasksAndGates() {
        PlanSnapshot plan = bot.planService().snapshot();
        assertEquals(
                List.of("T1", "T2", "T3", "T4", "T5", "T6", "T7"),
                plan.tasks().stream().map(Task::id).toList());
        Task t1 = plan.task("T1").orElseThrow();
        assertEquals("Security Vulnerability Fix", t1.title());
        assertEquals("CRITICAL", t1.priority());
        assertEquals(SEC, t1.owner());
        assertEquals(
                List.of("Security patch with tests (24h)"),
                t1.deliverables().stream().map(ChecklistItem::text).toList());
        assertEquals(List.of("T1", "T6"), plan.task("T3").orElseThrow().dependsOn());
        assertEquals(
                List.of("Security Clearance", "Architecture Foundation", "Implementation Quality", "System Readiness"),
                plan.gates().stream().map(Gate::name).toList());
        assertEquals(4, plan.gate(1).orElseThrow().criteria().size());
        assertEquals("todo", plan.status(t1), "the security team's own work is what Gate 1 waits for");
        assertEquals("blocked", plan.status(plan.task("T6").orElseThrow()), "no other work proceeds until Gate 1");
    }

    @Test
    void aBlockedTaskCannotStartAndTheAnswerSaysWhatBlocksIt() {
        bot.gateChanges().checkCriterion(SEC, 1, "1", true);
        bot.gateChanges().checkCriterion(SEC, 1, "audit", true);
        Refusal e = assertThrows(Refusal.class, () -> bot.taskChanges().start("software-architect", "T3"));
        assertEquals(
                "T3 cannot start: blocked by T1: Security Vulnerability Fix (todo); T6: Performance Baseline "
                        + "Establishment (blocked); Gate 1: Security Clearance, 2 of 4 criteria met.",
                e.getMessage());
        assertEquals("task", e.field());
        assertEquals(
                new PlanResult.TaskStarted("T1", false, clock.instant(), SEC),
                bot.taskChanges().start(SEC, "T1"));
    }

    @Test
    void aDependencyCycleIsRefusedWhenDeclared() {
        Refusal e = assertThrows(Refusal.class, () -> bot.taskChanges().depend(LEAD, "T1", "T7"));
        assertEquals(
                "Refused: T1 depending on T7 would make a cycle (T7 already depends on T1, directly or not).",
                e.getMessage());
        assertEquals("ref", e.field());
        assertThrows(Refusal.class, () -> bot.taskChanges().depend(LEAD, "T3", "T3"));
        assertEquals(
                new PlanResult.DependencyAdded("T6", "gate:2", false),
                bot.taskChanges().depend(LEAD, "T6", "gate:2"));
        assertTrue(bot.taskChanges().depend(LEAD, "T6", "Gate 2").already());
        assertEquals(
                List.of("gate:2"),
                bot.planService().snapshot().task("T6").orElseThrow().dependsOn());
    }

    @Test
    void aGatePassesOnlyByItsOwnerWithEveryCriterionMetAndSaysWhatItUnblocked() {
        bot.gateChanges().checkCriterion(SEC, 1, "1", true);
        Refusal unmet = assertThrows(Refusal.class, () -> bot.gateChanges().pass(SEC, 1));
        assertEquals(
                "Gate 1: Security Clearance cannot pass: 3 of 4 criteria unmet: 2. Security audit completed with "
                        + "no HIGH risks; 3. Security framework operational; 4. Compliance requirements validated.",
                unmet.getMessage());
        for (String c : List.of("2", "3", "4")) {
            bot.gateChanges().checkCriterion(LEAD, 1, c, true);
        }
        Refusal notOwner = assertThrows(Refusal.class, () -> bot.gateChanges().pass(LEAD, 1));
        assertEquals(
                "Only the gate's owner (python-ml-fintech-reviewer) may pass Gate 1: Security Clearance.",
                notOwner.getMessage());

        GatePassed passed = bot.gateChanges().pass(SEC, 1);
        assertFalse(passed.already());
        assertEquals(1, passed.unblocked());
        assertEquals(
                new GateProgress(
                        1,
                        "Security Clearance",
                        SEC,
                        4,
                        4,
                        "48-72 hours",
                        passed.gate().dueAt(),
                        clock.instant(),
                        SEC,
                        false),
                passed.gate());
        assertEquals(
                "todo",
                bot.planService()
                        .snapshot()
                        .status(bot.planService().snapshot().task("T6").orElseThrow()));
        worker.deliverDue();
        assertEquals(5, slack.textsTo(CHANNEL).size(), "four checks and the pass were posted");
        assertEquals(5, auditCount("gate.%"));

        assertThrows(Refusal.class, () -> bot.gateChanges().reopen(SEC, 1));
        bot.gateChanges().reopen(LEAD, 1);
        assertEquals(
                "blocked",
                bot.planService()
                        .snapshot()
                        .status(bot.planService().snapshot().task("T6").orElseThrow()));
    }

    @Test
    void doneNeedsEveryDeliverableCheckedOrTheLeadsRecordedOverride() {
        bot.taskChanges().start(SEC, "T2");
        Refusal e = assertThrows(Refusal.class, () -> bot.taskChanges().done(SEC, "T2", false));
        assertTrue(
                e.getMessage().startsWith("T2 has unchecked deliverables: 1. Security audit report (48h); 2. Secure"),
                e.getMessage());
        assertThrows(Refusal.class, () -> bot.taskChanges().done(SEC, "T2", true), "only the lead overrides");
        bot.taskChanges().checkDeliverable(SEC, "T1", 1, true);
        TaskDone t1 = bot.taskChanges().done(SEC, "T1", false);
        assertEquals(0, t1.overridden());
        TaskDone t2 = bot.taskChanges().done(LEAD, "T2", true);
        assertEquals(3, t2.overridden());
        assertEquals(1, auditCount("task.done-override"));
        worker.deliverDue();
        assertTrue(slack.textsTo(CHANNEL).stream()
                .anyMatch(t -> t.contains("by the lead's override with 3 deliverable(s) unchecked")));
    }

    @Test
    void reloadingAnEditedConfigKeepsTheProgressRecordedInSlack() throws Exception {
        bot.taskChanges().start(SEC, "T1");
        bot.taskChanges().checkDeliverable(SEC, "T2", 2, true);
        bot.gateChanges().checkCriterion(SEC, 1, "1", true);
        String edited = Fixtures.shippedConfigText()
                .replace("title: Security Vulnerability Fix", "title: Emergency Security Patch")
                .replace(
                        "        - Security compliance documentation\n",
                        "        - Security compliance documentation\n        - Pen-test sign-off\n")
                .replace(
                        "  gates:\n",
                        "    - id: T8\n      title: Threat model\n      priority: HIGH\n      risk: LOW\n"
                                + "      owner: python-ml-fintech-reviewer\n      due: \"Week 2\"\n      deliverables: [STRIDE table]\n"
                                + "      depends_on: [T1]\n\n  gates:\n");
        startOnPlan(edited, "phasebot.db");
        PlanSnapshot plan = bot.planService().snapshot();

        Task t1 = plan.task("T1").orElseThrow();
        assertEquals("Emergency Security Patch", t1.title());
        assertEquals("in_progress", t1.status());
        Task t2 = plan.task("T2").orElseThrow();
        assertEquals(4, t2.deliverables().size());
        assertTrue(t2.deliverables().get(1).isChecked(), "the checked deliverable stays checked");
        assertEquals("Pen-test sign-off", t2.deliverables().get(3).text());
        assertEquals(1, plan.gate(1).orElseThrow().metCount());
        assertEquals(List.of("T1"), plan.task("T8").orElseThrow().dependsOn());
    }

    @Test
    void overdueNoticesGoOnceADay() {
        clock.setLocal("2025-09-10T09:16"); // week 3: every task of the shipped plan is past due
        assertTrue(bot.planService().overdueCheck());
        worker.deliverDue();
        List<String> posts = slack.textsTo(CHANNEL);
        assertEquals(1, posts.size());
        assertTrue(posts.get(0).startsWith("Overdue tasks, Wednesday 10 September 2025\n"), posts.get(0));
        assertTrue(
                posts.get(0)
                        .contains("  • T1 Security Vulnerability Fix · CRITICAL · python-ml-fintech-reviewer · todo "
                                + "· due 24-48 hours (overdue since Wed 20 Aug)"),
                posts.get(0));
        assertEquals(
                List.of("T1", "T2", "T3", "T4", "T5", "T6", "T7"),
                bot.planService().overdue().stream().map(TaskRow::id).toList());
        assertEquals(1, slack.textsTo("dm:" + SEC).size());
        assertTrue(
                slack.textsTo("dm:" + SEC).get(0).startsWith("You own 2 overdue tasks:"),
                slack.textsTo("dm:" + SEC).get(0));

        clock.at("17:00");
        assertFalse(bot.planService().overdueCheck());
        worker.deliverDue();
        assertEquals(1, slack.textsTo(CHANNEL).size(), "nothing twice a day");

        clock.setLocal("2025-09-11T09:16");
        assertTrue(bot.planService().overdueCheck());
        worker.deliverDue();
        assertEquals(2, slack.textsTo(CHANNEL).size());
    }

    @Test
    void nothingIsOverdueBeforeItsDueWindowEnds() {
        clock.at("09:16"); // 33 hours in: T1 is due by hour 48
        bot.planService().overdueCheck();
        worker.deliverDue();
        assertTrue(slack.delivered().isEmpty());
    }

    @Test
    void aStandupBlockerNamingATaskShowsThatTasksState() {
        clock.at("09:00");
        bot.standupSession().openScheduled();
        bot.standupUpdates()
                .submit(
                        "software-architect",
                        new dev.phasebot.standup.StandupUpdate(
                                "", "waiting on #T1 before the decomposition design", "", ""));
        at("09:15");
        String summary = slack.textsTo(CHANNEL).get(1);
        assertTrue(
                summary.contains("  • software-architect is blocked: waiting on #T1 before the decomposition design "
                        + "→ T1 Security Vulnerability Fix (todo)"),
                summary);
    }

    @Test
    void refusalsNameTheFieldTheyConcern() {
        assertEquals(
                "owner",
                assertThrows(
                                Refusal.class,
                                () -> bot.taskChanges()
                                        .add("qa-engineer", "Review", null, null, "ml-engineer", null, List.of()))
                        .field());
        assertEquals(
                "title",
                assertThrows(Refusal.class, () -> bot.taskChanges().add(LEAD, " ", null, null, null, null, List.of()))
                        .field());
        assertEquals(
                "priority",
                assertThrows(Refusal.class, () -> bot.taskChanges().edit(LEAD, "T1", "priority", "urgent"))
                        .field());
        assertEquals(
                "criterion",
                assertThrows(Refusal.class, () -> bot.gateChanges().checkCriterion(SEC, 1, "security", true))
                        .field());
        assertEquals(
                "task",
                assertThrows(Refusal.class, () -> bot.taskChanges().start(LEAD, "T99"))
                        .field());
        assertEquals(
                "gate",
                assertThrows(Refusal.class, () -> bot.gateChanges().pass(SEC, 9))
                        .field());
    }

    @Test
    void otherFeaturesGetGatesOverdueTasksAndTaskBriefsAsValues() {
        bot.gateChanges().checkCriterion(SEC, 1, "1", true);

        GateProgress gate1 = bot.planService().gateProgress().get(0);
        assertEquals(List.of(1L, 4), List.of(gate1.met(), gate1.total()));
        assertEquals(
                java.util.Optional.of(new TaskBrief("T3", "Model Architecture Design", "blocked")),
                bot.planService().describeTaskValue("T3"));
        clock.setLocal("2025-08-20T09:00");
        assertEquals(
                List.of("T1"),
                bot.planService().overdue().stream().map(TaskRow::id).toList());
    }

    private int auditCount(String actionLike) {
        return bot.database()
                .read(tx -> tx.queryOne(
                        "SELECT count(*) FROM audit_log WHERE action LIKE ?", rs -> rs.getInt(1), actionLike))
                .orElseThrow();
    }
}
