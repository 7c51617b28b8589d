package dev.phasebot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandReply;
import dev.phasebot.message.Refusal;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A plan file that drops a task, gate, deliverable or criterion: archived with its history, and said. */
class PlanArchiveTest extends BotTest {

    private static final String LEAD = "senior-system-developer";
    private static final String DEVOPS = "devops-engineer";
    private static final String COORDINATION = "channel:coordination";
    private static final String T7 = "    - id: T7\n      title: CI/CD Pipeline Enhancement\n      priority: MEDIUM\n"
            + "      risk: LOW\n      owner: devops-engineer\n      due: \"Week 2\"\n      deliverables:\n"
            + "        - Enhanced CI/CD pipeline\n        - Security monitoring system\n"
            + "        - Performance monitoring dashboard\n        - Deployment automation\n"
            + "      depends_on: [T1, T5]\n";

    PlanArchiveTest() {
        super("2025-08-19T10:00");
    }

    static String withoutT7() {
        String shipped = Fixtures.shippedConfigText();
        assertTrue(shipped.contains(T7), "the shipped T7 as this test knows it");
        return shipped.replace(T7, "");
    }

    @Test
    void aDroppedTaskIsArchivedWithItsHistoryAndSaid() {
        bot.taskChanges().checkDeliverable(DEVOPS, "T7", 1, true);
        bot.taskChanges().done(LEAD, "T7", true);
        worker.deliverDue();
        int before = slack.textsTo(COORDINATION).size();

        List<ILoggingEvent> logged = capture(() -> startOnPlan(withoutT7(), "phasebot.db"));
        worker.deliverDue();

        PlanSnapshot plan = bot.planService().snapshot();
        assertFalse(plan.task("T7").isPresent(), "an archived task is out of the plan's views");
        assertFalse(bot.dashboard().render().contains("T7"), bot.dashboard().render());
        clock.setLocal("2025-09-10T09:16");
        assertFalse(bot.planService().overdue().stream().anyMatch(t -> t.id().equals("T7")));
        assertEquals(
                List.of("INFO Plan changed at start-up: T7 archived (no longer in the config)"),
                logged.stream()
                        .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                        .toList());
        List<String> posts = slack.textsTo(COORDINATION);
        assertEquals(before + 1, posts.size());
        assertEquals("Plan changed at start-up: T7 archived (no longer in the config).", posts.get(posts.size() - 1));

        PlanService.TaskView view = bot.planService().task("t7");
        assertEquals("done", view.task().status(), "its history is kept");
        assertEquals(LEAD, view.task().doneBy());
        assertTrue(view.task().deliverables().get(0).isChecked());
        String shown = ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(DEVOPS), "/task", "T7")).text();
        assertTrue(shown.contains("Archived on Tue 19 Aug 2025"), shown);
    }

    @Test
    void aTaskBackInTheConfigIsLiveAgainWithItsHistory() {
        bot.taskChanges().done(LEAD, "T7", true);
        startOnPlan(withoutT7(), "phasebot.db");
        assertEquals(List.of("T7 back (in the config again)"), syncOn(Fixtures.shippedConfigText()));
        Task t7 = bot.planService().snapshot().task("T7").orElseThrow();
        assertEquals("done", t7.status());
    }

    @Test
    void aRestartWithTheSameConfigSaysNothing() {
        worker.deliverDue();
        int before = slack.textsTo(COORDINATION).size();
        List<ILoggingEvent> logged = capture(() -> startOnPlan(Fixtures.shippedConfigText(), "phasebot.db"));
        worker.deliverDue();
        assertEquals(List.of(), logged);
        assertEquals(before, slack.textsTo(COORDINATION).size());
    }

    @Test
    void droppedCriteriaAndDeliverablesAreArchivedAndNewOnesSaid() {
        bot.gateChanges().checkCriterion("software-architect", 2, "4", true);
        String edited = Fixtures.shippedConfigText()
                .replace("        - Migration strategy documented\n", "        - Rollback plan reviewed\n")
                .replace("        - Deployment automation\n", "");
        assertEquals(
                List.of(
                        "T7 deliverable \"Deployment automation\" archived (no longer in the config)",
                        "Gate 2 criterion 4 added",
                        "Gate 2 criterion \"Migration strategy documented\" archived (no longer in the config)"),
                syncOn(edited));
        Gate gate2 = bot.planService().gate(2);
        assertEquals(4, gate2.criteria().size());
        assertEquals("Rollback plan reviewed", gate2.criteria().get(3).text());
        assertEquals(0, gate2.metCount(), "the archived criterion's tick does not count");
        assertEquals(
                3,
                bot.planService()
                        .snapshot()
                        .task("T7")
                        .orElseThrow()
                        .deliverables()
                        .size());
        assertThrows(
                Refusal.class,
                () -> bot.gateChanges().checkCriterion("software-architect", 2, "5", true),
                "an archived criterion cannot be ticked");

        assertEquals(
                List.of(
                        "T7 deliverable 4 added",
                        "Gate 2 criterion 4 added",
                        "Gate 2 criterion \"Rollback plan reviewed\" archived (no longer in the config)"),
                syncOn(Fixtures.shippedConfigText()));
        assertEquals(1, bot.planService().gate(2).metCount(), "a criterion back in the config keeps its tick");
    }

    @Test
    void aTaskAddedInSlackIsNotDroppedByTheConfig() {
        bot.taskChanges().add(LEAD, "Write the runbook", "MEDIUM", "LOW", DEVOPS, "Week 2", List.of());
        String id = bot.planService().snapshot().tasks().get(7).id();
        startOnPlan(Fixtures.shippedConfigText(), "phasebot.db");
        assertTrue(bot.planService().snapshot().task(id).isPresent());
    }

    /** Restarts on {@code configText} and returns the changes the coordination channel was told. */
    private List<String> syncOn(String configText) {
        worker.deliverDue();
        int before = slack.textsTo(COORDINATION).size();
        startOnPlan(configText, "phasebot.db");
        worker.deliverDue();
        List<String> posts = slack.textsTo(COORDINATION);
        assertEquals(before + 1, posts.size(), "one message for the whole sync");
        String last = posts.get(posts.size() - 1);
        assertTrue(last.startsWith("Plan changed at start-up: "), last);
        return List.of(last.substring("Plan changed at start-up: ".length(), last.length() - 1)
                .split("; "));
    }

    private static List<ILoggingEvent> capture(Runnable action) {
        Logger logger = (Logger) LoggerFactory.getLogger(PlanService.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            action.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list;
    }
}
