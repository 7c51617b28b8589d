package dev.phasebot.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Standups, incidents, decisions and metrics keep their history across phases: each history
 * command takes {@code phase <name or number>}, and a list reaching into an earlier phase says so.
 */
class PhaseHistoryTest extends BotTest {

    private static final String PHASE_2 = "AlphaPy Phase 2: Specialist Implementation & Security Hardening";
    private static final String LEAD = "senior-system-developer";
    private static final String QA = "qa-engineer";

    PhaseHistoryTest() {
        super("2025-08-19T09:05");
    }

    /**
     * GIVEN phase 2 (the install's first phase) with an update, a decision, two metric values, an
     * incident resolved and one left open; THEN phase 3 begun three weeks later, with records of its own.
     */
    @BeforeEach
    void twoPhasesOfHistory() {
        run(QA, "/standup", "today: PHASE2-UPDATE fuzz the loader");
        run(LEAD, "/decision", "PHASE2-DECISION configs are validated with pydantic");
        run(LEAD, "/metric", "predict_p99_ms 55 ms");
        clock.at("2025-08-20T10:00");
        run(LEAD, "/metric", "predict_p99_ms 50 ms");
        run(LEAD, "/incident", "HIGH Flaky CI runner");
        run(LEAD, "/incident", "Token leak in CI logs");
        run(LEAD, "/incident", "resolve 1 runner replaced");

        clock.at("2025-09-08T09:05");
        startOnPlan(Fixtures.nextPhaseConfigText(), "phasebot.db");
        run(QA, "/standup", "today: PHASE3-UPDATE kafka consumer");
        run(LEAD, "/decision", "PHASE3-DECISION consumers commit offsets after processing");
        run(LEAD, "/metric", "predict_p99_ms 41 ms");
        run(LEAD, "/incident", "HIGH Consumer lag alerts");
    }

    @Test
    void standupHistoryOfAPhaseShowsOnlyTheUpdatesPostedInIt() {
        String first = run(QA, "/standup", "history phase 1");
        assertTrue(first.contains("PHASE2-UPDATE"), first);
        assertFalse(first.contains("PHASE3-UPDATE"), first);
        assertTrue(first.startsWith("Standup history, " + PHASE_2), first);

        String next = run(QA, "/standup", "history phase " + Fixtures.NEXT_PHASE.toLowerCase());
        assertTrue(next.contains("PHASE3-UPDATE"), next);
        assertFalse(next.contains("PHASE2-UPDATE"), next);

        String mine = run(LEAD, "/standup", "history phase qa-engineer " + PHASE_2);
        assertTrue(mine.contains("PHASE2-UPDATE"), mine);
        assertEquals(
                "No standup updates from devops-engineer in " + PHASE_2 + ".",
                run(LEAD, "/standup", "history phase devops-engineer 1"));
    }

    @Test
    void standupHistoryAcrossTheBoundaryLabelsEachDayWithItsPhase() {
        String history = run(QA, "/standup", "history 30");
        assertTrue(history.contains("Tuesday 19 August 2025 · " + PHASE_2), history);
        assertTrue(history.contains("Monday 8 September 2025 · " + Fixtures.NEXT_PHASE), history);
        String thisPhaseOnly = run(QA, "/standup", "history 1");
        assertFalse(thisPhaseOnly.contains(" · AlphaPy"), thisPhaseOnly);
    }

    @Test
    void incidentListOfAPhaseShowsEveryIncidentRaisedInItWithItsState() {
        String first = run(LEAD, "/incident", "list phase " + PHASE_2);
        assertTrue(first.contains("Incidents raised in " + PHASE_2 + ": 2 (1 open)"), first);
        assertTrue(
                first.contains("#1 HIGH · Flaky CI runner — resolved Wed 20 Aug 10:00 EDT by senior-system-developer"),
                first);
        assertTrue(first.contains("#2 CRITICAL · Token leak in CI logs"), first);
        assertTrue(first.contains("carried over to the next phase"), first);
        assertFalse(first.contains("Consumer lag"), first);

        String next = run(LEAD, "/incident", "list phase 2");
        assertTrue(next.contains("#3 HIGH · Consumer lag alerts"), next);
        assertFalse(next.contains("#1") || next.contains("#2"), next);
    }

    @Test
    void anOpenIncidentFromTheEarlierPhaseIsListedAsCarriedOver() {
        String open = run(LEAD, "/incident", "list");
        assertTrue(open.contains("Token leak in CI logs"), open);
        assertTrue(open.contains("(carried over from " + PHASE_2 + ")"), open);
        String lag = open.lines().filter(l -> l.contains("#3")).findFirst().orElseThrow();
        assertFalse(lag.contains("carried over"), lag);
    }

    @Test
    void decisionListOfAPhaseShowsOnlyItsDecisions() {
        String first = run(LEAD, "/decision", "list phase " + PHASE_2);
        assertTrue(first.contains("PHASE2-DECISION"), first);
        assertFalse(first.contains("PHASE3-DECISION"), first);

        String next = run(LEAD, "/decision", "list phase 2");
        assertTrue(next.contains("PHASE3-DECISION"), next);
        assertFalse(next.contains("PHASE2-DECISION"), next);
    }

    @Test
    void aWeekOfAnEarlierPhaseSaysWhichPhaseItsDecisionsWereIn() {
        String week = run(LEAD, "/decision", "list 2025-08-19");
        assertTrue(week.contains("PHASE2-DECISION"), week);
        assertTrue(week.contains("(" + PHASE_2 + ")"), week);
        String thisWeek = run(LEAD, "/decision", "list");
        assertFalse(thisWeek.contains("(AlphaPy"), thisWeek);
    }

    @Test
    void metricListOfAPhaseShowsTheValuesRecordedInItAgainstTheBaseline() {
        String first = run(LEAD, "/metric", "list phase 1");
        assertTrue(
                first.contains(
                        "predict_p99_ms: 50 ms last (baseline 55 ms, -9.1% since baseline; 2 values in the phase, first 55 ms)"),
                first);
        String next = run(LEAD, "/metric", "list phase " + Fixtures.NEXT_PHASE);
        assertTrue(
                next.contains(
                        "predict_p99_ms: 41 ms last (baseline 55 ms, -25.5% since baseline; 1 value in the phase)"),
                next);
        String now = run(LEAD, "/metric", "list");
        assertTrue(now.contains("(baseline set in " + PHASE_2 + ")"), now);
    }

    @Test
    void anUnknownPhaseIsOneLineNamingThePhases() {
        String refused = error(LEAD, "/decision", "list phase Phase 9: Moonshot");
        assertEquals(1, refused.lines().count(), refused);
        assertTrue(refused.startsWith("No phase is called \"Phase 9: Moonshot\"."), refused);
        assertTrue(refused.contains("1. " + PHASE_2) && refused.contains("2. " + Fixtures.NEXT_PHASE), refused);
        assertTrue(refused.contains("/phase list"), refused);
        assertEquals(refused, error(LEAD, "/incident", "list phase Phase 9: Moonshot"));
    }

    @Test
    void aSlipOfThePhaseWordIsAnsweredWithDidYouMean() {
        String slip = error(LEAD, "/decision", "list phse 1");
        assertTrue(slip.contains("Did you mean /decision list phase 1?"), slip);
        String alone = error(LEAD, "/decision", "list phse");
        assertTrue(alone.startsWith("Did you mean /decision list phase?"), alone);
        String metric = error(LEAD, "/metric", "list phse 1");
        assertTrue(metric.contains("Did you mean /metric list phase 1?"), metric);
        String standup = error(QA, "/standup", "history phse 1");
        assertTrue(standup.contains("Did you mean /standup history phase 1?"), standup);
    }

    private String run(String agent, String command, String text) {
        CommandReply reply = bot.dispatcher().handle(Caller.agent(agent), command, text);
        return reply instanceof CommandReply.Text t ? t.text() : reply.toString();
    }

    private String error(String agent, String command, String text) {
        return assertThrows(CommandException.class, () -> bot.dispatcher().handle(Caller.agent(agent), command, text))
                .getMessage();
    }
}
