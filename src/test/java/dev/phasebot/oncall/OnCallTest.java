package dev.phasebot.oncall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ConfigException;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SettableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Who is on call, read from the plan's rotations, at local hand-off times. */
class OnCallTest {

    /** The shipped plan's commented example, switched on: weekly, Monday 09:00 New York, from the phase's start. */
    static final String CONTACT_ROTATION = "\noncall:\n"
            + "  contact:\n"
            + "    agents: [senior-system-developer, software-architect, devops-engineer]\n"
            + "    hand_off_day: MONDAY\n"
            + "    hand_off_time: \"09:00\"\n"
            + "    shift: P7D\n";

    private final SettableClock clock = SettableClock.newYork("2026-10-28T12:00");

    @Test
    void aRotationHandsTheRoleOnAtItsHandOffTime() {
        OnCall onCall = new OnCall(plan(CONTACT_ROTATION), clock);
        // 2025-08-18 is the first Monday; the week of 2026-10-26 is shift 62: the third agent's.
        Shift week = onCall.shiftAt("contact", local("2026-10-26T09:00"));
        assertEquals("devops-engineer", week.person());
        assertEquals(local("2026-10-26T09:00"), week.since());
        assertEquals(local("2026-11-02T09:00"), week.until());
        assertEquals("senior-system-developer", week.next());
        assertEquals("software-architect", onCall.personAt("contact", local("2026-10-26T08:59")));
        assertEquals("senior-system-developer", onCall.personAt("contact", local("2026-11-09T08:59")));
        assertEquals("software-architect", onCall.personAt("contact", local("2026-11-09T09:00")));
    }

    @Test
    void theHandOffAfterTheDstChangeStaysAtNineLocal() {
        OnCall onCall = new OnCall(plan(CONTACT_ROTATION), clock);
        // Clocks go back on Sunday 2026-11-01: the Monday 09:00 EST hand-off is 14:00 UTC, not 13:00.
        assertEquals("devops-engineer", onCall.personAt("contact", Instant.parse("2026-11-02T13:59:00Z")));
        assertEquals("senior-system-developer", onCall.personAt("contact", Instant.parse("2026-11-02T14:00:00Z")));
        assertEquals(
                Instant.parse("2026-11-02T14:00:00Z"),
                onCall.shiftAt("contact", Instant.parse("2026-10-30T12:00:00Z")).until());
    }

    @Test
    void withoutARotationEachRoleIsThePlansFixedPerson() {
        BotConfig leadRotates = new ConfigLoader()
                .parse(
                        "test.yml",
                        Fixtures.shippedConfigText()
                                        .replace("  contact: senior-system-developer", "  contact: qa-engineer")
                                + CONTACT_ROTATION.replace("contact:", "lead:"));
        OnCall onCall = new OnCall(leadRotates, clock);
        assertEquals("devops-engineer", onCall.personAt("lead", local("2026-10-26T09:00")));
        Shift contact = onCall.shiftAt("contact", local("2026-10-26T09:00"));
        assertEquals("qa-engineer", contact.person());
        assertFalse(contact.rotates());
        OnCall shipped = new OnCall(Fixtures.shippedConfig(), clock);
        assertEquals(
                java.util.List.of("lead senior-system-developer false", "contact senior-system-developer false"),
                shipped.now().stream()
                        .map(s -> s.role() + " " + s.person() + " " + s.rotates())
                        .toList());
    }

    @Test
    void aBadRotationIsRefusedNamingItsKey() {
        assertEquals(
                "test.yml: oncall.contact.agents[1]: agent 'sofware-architect' is not defined under agents",
                reject(CONTACT_ROTATION.replace("software-architect", "sofware-architect")));
        assertEquals(
                "test.yml: oncall.contact.shift: expected a positive number of whole days like P7D, got P1M",
                reject(CONTACT_ROTATION.replace("P7D", "P1M")));
        assertEquals(
                "test.yml: oncall.contact.shift: expected a number of whole days like P7D, got 'PT12H'",
                reject(CONTACT_ROTATION.replace("P7D", "PT12H")));
        assertEquals(
                "test.yml: oncall.assignee: 'assignee' is not a role with a rotation (expected one of: lead, contact, teams)",
                reject(CONTACT_ROTATION.replace("contact:", "assignee:")));
        assertEquals(
                "test.yml: oncall.contact.hand_off_time: missing (expected a time of day like 09:00)",
                reject(CONTACT_ROTATION.replace("    hand_off_time: \"09:00\"\n", "")));
        assertEquals(
                "test.yml: oncall.contact.agents: missing or empty (expected a list of agents in the order they take the shift)",
                reject(CONTACT_ROTATION.replace(
                        "[senior-system-developer, software-architect, devops-engineer]", "[]")));
    }

    static BotConfig plan(String oncall) {
        return new ConfigLoader().parse("test.yml", Fixtures.shippedConfigText() + oncall);
    }

    private static String reject(String oncall) {
        String message = assertThrows(ConfigException.class, () -> plan(oncall)).getMessage();
        assertFalse(message.contains("\n"), message);
        return message;
    }

    private static Instant local(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime)
                .atZone(java.time.ZoneId.of("America/New_York"))
                .toInstant();
    }
}
