package dev.phasebot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private String text(Caller caller, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(caller, "/incident", text)).text();
    }

    private String error(Caller caller, String text) {
        return assertThrows(CommandException.class, () -> bot.dispatcher().handle(caller, "/incident", text))
                .getMessage();
    }
}
