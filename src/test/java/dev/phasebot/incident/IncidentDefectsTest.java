package dev.phasebot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.support.BotTest;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the defects of "Commands a team can trust" in {@code /incident}, typed
 * as users typed them: a slip of a subcommand or a lone flag used to raise a CRITICAL
 * incident, an escaped Slack mention was stored raw, and acting twice posted twice.
 */
class IncidentDefectsTest extends BotTest {

    private static final String RAISER = "qa-engineer";
    private static final String DANA = "U0AG000002";

    IncidentDefectsTest() {
        super("2026-11-24T10:00");
    }

    // --- a slip of a subcommand is no title ---

    @Test
    void aMisspeltListRaisesNothingAndAsksWhetherListWasMeant() {
        assertEquals(
                "`lsit` is not a `/incident` subcommand. Did you mean `/incident list`? Nothing was changed. "
                        + "If you meant it as text, write `/incident raise lsit`.",
                error(RAISER, "lsit"));
        assertNothingRaisedOrSaid();
    }

    @Test
    void aMisspeltShowRaisesNothingAndOffersTheCommandWithItsId() {
        assertTrue(error(RAISER, "shwo 1")
                .startsWith("`shwo` is not a `/incident` subcommand. "
                        + "Did you mean `/incident show 1`? Nothing was changed."));
        assertNothingRaisedOrSaid();
    }

    @Test
    void cancellingAnIncidentThatDoesNotExistRaisesNothing() {
        assertTrue(error(RAISER, "cancel 4").startsWith("Add the reason. Nothing was changed."));
        assertEquals("There is no incident #4. /incident list shows the open ones.", error(RAISER, "cancel 4 oops"));
        assertTrue(error(RAISER, "cancle 4 oops")
                .startsWith("`cancle` is not a `/incident` subcommand. " + "Did you mean `/incident cancel 4 oops`?"));
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

    // --- a flag alone is no title ---

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
                answer.startsWith("`securty` is not a `/incident` subcommand. Did you mean "
                        + "`/incident security Token in logs`? Nothing was changed."),
                answer);
        assertNothingRaisedOrSaid();
    }

    @Test
    void aSlipOfSecurityAfterASeverityRaisesNothingEither() {
        assertEquals(
                "`securty` looks like `security`. Did you mean `/incident HIGH security Token in logs`? "
                        + "Nothing was changed. If you meant it as text, write `/incident raise HIGH securty Token in logs`.",
                error(RAISER, "HIGH securty Token in logs"));
        assertNothingRaisedOrSaid();
    }

    // --- mentions read as agents ---

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

    // --- acting twice says "already" and posts nothing ---

    @Test
    void acknowledgingTwiceAnswersAlreadyAndPostsNothingMore() {
        text(RAISER, "Pipeline outage affects T4");
        assertEquals("Incident #1: acknowledged.", text("ml-engineer", "ack 1"));
        worker.deliverDue();
        int rows = outboxRows();
        int delivered = slack.delivered().size();

        clock.at("10:07");
        assertEquals(
                "Incident #1 was already acknowledged by ml-engineer at 10:00 EST; nothing was posted.",
                text("senior-system-developer", "ack 1"));
        worker.deliverDue();
        assertEquals(rows, outboxRows(), "nothing enqueued: no card refresh, no page");
        assertEquals(delivered, slack.delivered().size());
        assertEquals(1, events("acknowledged"), "the timeline has one acknowledgement");
    }

    @Test
    void postingTheSameAssessmentTwiceAnswersAlreadyAndPostsNothingMore() {
        text(RAISER, "Pipeline outage affects T4");
        text("ml-engineer", "assess 1 disk full");
        int rows = outboxRows();
        clock.at("10:03");
        assertEquals(
                "Incident #1: the technical assessment was already recorded by ml-engineer at 10:00 EST with that "
                        + "text; nothing was posted.",
                text("ml-engineer", "assess 1 disk full"));
        assertEquals(rows, outboxRows());
        assertEquals(1, events("assessment"));
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

    private int events(String kind) {
        return bot.database()
                .read(tx -> tx.queryOne("SELECT count(*) FROM incident_event WHERE kind = ?", rs -> rs.getInt(1), kind))
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
