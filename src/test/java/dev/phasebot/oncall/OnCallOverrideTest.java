package dev.phasebot.oncall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /oncall override: someone covers a role for a while; its list and cancel; who may; what a slip does. */
class OnCallOverrideTest extends BotTest {

    OnCallOverrideTest() {
        // Tuesday: the contact rotation's week (from Monday 23 Nov 09:00) is senior-system-developer's.
        super("2026-11-24T09:00");
    }

    @Test
    void anOverrideWinsOverTheRotationAndEndsOnTime() {
        startOnPlan(Fixtures.shippedConfigText() + OnCallTest.CONTACT_ROTATION, "rotation.db");
        assertEquals(
                "devops-engineer covers contact until Tue 24 Nov 11:00 EST (override #1)."
                        + " /oncall override cancel 1 ends it early.",
                run("senior-system-developer", "override contact devops-engineer for 2h"));
        assertTrue(
                run("qa-engineer", "")
                        .endsWith("  • contact: devops-engineer covering for senior-system-developer"
                                + " until Tue 24 Nov 11:00 EST (in 2 h; override #1), then senior-system-developer"),
                run("qa-engineer", ""));
        assertEquals("devops-engineer", onCall().personAt("contact", clock.instant()));
        worker.deliverDue();
        assertEquals(
                List.of("On call: devops-engineer covers contact for senior-system-developer until Tue 24 Nov 11:00 EST"
                        + " (override #1, by senior-system-developer)."),
                slack.textsTo("channel:coordination"));
        assertTrue(lastTo("dm:devops-engineer").startsWith("You are on call for contact until Tue 24 Nov 11:00 EST"));
        assertEquals(
                List.of("senior-system-developer oncall.override"),
                bot.database()
                        .read(tx -> tx.query(
                                "SELECT actor, action FROM audit_log WHERE action LIKE 'oncall.%'",
                                rs -> rs.getString(1) + " " + rs.getString(2))));

        at("10:59");
        assertEquals("devops-engineer", onCall().personAt("contact", clock.instant()));
        at("11:00");
        assertEquals("senior-system-developer", onCall().personAt("contact", clock.instant()));
        String after = run("qa-engineer", "");
        assertTrue(
                after.endsWith(
                        "  • contact: senior-system-developer since Mon 23 Nov 09:00 EST, until Mon 30 Nov 09:00 EST"
                                + " (in 5 d 22 h), then software-architect"),
                after);
        assertEquals(
                "No override is running or to come. /oncall override <role> <agent> for <duration> starts one.",
                run("qa-engineer", "overrides"));
    }

    @Test
    void theOverridesAreListedAndACancelEndsOneNow() {
        run("senior-system-developer", "override lead qa-engineer for 1d");
        assertEquals(
                "On-call overrides\n  • #1 lead: qa-engineer until Wed 25 Nov 09:00 EST (by senior-system-developer)",
                run("ml-engineer", "override list"));
        assertEquals(run("ml-engineer", "override list"), run("ml-engineer", "overrides"));
        assertEquals(
                "Only the lead (senior-system-developer), senior-system-developer who asked for it or qa-engineer"
                        + " who covers may cancel override #1. Nothing was changed.",
                refused("ml-engineer", "override cancel 1"));
        at("10:00");
        assertEquals(
                "Override #1 (qa-engineer covering lead) is cancelled by qa-engineer.",
                run("qa-engineer", "override cancel 1"));
        assertEquals("senior-system-developer", onCall().personAt("lead", clock.instant()));
        assertEquals(
                "Override #1 has already ended. Nothing was changed.", refused("qa-engineer", "override cancel 1"));
        worker.deliverDue();
        assertEquals(
                "On call: override #1 (qa-engineer covering lead) is cancelled by qa-engineer;"
                        + " senior-system-developer is on call for lead.",
                lastTo("channel:coordination"));
        assertEquals(
                "Override #1 is cancelled by qa-engineer: lead's pages go to senior-system-developer again, not to you.",
                lastTo("dm:qa-engineer"));
    }

    @Test
    void onlyTheLeadOrTheOneOnCallMayOverrideARole() {
        startOnPlan(
                Fixtures.shippedConfigText().replace("  contact: senior-system-developer", "  contact: qa-engineer"),
                "contact.db");
        assertEquals(
                "Only the lead (senior-system-developer) or the one on call for contact now (qa-engineer) may override"
                        + " it. Nothing was changed.",
                refused("ml-engineer", "override contact ml-engineer for 2h"));
        assertEquals(
                "No override is running or to come. /oncall override <role> <agent> for <duration> starts one.",
                run("qa-engineer", "overrides"));
        // The one on call hands over.
        run("qa-engineer", "override contact ml-engineer for 90m");
        assertEquals("ml-engineer", onCall().personAt("contact", clock.instant()));
        // The covering agent is now the one on call, and may hand it on again.
        run("ml-engineer", "override contact devops-engineer for 30m");
        assertEquals("devops-engineer", onCall().personAt("contact", clock.instant()));
    }

    @Test
    void aTypoOrAMissingArgumentChangesNothing() {
        assertEquals(
                "Did you mean /oncall override list? lsit is not one of lead, contact. Nothing was changed.\n"
                        + "Usage: /oncall override lead|contact <agent> for <duration>, e.g. /oncall override contact"
                        + " software-architect for 2h",
                refused("senior-system-developer", "override lsit"));
        assertTrue(refused("senior-system-developer", "overide contact qa-engineer for 2h")
                .contains("Did you mean /oncall override contact qa-engineer for 2h?"));
        assertTrue(refused("senior-system-developer", "override contcat qa-engineer for 2h")
                .contains("contcat is not one of lead, contact. Did you mean contact?"));
        assertTrue(refused("senior-system-developer", "override contact qa-enginer for 2h")
                .contains("Did you mean qa-engineer?"));
        assertTrue(refused("senior-system-developer", "override contact qa-engineer")
                .contains("for is missing."));
        assertEquals(
                "An override must last some time, like 2h. Nothing was changed.\n"
                        + "Usage: /oncall override <role> <agent> for <duration>, e.g. /oncall override contact"
                        + " software-architect for 2h",
                refused("senior-system-developer", "override contact qa-engineer for 0h"));
        assertTrue(refused("senior-system-developer", "override contact qa-engineer for 15d")
                .startsWith("An override lasts at most 14 days (14d)"));
        assertTrue(refused("senior-system-developer", "override contact qa-engineer for soon")
                .startsWith("soon is not a duration; write it like 2h, 90m or 1d. Nothing was changed.\nUsage: "));
        assertEquals("senior-system-developer", onCall().personAt("contact", clock.instant()));
        assertEquals(
                0,
                bot.database()
                        .read(tx -> tx.queryOne("SELECT COUNT(*) FROM oncall_overrides", rs -> rs.getInt(1)))
                        .orElseThrow());
        worker.deliverDue();
        assertEquals(List.of(), slack.textsTo("channel:coordination"));
    }

    @Test
    void aMissedMilestoneDuringAnOverridePagesTheCoveringAgent() {
        run("senior-system-developer", "override contact devops-engineer for 3h");
        bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, null));
        at("11:00");
        List<String> notices = slack.textsTo("channel:coordination").stream()
                .filter(t -> t.contains("missed its implementation or escalation deadline"))
                .toList();
        assertEquals(
                List.of("! Incident #1 missed its implementation or escalation deadline (due 11:00 EST)."
                        + " Paging devops-engineer (contact)."),
                notices);
        assertTrue(slack.textsTo("dm:devops-engineer").stream().anyMatch(t -> t.startsWith(notices.get(0))));
    }

    @Test
    void anOverrideForWhoeverTakesTheRolesPagesAlreadyIsRefusedAndChangesNothing() {
        run("senior-system-developer", "override contact software-architect for 2h");
        String refusal = refused("senior-system-developer", "override contact software-architect for 3h");
        assertTrue(refusal.startsWith("software-architect already takes contact's pages now"), refusal);
        assertTrue(refusal.contains("Nothing was changed."), refusal);
        assertEquals(
                1L,
                bot.database()
                        .read(tx -> tx.queryOne("SELECT COUNT(*) FROM oncall_overrides", rs -> rs.getLong(1)))
                        .orElseThrow());
    }

    @Test
    void cancellingAnOverrideTellsItsAgentWhereThePagesGoNow() {
        run("senior-system-developer", "override contact software-architect for 2h");
        clock.tick(java.time.Duration.ofMinutes(1));
        run("senior-system-developer", "override contact devops-engineer for 1h");
        clock.tick(java.time.Duration.ofMinutes(1));
        run("senior-system-developer", "override contact software-architect for 30m");
        run("senior-system-developer", "override cancel 2");
        run("senior-system-developer", "override cancel 3");
        worker.deliverDue();
        assertTrue(
                lastTo("dm:software-architect").contains("contact's pages still come to you"),
                lastTo("dm:software-architect"));
        assertTrue(
                lastTo("dm:devops-engineer").contains("contact's pages go to software-architect again, not to you"),
                lastTo("dm:devops-engineer"));
    }

    private OnCall onCall() {
        return new OnCall(bot.config(), bot.database(), clock);
    }

    private String run(String agent, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), "/oncall", text)).text();
    }

    private String refused(String agent, String text) {
        return assertThrows(CommandException.class, () -> bot.dispatcher().handle(Caller.agent(agent), "/oncall", text))
                .getMessage();
    }
}
