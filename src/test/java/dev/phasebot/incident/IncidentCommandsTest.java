package dev.phasebot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.support.BotTest;
import org.junit.jupiter.api.Test;

class IncidentCommandsTest extends BotTest {

    private static final String RAISER = "qa-engineer";
    private static final String DANA = "U0AG000002";

    IncidentCommandsTest() {
        super("2026-11-24T10:00");
    }

    @Test
    void raiseTextReadsSecuritySeverityAffectsAndDescription() {
        assertEquals(
                new RaiseRequest("Code injection in features.py", "CRITICAL", true, "eval() on params", "T1"),
                IncidentCommands.parseRaise(
                        "Code injection in features.py affects T1 -- eval() on params", true, "CRITICAL"));
        assertEquals(
                new RaiseRequest("Slow CI", "LOW", false, null, "gate:3"),
                IncidentCommands.parseRaise("Slow CI affects: Gate:3", false, "LOW"));
    }

    @Test
    void raisingInTheSecurityChannelMakesItASecurityIncident() {
        assertEquals(new RaiseRequest("Leak", null, true, null, null), IncidentCommands.parseRaise("Leak", true, null));
        String answer = text(new Caller("qa-engineer", null, "security"), "Token in logs");
        assertTrue(
                answer.startsWith("Incident #1 raised (CRITICAL, security) and posted to #alphapy-security."), answer);
    }

    @Test
    void subcommandsRouteToTheirActsWithIdsWrittenEitherWay() {
        text(Caller.agent("qa-engineer"), "Pipeline outage affects T4");
        assertEquals("Incident #1: acknowledged.", text(Caller.agent("ml-engineer"), "ack #1"));
        assertEquals(
                "Incident #1: technical assessment recorded, within its deadline.",
                text(Caller.agent("ml-engineer"), "assess 1 disk full on the feature store"));
        assertTrue(text(Caller.agent("ml-engineer"), "list").contains("next: mitigation plan due 11:00 EST"));
        assertTrue(text(Caller.agent("ml-engineer"), "show 1")
                .contains("• 10:00 EST ml-engineer: assessment — disk full on the feature store"));
        assertEquals(
                "Incident #1 is now assigned to devops-engineer.",
                text(Caller.agent("senior-system-developer"), "assign 1 devops-engineer"));
        assertTrue(text(Caller.agent("senior-system-developer"), "resolve 1 cleaned up")
                .startsWith("Incident #1 resolved"));
    }

    @Test
    void noTextOpensTheFormAndHelpExplainsTheSyntax() {
        assertInstanceOf(IncidentForm.class, bot.dispatcher().handle(Caller.agent("qa-engineer"), "/incident", ""));
        assertTrue(
                text(Caller.agent("qa-engineer"), "help")
                        .contains(
                                "/incident [security] [CRITICAL|HIGH|MEDIUM|LOW] [title [affects T1|gate:1] [-- description]]"));
    }

    @Test
    void malformedSubcommandsAnswerTheirUsage() {
        assertEquals(
                "<id> is missing. Nothing was changed.\nUsage: /incident assess <id> <text>, "
                        + "e.g. /incident assess 3 eval() on transform params, exploitable from config",
                error(Caller.agent("qa-engineer"), "assess"));
        assertTrue(error(Caller.agent("qa-engineer"), "assign 1")
                .startsWith("<agent> is missing. Nothing was changed.\n" + "Usage: /incident assign <id> <agent>"));
        assertTrue(
                error(Caller.agent("qa-engineer"), "show x")
                        .startsWith(
                                "x is not an incident id; ids look like 3 or #3 (/incident list shows them). Nothing was changed."));
        assertTrue(error(new Caller(null, "U0NOBODY", null), "Outage").startsWith("You are not linked to an agent"));
    }

    @Test
    void aMisspeltListRaisesNothingAndAsksWhetherListWasMeant() {
        assertEquals(
                "lsit is not a /incident subcommand. Did you mean /incident list? Nothing was changed. "
                        + "If you meant it as text, write /incident raise lsit.",
                error(RAISER, "lsit"));
        assertNothingRaisedOrSaid();
    }

    @Test
    void aMisspeltShowRaisesNothingAndOffersTheCommandWithItsId() {
        assertTrue(error(RAISER, "shwo 1")
                .startsWith("shwo is not a /incident subcommand. "
                        + "Did you mean /incident show 1? Nothing was changed."));
        assertNothingRaisedOrSaid();
    }

    @Test
    void aBareNumberShowsThatIncidentAndRaisesNothing() {
        text(RAISER, "Pipeline outage affects T4");
        int rows = outboxRows();

        assertEquals(text(RAISER, "show 1"), text(RAISER, "1"));
        assertEquals(text(RAISER, "show 1"), text(RAISER, "#1"));
        assertEquals("There is no incident #3. /incident list shows the open ones.", error(RAISER, "3"));
        assertEquals(
                1,
                bot.database()
                        .read(tx -> tx.queryOne("SELECT count(*) FROM incident", rs -> rs.getInt(1)))
                        .orElseThrow(),
                "nothing raised");
        assertEquals(rows, outboxRows(), "nothing said");
    }

    @Test
    void aTitleStillRaisesEvenWhenItStartsWithANumber() {
        assertTrue(text(RAISER, "3 nodes down affects T4").startsWith("Incident #1 raised (CRITICAL)"));
        assertTrue(text(RAISER, "Outage").startsWith("Incident #2 raised (CRITICAL)"));
    }

    @Test
    void cancellingAnIncidentThatDoesNotExistRaisesNothing() {
        assertTrue(error(RAISER, "cancel 4").startsWith("Add the reason. Nothing was changed."));
        assertEquals("There is no incident #4. /incident list shows the open ones.", error(RAISER, "cancel 4 oops"));
        assertTrue(error(RAISER, "cancle 4 oops")
                .startsWith("cancle is not a /incident subcommand. " + "Did you mean /incident cancel 4 oops?"));
        assertNothingRaisedOrSaid();
    }

    @Test
    void aTitleThatStartsLikeASubcommandIsRaisedWhenAskedForByName() {
        assertTrue(text(RAISER, "raise lsit of failing jobs").startsWith("Incident #1 raised (CRITICAL)"));
        assertEquals(
                "lsit of failing jobs",
                bot.database()
                        .read(tx -> tx.queryOne("SELECT title FROM incident", rs -> rs.getString(1)))
                        .orElseThrow());
    }

    @Test
    void aSeverityAloneOpensTheFormWithThatSeverityAndRaisesNothing() {
        assertEquals(new IncidentForm(false, "LOW", true), reply(RAISER, "LOW"));
        assertEquals(new IncidentForm(false, "HIGH", true), reply(RAISER, "high"));
        assertNothingRaisedOrSaid();
    }

    @Test
    void securityAloneOpensTheSecurityFormAndRaisesNothingPublic() {
        IncidentForm form = assertInstanceOf(IncidentForm.class, reply(RAISER, "security"));
        assertTrue(form.security());
        assertTrue(form.incomplete());
        assertEquals(new IncidentForm(true, "CRITICAL", true), reply(RAISER, "security CRITICAL"));
        assertNothingRaisedOrSaid();
    }

    @Test
    void aSlipOfSecurityRaisesNothingAndSaysSo() {
        String answer = error(RAISER, "securty Token in logs");
        assertTrue(
                answer.startsWith("securty is not a /incident subcommand. Did you mean "
                        + "/incident security Token in logs? Nothing was changed."),
                answer);
        assertNothingRaisedOrSaid();
    }

    @Test
    void aSlipOfSecurityAfterASeverityRaisesNothingEither() {
        assertEquals(
                "securty looks like security. Did you mean /incident HIGH security Token in logs? "
                        + "Nothing was changed. If you meant it as text, write /incident raise HIGH securty Token in logs.",
                error(RAISER, "HIGH securty Token in logs"));
        assertNothingRaisedOrSaid();
    }

    @Test
    void aMentionInAnActIsReadAsTheAgentLinkedToThatUser() {
        bot.database()
                .run(tx ->
                        bot.agents().link(tx, "software-architect", DANA, "senior-system-developer", clock.instant()));
        text(RAISER, "Pipeline outage affects T4");
        text("ml-engineer", "assess 1 schema change, waiting on <@" + DANA + "|dana>");
        String show = text("ml-engineer", "show 1");
        assertTrue(show.contains("ml-engineer: assessment — schema change, waiting on software-architect"), show);
        assertFalse(show.contains(DANA), show);
    }

    @Test
    void aMentionOfAnUnlinkedUserReadsAsTheirName() {
        text(RAISER, "Pipeline outage affects T4");
        text("ml-engineer", "assess 1 schema change, waiting on <@" + DANA + "|dana>");
        String show = text("ml-engineer", "show 1");
        assertTrue(show.contains("ml-engineer: assessment — schema change, waiting on @dana"), show);
        assertFalse(show.contains("&lt;@"), show);
    }

    private String text(Caller caller, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(caller, "/incident", text)).text();
    }

    private String error(Caller caller, String text) {
        return assertThrows(CommandException.class, () -> bot.dispatcher().handle(caller, "/incident", text))
                .getMessage();
    }

    private void assertNothingRaisedOrSaid() {
        assertEquals(
                0,
                bot.database()
                        .read(tx -> tx.queryOne("SELECT count(*) FROM incident", rs -> rs.getInt(1)))
                        .orElseThrow(),
                "no incident raised");
        assertEquals(0, outboxRows(), "nothing enqueued");
        assertTrue(bot.timers().pending().stream().noneMatch(t -> t.kind().equals(EscalationClock.DEADLINE)));
    }

    private int outboxRows() {
        return bot.database()
                .read(tx -> tx.queryOne("SELECT count(*) FROM outbox", rs -> rs.getInt(1)))
                .orElseThrow();
    }

    private CommandReply reply(String agent, String text) {
        return bot.dispatcher().handle(Caller.agent(agent), "/incident", text);
    }

    private String text(String agent, String text) {
        return ((CommandReply.Text) reply(agent, text)).text();
    }

    private String error(String agent, String text) {
        return assertThrows(CommandException.class, () -> reply(agent, text)).getMessage();
    }
}
