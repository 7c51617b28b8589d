package dev.phasebot.oncall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.incident.Act;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A missed milestone pages whoever holds its role when it is missed, not when the incident was raised. */
class OnCallPagingTest extends BotTest {

    private static final String MISSED = "missed its implementation or escalation deadline";

    OnCallPagingTest() {
        // Monday: the contact rotation hands over from senior-system-developer to software-architect at 09:00.
        super("2026-11-30T07:30");
    }

    @Test
    void aMissedMilestonePagesWhoeverIsOnCallWhenItIsMissed() {
        startOnPlan(Fixtures.shippedConfigText() + OnCallTest.CONTACT_ROTATION, "rotation.db");
        bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, null));
        worker.deliverDue();
        at("09:30");
        List<String> notices = slack.textsTo("channel:coordination").stream()
                .filter(t -> t.contains(MISSED))
                .toList();
        assertEquals(
                List.of("! Incident #1 missed its implementation or escalation deadline (due 09:30 EST)."
                        + " Paging software-architect (contact)."),
                notices);
        assertTrue(
                slack.textsTo("dm:software-architect").stream().anyMatch(t -> t.startsWith(notices.get(0))),
                "the contact on call at 09:30 is paged by DM");
        assertTrue(
                slack.textsTo("dm:senior-system-developer").stream().noneMatch(t -> t.contains(MISSED)),
                "the contact on call at the raise is not");
    }

    @Test
    void anEscalationPagesTheContactOnCallWhenItIsEscalated() {
        startOnPlan(Fixtures.shippedConfigText() + OnCallTest.CONTACT_ROTATION, "rotation.db");
        bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, "T4"));
        at("09:05");
        bot.incidents().act("ml-engineer", 1, Act.ESCALATE, "vendor bug, needs their on-call");
        at("09:06");
        assertTrue(slack.textsTo("dm:software-architect").stream()
                .anyMatch(t -> t.contains("was escalated by ml-engineer")));
        assertTrue(slack.textsTo("dm:senior-system-developer").stream()
                .noneMatch(t -> t.contains("was escalated by ml-engineer")));
    }
}
