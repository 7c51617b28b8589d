package dev.phasebot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A config without phase.start: the phase starts the day phasebot first runs it, and keeps that day. */
class PhaseStartTest extends BotTest {

    PhaseStartTest() {
        super("2026-12-05T10:00");
    }

    @Test
    void theShippedFileLeavesTheStartOutSoTheFirstRunIsDayOne() {
        startOnPlan(Fixtures.shippedConfigTextAsShipped(), "newcomer.db");
        assertEquals(LocalDate.of(2026, 12, 5), bot.config().phase().start());
        assertEquals(List.of(), bot.planService().overdue(), "nothing is overdue on a newcomer's first day");
        assertTrue(
                bot.dashboard()
                        .render()
                        .contains("Started Sat 5 Dec 2026, the day phasebot first ran it (phase.start is not set)"),
                bot.dashboard().render());
    }

    @Test
    void aRestartDaysLaterKeepsTheDayOfTheFirstRun() {
        startOnPlan(Fixtures.shippedConfigTextAsShipped(), "newcomer.db");
        clock.at("2026-12-09T11:00");
        startOnPlan(Fixtures.shippedConfigTextAsShipped(), "newcomer.db");
        assertEquals(LocalDate.of(2026, 12, 5), bot.config().phase().start());
        assertTrue(bot.dashboard().render().contains("Started Sat 5 Dec 2026, the day phasebot first ran it"));
        // T1 is due in 24-48 hours: counted from the first run's day, it is overdue four days on.
        assertEquals("T1", bot.planService().overdue().get(0).id(), "due dates count from the stored first day");
    }

    @Test
    void aConfiguredStartIsUsedAndTheDashboardSaysSo() {
        assertEquals(LocalDate.of(2025, 8, 18), bot.config().phase().start());
        assertTrue(
                bot.dashboard().render().contains("Started Mon 18 Aug 2025 (phase.start)"),
                bot.dashboard().render());
    }
}
