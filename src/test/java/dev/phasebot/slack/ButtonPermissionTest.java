package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.SlackTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incident card's buttons refuse at the press whoever may not act, ephemerally and naming
 * who may, and open no form; whoever may gets the form. A real Bolt app receives signed
 * block_actions; the Web API stand-in records views.open and the response_url answers.
 *
 * <p>Incident #1 below affects T4: its assignee and area owner are ml-engineer (U0ML), the lead
 * is senior-system-developer (U0LEAD), and qa-engineer (U0QA) raised it and may do neither.
 */
class ButtonPermissionTest extends SlackTest {

    private static final String SECRET = "button-permission-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESPONDERS =
            "Only the assignee (ml-engineer), the area owner (ml-engineer) or the lead "
                    + "(senior-system-developer) may post the ";

    ButtonPermissionTest() {
        super("2026-11-24T10:00", SECRET);
    }

    @BeforeEach
    void start() throws Exception {
        start(slackHarness()
                .link("qa-engineer", "U0QA")
                .link("ml-engineer", "U0ML")
                .link("senior-system-developer", "U0LEAD"));
        String raised = JSON.readTree(client.slashCommand("U0QA", "/incident", "Pipeline outage affects T4")
                        .body())
                .get("text")
                .asText();
        assertTrue(raised.startsWith("Incident #1 raised"), raised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"assess", "plan", "implemented", "escalate"})
    void anActButtonPressedBySomeoneWhoMayNotActIsRefusedEphemerallyNamingWhoMayAndOpensNoForm(String act)
            throws Exception {
        String refusal = press("U0QA", act);

        assertTrue(refusal.startsWith(RESPONDERS), refusal);
        assertTrue(refusal.endsWith(" of incident #1."), refusal);
        assertEquals(List.of(), api.calls("views.open"), "no form opens for someone who may not submit it");
    }

    @Test
    void theResolveButtonPressedByTheAssigneeIsRefusedNamingTheLeadAndOpensNoForm() throws Exception {
        // The shipped config does not let the assignee resolve; only the lead may.
        String refusal = press("U0ML", "resolve");

        assertEquals("Only the lead (senior-system-developer) may resolve incident #1.", refusal);
        assertEquals(List.of(), api.calls("views.open"));
    }

    @Test
    void aButtonPressedBySomeoneLinkedToNoAgentNamesWhoMayAndHowToGetLinked() throws Exception {
        String refusal = press("U0NOBODY", "assess");

        assertTrue(refusal.startsWith(RESPONDERS + "technical assessment of incident #1."), refusal);
        assertTrue(
                refusal.endsWith(
                        "\nYou are not linked to an agent of this phase yet. Ask the lead (senior-system-developer) "
                                + "to run /standup link &lt;agent&gt; @you."),
                "as Slack gets it, escaped: " + refusal);
        assertEquals(List.of(), api.calls("views.open"));
    }

    @Test
    void theAcknowledgeButtonPressedBySomeoneWhoMayNotActIsRefusedAndAcknowledgesNothing() throws Exception {
        String refusal = press("U0QA", "ack");

        assertEquals(RESPONDERS + "acknowledgement of incident #1.", refusal);
        assertEquals(
                null,
                ((dev.phasebot.incident.IncidentDetail.Visible)
                                bot.incidentQueries().show("ml-engineer", 1))
                        .incident()
                        .acknowledgedAt(),
                "nothing was acknowledged");
    }

    @ParameterizedTest
    @ValueSource(strings = {"assess", "plan", "implemented", "escalate"})
    void theAssigneePressingAnActButtonGetsTheFormAndNoRefusal(String act) throws Exception {
        assertEquals(
                200,
                harness.pressButton("U0ML", "C0ALPHAPYPHASE2", "incident_" + act, "1")
                        .statusCode());

        List<FakeSlackApi.Call> opened = api.calls("views.open");
        assertEquals(1, opened.size());
        assertEquals(
                act + ":1",
                JSON.readTree(opened.get(0).param("view"))
                        .get("private_metadata")
                        .asText());
        assertEquals(List.of(), api.calls("response_url"), "nothing is refused");
    }

    @Test
    void theLeadPressingResolveGetsTheForm() throws Exception {
        assertEquals(
                200,
                harness.pressButton("U0LEAD", "C0ALPHAPYPHASE2", "incident_resolve", "1")
                        .statusCode());

        List<FakeSlackApi.Call> opened = api.calls("views.open");
        assertEquals(1, opened.size());
        assertEquals(
                "resolve:1",
                JSON.readTree(opened.get(0).param("view"))
                        .get("private_metadata")
                        .asText());
    }

    /** Presses the card's button as {@code user} and returns the ephemeral answer sent to the response_url. */
    private String press(String user, String act) throws Exception {
        assertEquals(
                200,
                harness.pressButton(user, "C0ALPHAPYPHASE2", "incident_" + act, "1")
                        .statusCode());
        FakeSlackApi.Call answer = api.await("response_url", 1, 10_000).get(0);
        assertEquals("ephemeral", answer.param("response_type"));
        assertEquals("false", answer.param("replace_original"));
        return answer.param("text");
    }
}
