package dev.phasebot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.incident.IncidentDetail.IncidentEvent;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SlackTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** /incident through a real Bolt app and the Web API stand-in: what Slack actually receives. */
class IncidentSlackTest extends SlackTest {

    private static final String SECRET = "incident-test-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    IncidentSlackTest() {
        super("2026-11-24T10:00", SECRET);
    }

    @Test
    void anEscalationThatFallsDueDuringASlackOutageIsDeliveredOnceWhenSlackRecovers() throws Exception {
        start(Fixtures.shippedConfig());
        reply("U0QA", "Pipeline outage affects T4");
        worker.deliverDue();

        for (int i = 0; i < 6; i++) {
            api.fail("chat.postMessage", 503, Map.of(), "{\"ok\":false,\"error\":\"service_unavailable\"}");
        }
        clock.at("10:30");
        bot.timers().runDue();
        for (int second = 0; second < 300; second++) {
            worker.deliverDue();
            clock.tick(Duration.ofSeconds(1));
        }

        List<String> notices = api.succeeded("chat.postMessage").stream()
                .map(c -> c.param("text"))
                .filter(t -> t.contains("missed its technical assessment deadline"))
                .toList();
        assertEquals(2, notices.size(), "one in the channel, one page to the assignee: " + notices);
        assertEquals(
                Set.of("#alphapy-phase2", "U0ML"),
                Set.copyOf(api.succeeded("chat.postMessage").stream()
                        .filter(c -> c.param("text").contains("missed its technical assessment"))
                        .map(c -> c.param("channel"))
                        .toList()));
        assertEquals(0, worker.pendingCount());
    }

    @Test
    void eachNoticesPushTextIsOneLineSayingWhatHappenedWithTheButtonsOnlyInTheBlocks() throws Exception {
        start(Fixtures.shippedConfig());
        reply("U0QA", "Pipeline outage affects T4");
        clock.at("10:30");
        bot.timers().runDue();
        for (int second = 0; second < 120 && worker.pendingCount() > 0; second++) {
            worker.deliverDue();
            clock.tick(Duration.ofSeconds(1));
        }

        List<FakeSlackApi.Call> posts = api.succeeded("chat.postMessage");
        assertTrue(posts.size() >= 3, "the card, its page and the missed deadline: " + posts.size());
        for (FakeSlackApi.Call post : posts) {
            String text = post.param("text");
            assertFalse(text.isBlank(), post.params().toString());
            assertFalse(text.contains("\n"), "one line: " + text);
            assertFalse(text.contains("/incident ack") || text.contains("["), "no button stand-ins: " + text);
            assertFalse(text.contains("mitigation plan by"), "no list of every milestone: " + text);
        }
        FakeSlackApi.Call card = posts.stream()
                .filter(c -> c.param("channel").equals("#alphapy-phase2"))
                .findFirst()
                .orElseThrow();
        assertEquals("! CRITICAL incident #1: Pipeline outage", card.param("text"));
        assertTrue(card.param("blocks").contains("\"action_id\":\"incident_ack\""), "the buttons are in the blocks");
        assertTrue(
                posts.stream().anyMatch(c -> c.param("text").contains("missed its technical assessment deadline")),
                posts.stream().map(c -> c.param("text")).toList().toString());
    }

    @Test
    void aSecurityIncidentsTextNeverReachesANonSecurityChannelOrANonMember() throws Exception {
        // Page the public coordination channel last, to prove even the escalation there is redacted.
        BotConfig config = new ConfigLoader()
                .parse(
                        "test.yml",
                        Fixtures.shippedConfigText()
                                .replace("  contact: senior-system-developer", "  contact: coordination"));
        start(config);

        String raised = reply("U0QA", "security ZETA-TITLE token in logs affects T1 -- ZETA-DESCRIPTION rotate now");
        assertTrue(raised.startsWith("Incident #1 raised (CRITICAL, security)"), raised);
        assertTrue(reply("U0QA", "show 1").startsWith("Incident #1 is a security incident; only members"));
        assertEquals(
                200,
                harness.pressButton("U0SEC", "C0ALPHAPYSECURITY", "incident_ack", "1")
                        .statusCode());
        assertEquals(
                "python-ml-fintech-reviewer",
                ((IncidentDetail.Visible) bot.incidentQueries().show("python-ml-fintech-reviewer", 1))
                        .incident()
                        .acknowledgedBy());
        for (String time : List.of("10:30", "10:40", "10:50", "11:00", "11:15", "11:30", "12:00", "12:30", "13:00")) {
            clock.at(time);
            bot.timers().runDue();
            worker.deliverDue();
        }
        reply("U0SEC", "escalate 1 ZETA-ESCALATION vendor involved");
        reply("U0LEAD", "resolve 1 ZETA-RESOLUTION key rotated");
        worker.deliverDue();

        // The incident's own room is private, only security members invited.
        Set<String> mayRead = Set.of(
                "#alphapy-security",
                "U0SEC",
                "U0LEAD",
                bot.incidents().rooms().room(1).orElseThrow().channelId());
        int checked = 0;
        for (FakeSlackApi.Call call : api.all()) {
            String channel = call.param("channel");
            if (channel == null || mayRead.contains(channel) || channel.equals("C0ALPHAPYSECURITY")) {
                continue;
            }
            checked++;
            assertFalse(
                    String.valueOf(call.params()).contains("ZETA"),
                    call.method() + " to " + channel + ": " + call.params());
        }
        assertTrue(checked >= 3, "the coordination channel heard of the incident " + checked + " times, by id only");
        assertTrue(postedTo(
                "#alphapy-phase2",
                "! A CRITICAL security incident (#1) is open. Its details are in the private security channel."
                        ::equals));
        assertTrue(
                postedTo("#alphapy-security", text -> text.contains("ZETA-TITLE")),
                "the security channel has the details");
        assertTrue(
                postedTo(
                        "#alphapy-phase2",
                        ("! This channel is paged on CRITICAL security incident #1: escalated by "
                                        + "python-ml-fintech-reviewer. Details are in #alphapy-security; ask senior-system-developer for access.")
                                ::equals),
                "a page outside the security channel says it is one, why, and where to look");
    }

    @Test
    void theCardsButtonsOpenAModalAndItsSubmissionMeetsTheDeadline() throws Exception {
        start(Fixtures.shippedConfig());
        reply("U0QA", "Pipeline outage affects T4");
        assertEquals(
                200,
                harness.pressButton("U0ML", "C0ALPHAPYSECURITY", "incident_assess", "1")
                        .statusCode());
        FakeSlackApi.Call open = api.calls("views.open").get(0);
        assertEquals(
                "incident_act",
                JSON.readTree(open.param("view")).get("callback_id").asText());

        HttpResponse<String> submission =
                client.submitView("U0ML", "incident_act", "assess:1", Map.of("text", "feature store disk full"));
        assertEquals(200, submission.statusCode());
        Milestone assessment = ((IncidentDetail.Visible) bot.incidentQueries().show("ml-engineer", 1))
                .milestones()
                .get(0);
        assertEquals("feature store disk full", assessment.metText());
        assertEquals("ml-engineer", assessment.metBy());

        String refused = JSON.readTree(
                        client.slashCommand("U0QA", "/incident", "plan 1 guess").body())
                .get("text")
                .asText();
        assertTrue(refused.startsWith("Only the assignee (ml-engineer)"), refused);
    }

    @Test
    void aRaiseWithFlagsButNoTitleOpensTheFormWithThemChosenAndRaisesNothing() throws Exception {
        start(Fixtures.shippedConfig());
        HttpResponse<String> response = client.slashCommand("U0QA", "/incident", "security LOW");

        assertEquals(200, response.statusCode());
        JsonNode view = JSON.readTree(api.calls("views.open").get(0).param("view"));
        assertEquals("security", view.get("private_metadata").asText());
        assertTrue(
                view.toString().contains("\"initial_option\":{\"text\":{\"type\":\"plain_text\",\"text\":\"LOW\""),
                view.toString());
        assertEquals(List.of(), bot.incidentQueries().list("qa-engineer").open());
        worker.deliverDue();
        assertTrue(api.calls("chat.postMessage").isEmpty(), "nobody is paged for a form");
    }

    @Test
    void theAcknowledgeButtonPressedTwiceAnswersAlreadyAndChangesTheCardOnce() throws Exception {
        start(Fixtures.shippedConfig());
        reply("U0QA", "Pipeline outage affects T4");
        worker.deliverDue();
        // The room's pointer and the card's edit that links the room, written once Slack made the room.
        worker.deliverDue();
        int posts = api.calls("chat.postMessage").size();
        long edits = cardEditsOutsideTheRoom();

        assertEquals(
                200,
                harness.pressButton("U0ML", "C0ALPHAPYSECURITY", "incident_ack", "1")
                        .statusCode());
        worker.deliverDue();
        clock.tick(Duration.ofMinutes(4));
        assertEquals(
                200,
                harness.pressButton("U0LEAD", "C0ALPHAPYSECURITY", "incident_ack", "1")
                        .statusCode());
        worker.deliverDue();

        List<FakeSlackApi.Call> answers = api.await("response_url", 2, 5_000);
        assertEquals(2, answers.size(), String.valueOf(answers));
        assertTrue(
                answers.stream()
                        .anyMatch(
                                c -> String.valueOf(c.params())
                                        .contains(
                                                "Incident #1 was already acknowledged by ml-engineer at 10:00 EST; nothing was posted.")),
                String.valueOf(answers));
        assertEquals(edits + 1, cardEditsOutsideTheRoom(), "the card is edited once, for the first ack");
        assertEquals(posts, api.calls("chat.postMessage").size(), "nothing new is posted");
    }

    /** Edits of the card in the incident's channel: the card in its own room is edited alongside. */
    private long cardEditsOutsideTheRoom() {
        String room = bot.incidents().rooms().room(1).orElseThrow().channelId();
        return api.succeeded("chat.update").stream()
                .filter(c -> !c.param("channel").equals(room))
                .count();
    }

    @Test
    void aMentionInAnActIsReadAsTheLinkedAgent() throws Exception {
        start(Fixtures.shippedConfig());
        reply("U0QA", "Pipeline outage affects T4");
        reply("U0ML", "assess 1 waiting on <@U0QA|dana> for the disk metrics, <@U0ZZZ|eve> knows");

        List<IncidentEvent> events =
                ((IncidentDetail.Visible) bot.incidentQueries().show("ml-engineer", 1)).events();
        assertEquals(
                "waiting on qa-engineer for the disk metrics, @eve knows",
                events.get(events.size() - 1).detail());
    }

    @Test
    void theRaiseFormShowsARefusalUnderTheInputItConcernsAndRaisesNothing() throws Exception {
        start(Fixtures.shippedConfig());

        JsonNode unknownArea =
                JSON.readTree(raiseForm("Pipeline outage", "T99", "disk full").body());
        assertEquals("errors", unknownArea.get("response_action").asText());
        assertEquals(List.of("affects"), fieldNames(unknownArea.get("errors")));
        assertTrue(
                unknownArea.get("errors").get("affects").asText().startsWith("T99 is not a task or gate of the plan"),
                unknownArea.toString());

        JsonNode tooLong = JSON.readTree(
                raiseForm("Pipeline outage", "", "d".repeat(3_001)).body());
        assertEquals(List.of("description"), fieldNames(tooLong.get("errors")));
        assertEquals(List.of(), bot.incidentQueries().list("qa-engineer").open(), "nothing was raised");

        JsonNode raised =
                JSON.readTree(raiseForm("Pipeline outage", "T4", "disk full").body());
        assertEquals("update", raised.get("response_action").asText());
        assertTrue(
                raised.toString().contains("Incident #1 raised (CRITICAL) and posted to #alphapy-phase2."),
                raised.toString());
    }

    private void start(BotConfig config) throws Exception {
        start(slackHarness()
                .config(config)
                .link("qa-engineer", "U0QA")
                .link("ml-engineer", "U0ML")
                .link("python-ml-fintech-reviewer", "U0SEC")
                .link("senior-system-developer", "U0LEAD"));
    }

    private String reply(String user, String text) throws Exception {
        return JSON.readTree(client.slashCommand(user, "/incident", text).body())
                .get("text")
                .asText();
    }

    /** Whether Slack took a post to {@code channel} whose text passes {@code text}. */
    private boolean postedTo(String channel, java.util.function.Predicate<String> text) {
        return api.succeeded("chat.postMessage").stream()
                .anyMatch(c -> c.param("channel").equals(channel) && text.test(c.param("text")));
    }

    private HttpResponse<String> raiseForm(String title, String affects, String description) throws Exception {
        Map<String, String> inputs = new java.util.LinkedHashMap<>();
        inputs.put("title", title);
        inputs.put("affects", affects);
        inputs.put("description", description);
        return client.submitView("U0QA", "incident_raise", "", inputs);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
