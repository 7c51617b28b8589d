package dev.phasebot.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandReply;
import dev.phasebot.config.ConfigException;
import dev.phasebot.phase.Phases.Phase;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A config naming the next phase starts it: the previous one ends and keeps its plan and history. */
class NextPhaseTest extends BotTest {

    private static final String PHASE_2 = "AlphaPy Phase 2: Specialist Implementation & Security Hardening";
    private static final String LEAD = "senior-system-developer";
    private static final String COORDINATION = "channel:coordination";

    NextPhaseTest() {
        super("2025-08-19T10:00");
    }

    @Test
    void theFirstStartRecordsTheConfigsPhaseAsTheFirst() {
        List<Phase> phases = new Phases(Fixtures.store(dir.resolve("phasebot.db"))).all();
        assertEquals(1, phases.size());
        assertEquals(PHASE_2, phases.get(0).name());
        assertFalse(phases.get(0).ended());
    }

    @Test
    void aConfigNamingTheNextPhaseSupersedesTheCurrentAndStartsItsPlanFresh() {
        run("/task", "start T1");
        clock.at("2025-09-08T08:00");
        startOnPlan(Fixtures.nextPhaseConfigText(), "phasebot.db");
        worker.deliverDue();

        List<Phase> phases = bot.phases().all();
        assertEquals(
                List.of(PHASE_2, Fixtures.NEXT_PHASE),
                phases.stream().map(Phase::name).toList());
        assertTrue(phases.get(0).superseded());
        assertFalse(phases.get(1).ended());
        assertEquals(
                List.of("T1", "T2"),
                bot.planService().snapshot().tasks().stream().map(t -> t.id()).toList(),
                "only the next phase's tasks");
        assertEquals(
                "Streaming pipeline",
                bot.planService().snapshot().task("T1").orElseThrow().title());
        assertEquals(
                "todo", bot.planService().snapshot().task("T1").orElseThrow().status());
        String archived = bot.phases().archivedRows(PHASE_2, "task").orElseThrow();
        assertTrue(archived.contains("Security Vulnerability Fix") && archived.contains("in_progress"), archived);
        String told = lastTo(COORDINATION);
        assertTrue(told.contains(Fixtures.NEXT_PHASE + " began"), told);
        assertTrue(told.contains("superseded"), told);
    }

    @Test
    void aRestartOnTheSamePhaseChangesNothing() {
        int tasks = bot.planService().snapshot().tasks().size();
        startOnPlan(Fixtures.shippedConfigText(), "phasebot.db");
        assertEquals(1, bot.phases().all().size());
        assertEquals(tasks, bot.planService().snapshot().tasks().size());
    }

    @Test
    void anOpenIncidentCarriesOverAndSaysSo() {
        run("/incident", "Token leak in CI logs | severity: CRITICAL | affects: T1");
        startOnPlan(Fixtures.nextPhaseConfigText(), "phasebot.db");
        worker.deliverDue();
        assertTrue(lastTo(COORDINATION).contains("open incidents #1"), lastTo(COORDINATION));
        String card = run("/incident", "show 1");
        assertTrue(card.contains("carried over"), card);
    }

    @Test
    void aCarriedOverIncidentsFollowUpKeepsItsTaskAsItWasNotTheNextPlansTaskOfTheSameId() {
        run("/incident", "Pipeline outage | severity: CRITICAL | affects: T1");
        String made = run("/incident", "followup 1 rotate the CI tokens qa-engineer 2025-08-25");
        String task = made.substring("Follow-up ".length(), made.indexOf(' ', "Follow-up ".length()));
        startOnPlan(Fixtures.nextPhaseConfigText(), "phasebot.db");
        // The new plan gets a task of the same id.
        String added = "";
        for (int tries = 0; tries < 12 && !added.startsWith("Added " + task + ":"); tries++) {
            added = run("/task", "add Another phase 3 task");
        }
        assertTrue(added.startsWith("Added " + task + ":"), added);

        String markdown = bot.incidentQueries().report(LEAD, 1).markdown();
        assertTrue(
                markdown.contains("- [ ] " + task
                        + " rotate the CI tokens (qa-engineer, due 2025-08-25; in the plan of " + PHASE_2 + ")"),
                markdown);
        assertFalse(markdown.contains("Another phase 3 task"), markdown);
        assertTrue(
                bot.reviewSession()
                        .preview()
                        .reported(dev.phasebot.review.Agenda.Source.FOLLOW_UPS)
                        .isEmpty(),
                "the next plan's task is no follow-up of the incident");
    }

    @Test
    void aConfigNamingAnEarlierPhaseAgainIsRefusedWithTheKey() {
        startOnPlan(Fixtures.nextPhaseConfigText(), "phasebot.db");
        ConfigException refused =
                assertThrows(ConfigException.class, () -> startOnPlan(Fixtures.shippedConfigText(), "phasebot.db"));
        assertTrue(refused.getMessage().startsWith("phase.name: "), refused.getMessage());
    }

    @Test
    void phaseListShowsEachPhaseByItsFullName() {
        startOnPlan(Fixtures.nextPhaseConfigText(), "phasebot.db");
        String list = run("/phase", "list");
        assertTrue(list.contains("1. " + PHASE_2), list);
        assertTrue(list.contains("superseded"), list);
        assertTrue(list.contains("2. " + Fixtures.NEXT_PHASE), list);
        assertTrue(list.contains("current"), list);
    }

    private String run(String command, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(LEAD), command, text)).text();
    }
}
