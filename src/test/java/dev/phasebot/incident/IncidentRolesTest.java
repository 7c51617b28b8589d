package dev.phasebot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.config.ConfigException;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.incident.IncidentDetail.IncidentEvent;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Roles, stakeholder updates and the reminders to post them, with the shipped config (CRITICAL: PT30M). */
class IncidentRolesTest extends BotTest {

    private static final String LEAD = "senior-system-developer";
    private static final String SEC = "python-ml-fintech-reviewer";
    private static final String COORDINATION = "channel:coordination";
    private static final String SECURITY = "channel:security";
    private static final String REMINDER = "is due a stakeholder update";

    IncidentRolesTest() {
        super("2026-11-24T10:00");
    }

    @Test
    void handingOnCommunicationsIsStoredOnTheTimelineAnnouncedInTheRoomAndShownOnTheCard() {
        raise("Pipeline outage", "CRITICAL", false);
        assertTrue(text(LEAD, "show 1").contains("Commander:  " + LEAD), text(LEAD, "show 1"));
        assertEquals(
                "qa-engineer is now the communications of incident #1.",
                text(LEAD, "role 1 communications qa-engineer"));
        worker.deliverDue();
        assertEquals("qa-engineer", incident(1).communications());
        assertTrue(
                events(1).stream()
                        .anyMatch(e -> e.kind().equals("role")
                                && e.actor().equals(LEAD)
                                && e.detail().equals("communications: nobody → qa-engineer")),
                String.valueOf(events(1)));
        assertTrue(
                slack.textsTo("room:1")
                        .contains("qa-engineer is now the communications of incident #1 (was nobody; " + "handed on by "
                                + LEAD + ")."),
                String.valueOf(slack.textsTo("room:1")));
        assertTrue(slack.textsTo(COORDINATION).stream().noneMatch(t -> t.contains("is now the communications")));
        assertTrue(text(LEAD, "show 1").contains("Comms:      qa-engineer"), text(LEAD, "show 1"));
    }

    @Test
    void theCommanderOrTheHolderMayHandOnARoleAndNobodyElse() {
        raise("Pipeline outage", "CRITICAL", false);
        String refused = error("qa-engineer", "role 1 commander qa-engineer");
        assertEquals(
                "Only the lead (" + LEAD + ") or the commander (" + LEAD
                        + ") may hand on the commander of incident #1. Nothing was changed.",
                refused);
        assertNull(incident(1).commander());
        text(LEAD, "role 1 commander devops-engineer");
        assertEquals("devops-engineer", incident(1).commander());
        assertEquals(
                "ml-engineer is now the commander of incident #1.",
                text("devops-engineer", "role 1 commander ml-engineer"));
        assertEquals(
                "qa-engineer is now the assignee of incident #1.", text("ml-engineer", "role 1 assignee qa-engineer"));
        assertEquals("qa-engineer", incident(1).assignee());
        text(LEAD, "role 1 communications qa-engineer");
        assertEquals(
                "Only the lead (" + LEAD + "), the commander (ml-engineer) or the communications (qa-engineer) may "
                        + "hand on the communications of incident #1. Nothing was changed.",
                error("devops-engineer", "role 1 communications devops-engineer"));
    }

    @Test
    void aTypoedRoleIsAnsweredWithDidYouMeanAndTheUsageAndAnUnknownAgentChangesNothing() {
        raise("Pipeline outage", "CRITICAL", false);
        String typo = error(LEAD, "role 1 comunications qa-engineer");
        assertTrue(typo.contains("Did you mean communications?"), typo);
        String shortened = error(LEAD, "role 1 comms qa-engineer");
        assertTrue(shortened.contains("Did you mean communications?"), shortened);
        assertNull(incident(1).communications());
        assertTrue(typo.contains("/incident role"), typo);
        String unknown = error(LEAD, "role 1 commander nobody-at-all");
        assertTrue(unknown.contains("nobody-at-all"), unknown);
        assertNull(incident(1).commander());
        assertTrue(events(1).stream().noneMatch(e -> e.kind().equals("role")));
    }

    @Test
    void withoutARoomTheHandOffIsAnnouncedInTheIncidentsChannelAndASecurityOneStaysInTheSecurityChannel() {
        raise("Slow CI", "HIGH", false);
        raise("Token in logs", "HIGH", true);
        text(LEAD, "role 1 communications qa-engineer");
        text(LEAD, "role 2 communications " + SEC);
        worker.deliverDue();
        assertTrue(slack.textsTo(COORDINATION)
                .contains("qa-engineer is now the communications of incident #1 " + "(was nobody; handed on by " + LEAD
                        + ")."));
        assertTrue(slack.textsTo(SECURITY)
                .contains(SEC + " is now the communications of incident #2 " + "(was nobody; handed on by " + LEAD
                        + ")."));
        assertTrue(slack.textsTo(COORDINATION).stream().noneMatch(t -> t.contains("incident #2")));
        String outsider = error(LEAD, "role 2 commander qa-engineer");
        assertTrue(outsider.startsWith("qa-engineer is not a member of the security channel"), outsider);
    }

    @Test
    void anUpdateGoesToTheCoordinationChannelAndASecurityOnesTextOnlyWhenMarkedPublic() {
        raise("Pipeline outage", "CRITICAL", false);
        raise("Token in logs", "CRITICAL", true);
        text(LEAD, "update 1 rollback done");
        text(SEC, "update 2 key rotated, checking access logs");
        text(SEC, "update 2 public: credentials rotated, no customer impact");
        worker.deliverDue();
        List<String> coordination = slack.textsTo(COORDINATION);
        assertTrue(
                coordination.contains(
                        "Status update on incident #1 (Pipeline outage) from " + LEAD + ": rollback done"),
                String.valueOf(coordination));
        assertTrue(coordination.contains("security incident #2: status update posted in the security channel"));
        assertTrue(
                coordination.contains("Status update on security incident #2 from " + SEC
                        + ": credentials rotated, no customer impact"),
                String.valueOf(coordination));
        assertTrue(
                coordination.stream().noneMatch(t -> t.contains("access logs") || t.contains("Token")),
                String.valueOf(coordination));
        assertTrue(slack.textsTo("room:2").stream().anyMatch(t -> t.contains("key rotated, checking access logs")));
        assertTrue(events(2).stream()
                .anyMatch(e ->
                        e.kind().equals("status update") && e.detail().equals("key rotated, checking access logs")));
        String outsider = error("qa-engineer", "update 1 all good");
        assertEquals(
                "Only the commander (" + LEAD + "), the assignee (" + LEAD + "), the area owner (" + LEAD
                        + ") or the lead (" + LEAD + ") may post a status update of incident #1.",
                outsider);
    }

    @Test
    void theCommunicationsRoleIsRemindedEveryStatusEveryAfterTheLastUpdateUntilResolvedAcrossARestart() {
        raise("Pipeline outage", "CRITICAL", false);
        at("10:29:59");
        assertEquals(0, reminders(LEAD));
        at("10:30");
        assertEquals(1, reminders(LEAD), "without a communications role the commander (the lead) is reminded");
        text(LEAD, "role 1 communications qa-engineer");
        at("10:59");
        assertEquals(0, reminders("qa-engineer"));
        at("11:00");
        assertEquals(1, reminders("qa-engineer"));
        at("11:10");
        text("qa-engineer", "update 1 disk replaced, replaying the queue");
        at("11:30");
        assertEquals(1, reminders("qa-engineer"), "the update pushed the next reminder back to 11:40");
        at("11:40");
        assertEquals(2, reminders("qa-engineer"));
        restartAt("12:05");
        bot.timers().rearmAll(); // the start-up pass of Phasebot.start
        at("12:09");
        assertEquals(2, reminders("qa-engineer"));
        at("12:10");
        assertEquals(3, reminders("qa-engineer"), "the reminder is a timer row: a restart keeps it");
        bot.incidents().resolve(LEAD, 1, "queue replayed");
        at("13:30");
        assertEquals(3, reminders("qa-engineer"));
        assertEquals(1, reminders(LEAD));
        assertTrue(bot.timers().pending().stream().noneMatch(t -> t.kind().equals(IncidentRoles.STATUS_REMINDER)));
    }

    @Test
    void aStatusEveryThatIsNoDurationIsRefusedAtLoadInOneLineNamingItsKey() {
        String config = Fixtures.shippedConfigText().replace("    CRITICAL: PT30M", "    CRITICAL: half an hour");
        ConfigException e =
                assertThrows(ConfigException.class, () -> new ConfigLoader().parse("bot-config.yml", config));
        assertTrue(e.getMessage().contains("escalation.status_every.CRITICAL"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        String severity = Fixtures.shippedConfigText().replace("    CRITICAL: PT30M", "    URGENT: PT30M");
        ConfigException bad =
                assertThrows(ConfigException.class, () -> new ConfigLoader().parse("bot-config.yml", severity));
        assertTrue(bad.getMessage().contains("escalation.status_every.URGENT"), bad.getMessage());
    }

    private int reminders(String agent) {
        return (int) slack.textsTo("dm:" + agent).stream()
                .filter(t -> t.contains(REMINDER))
                .count();
    }

    private void raise(String title, String severity, boolean security) {
        bot.incidents().raise("qa-engineer", new RaiseRequest(title, severity, security, null, null));
        worker.deliverDue();
    }

    private Incident incident(long id) {
        return bot.database().read(tx -> new IncidentRepository().find(tx, id)).orElseThrow();
    }

    private List<IncidentEvent> events(long id) {
        return bot.database().read(tx -> new IncidentRepository().events(tx, id));
    }

    private String text(String agent, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), "/incident", text)).text();
    }

    private String error(String agent, String text) {
        return assertThrows(
                        CommandException.class, () -> bot.dispatcher().handle(Caller.agent(agent), "/incident", text))
                .getMessage();
    }
}
