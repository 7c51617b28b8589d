package dev.phasebot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.message.Block;
import dev.phasebot.message.Doc;
import dev.phasebot.message.PlainText;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import dev.phasebot.plan.PlanResult.CriterionChecked;
import dev.phasebot.plan.PlanResult.DeliverableChecked;
import dev.phasebot.plan.PlanResult.GatePassed;
import dev.phasebot.plan.PlanResult.TaskDone;
import dev.phasebot.plan.PlanResult.TaskReopened;
import dev.phasebot.support.SettableClock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan's posts and answers word for word, as the console and Slack's fallback show them. */
class PlanDocsTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final SettableClock clock = SettableClock.newYork("2025-09-10T09:16");
    private final PlanDocs posts = new PlanDocs(NEW_YORK, clock);
    private final AnswerDocs answers = new AnswerDocs(NEW_YORK, clock);

    private static final TaskRow T1 = new TaskRow(
            "T1",
            "Fix <script> & co",
            "CRITICAL",
            "sec",
            "todo",
            "24-48 hours",
            java.time.Instant.parse("2025-08-20T04:00:00Z"),
            true,
            0,
            1);
    private static final TaskRow T7 =
            new TaskRow("T7", "CI", "MEDIUM", "devops", "blocked", "whenever", null, false, 0, 4);

    @Test
    void theOverduePostIsAHeadingAndOneBulletATaskWithUserTextAsItIs() {
        Doc doc = posts.overdueList(LocalDate.of(2025, 9, 10), List.of(T1, T7));

        assertEquals(
                String.join(
                        "\n",
                        "Overdue tasks, Wednesday 10 September 2025",
                        "",
                        "  • T1 Fix <script> & co · CRITICAL · sec · todo · due 24-48 hours (overdue since Wed 20 Aug)",
                        "  • T7 CI · MEDIUM · devops · blocked"),
                plain(doc));
        assertEquals(
                Span.mark(Symbol.DUE),
                ((Block.Heading) doc.blocks().get(0)).line().spans().get(0));
    }

    @Test
    void eachOwnerIsToldHowManyOfTheirTasksAreOverdue() {
        assertEquals(
                "You own 1 overdue task:\n\n  • T7 CI · MEDIUM · devops · blocked",
                plain(posts.overdueDm(List.of(T7))));
        assertTrue(plain(posts.overdueDm(List.of(T1, T7))).startsWith("You own 2 overdue tasks:"));
    }

    @Test
    void aTaskDoneSaysWhoFinishedItTheOverrideAndWhatItUnblocked() {
        assertEquals(
                "✓ T2 Audit is done (lead), by the lead's override with 3 deliverable(s) unchecked; 2 tasks unblocked.",
                plain(posts.taskDone(new TaskDone("T2", "Audit", false, clock.instant(), "lead", 3, 2))));
        assertEquals(
                "✓ T1 Fix is done (sec).",
                plain(posts.taskDone(new TaskDone("T1", "Fix", false, clock.instant(), "sec", 0, 0))));
        assertEquals(
                "↺ T1 Fix was reopened by lead; T3, T5 are blocked again.",
                plain(posts.taskReopened(new TaskReopened("T1", "Fix", true, "lead", List.of("T3", "T5")))));
    }

    @Test
    void gatePostsAndAlreadyAnswers() {
        GateProgress passed =
                new GateProgress(1, "Security", "sec", 4, 4, "Week 1", null, clock.instant(), "sec", false);
        assertEquals(
                "Gate 1: Security passed: 1 task unblocked. Work resumes.",
                plain(answers.answer(new GatePassed(passed, false, "Work resumes", 1))));
        assertEquals(
                "Gate 1 already passed on Wed 10 Sep by sec.",
                plain(answers.answer(new GatePassed(passed, true, null, 0))));
        ChecklistItem item = new ChecklistItem(2, "Audit done", clock.instant(), "sec");
        GateProgress open = new GateProgress(1, "Security", "sec", 2, 4, "Week 1", null, null, null, false);
        assertEquals(
                "Gate 1 criterion 2 is already checked (by sec at 09:16 EDT).",
                plain(answers.answer(new CriterionChecked(open, item, true, true, "lead"))));
        assertEquals(
                "☑ Gate 1: Security: lead checked \"Audit done\" (2 of 4 criteria met).",
                plain(answers.answer(new CriterionChecked(open, item, true, false, "lead"))));
    }

    @Test
    void aDeliverableCheckSaysHowManyAreDone() {
        ChecklistItem unticked = new ChecklistItem(2, "Report", null, null);
        assertEquals(
                "T2 deliverable 2 (Report) checked: 2 of 3 done.",
                plain(answers.answer(new DeliverableChecked("T2", unticked, true, false, 2, 3))));
        assertEquals(
                "T2 deliverable 2 (Report) is not checked.",
                plain(answers.answer(new DeliverableChecked("T2", unticked, false, true, 1, 3))));
    }

    @Test
    void everyKindOfPlanResultIsWordedByTheAnswerDocsAlreadyOrNot() throws ReflectiveOperationException {
        // Java 17 has no pattern switch over a sealed type: this walks every kind the type permits,
        // so a kind added without wording in AnswerDocs fails here instead of in a user's answer.
        for (Class<?> kind : PlanResult.class.getPermittedSubclasses()) {
            for (boolean flag : new boolean[] {true, false}) {
                PlanResult result = sample(kind, flag);
                assertFalse(plain(answers.answer(result)).isBlank(), kind.getSimpleName() + " has no wording");
            }
        }
    }

    /** A result of this kind with every boolean (already, met, checked, ...) set to {@code flag}. */
    private PlanResult sample(Class<?> kind, boolean flag) throws ReflectiveOperationException {
        java.lang.reflect.RecordComponent[] components = kind.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sampleValue(types[i], flag);
        }
        return (PlanResult) kind.getDeclaredConstructor(types).newInstance(values);
    }

    private Object sampleValue(Class<?> type, boolean flag) {
        java.time.Instant at = clock.instant();
        if (type == String.class) {
            return "T5";
        }
        if (type == boolean.class) {
            return flag;
        }
        if (type == int.class) {
            return 2;
        }
        if (type == long.class) {
            return 1L;
        }
        if (type == java.time.Instant.class) {
            return at;
        }
        if (type == List.class) {
            return List.of("T6");
        }
        if (type == ChecklistItem.class) {
            return new ChecklistItem(1, "Audit done", at, "sec");
        }
        if (type == GateProgress.class) {
            return new GateProgress(1, "Security", "sec", 1, 2, "Week 1", at, at, "sec", false);
        }
        throw new AssertionError("give the test a sample " + type.getSimpleName());
    }

    private static String plain(Doc doc) {
        return PlainText.withUserIds().render(doc);
    }
}
