package dev.phasebot.oncall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandReply;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import org.junit.jupiter.api.Test;

/** /oncall as typed. */
class OnCallCommandsTest extends BotTest {

    OnCallCommandsTest() {
        super("2026-11-24T09:00");
    }

    @Test
    void onCallNamesEachRoleWithItsFixedPersonWhenThePlanHasNoRotation() {
        assertEquals(
                "On call\n"
                        + "Tue 24 Nov 09:00 EST\n\n"
                        + "Who is paged, per role\n"
                        + "  • lead: senior-system-developer (fixed, no rotation)\n"
                        + "  • contact: senior-system-developer (fixed, no rotation)",
                run("qa-engineer"));
    }

    @Test
    void onCallShowsWhoIsOnCallNowUntilWhenAndWhoIsNext() {
        startOnPlan(Fixtures.shippedConfigText() + OnCallTest.CONTACT_ROTATION, "rotation.db");
        assertEquals(
                "On call\n"
                        + "Tue 24 Nov 09:00 EST\n\n"
                        + "Who is paged, per role\n"
                        + "  • lead: senior-system-developer (fixed, no rotation)\n"
                        + "  • contact: senior-system-developer since Mon 23 Nov 09:00 EST, until Mon 30 Nov 09:00 EST"
                        + " (in 6 d), then software-architect",
                run("qa-engineer"));
    }

    private String run(String agent) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), "/oncall", "")).text();
    }
}
