package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.SignedSlackClient;
import dev.phasebot.support.SlackTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Slack adapter for real: a Bolt app on a random loopback port receiving requests signed
 * as Slack signs them, and a local stand-in for the Web API recording what the bot sent.
 */
class SlackEndToEndTest extends SlackTest {

    private static final String SECRET = "test-signing-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    SlackEndToEndTest() {
        super("2026-11-24T09:00", SECRET);
    }

    @BeforeEach
    void start() throws Exception {
        start(slackHarness()
                .link("qa-engineer", "U0QA")
                .link("python-ml-fintech-reviewer", "U0SEC")
                .link("senior-system-developer", "U0LEAD")
                .beforeStart((phasebot, runtime) -> runtime.showDashboardAtHome(
                        phasebot.dashboard()::doc,
                        phasebot.agents(),
                        phasebot.planWriter()::onChange,
                        phasebot.database())));
    }

    @Test
    void aSignedSlashCommandIsAnsweredEphemerallyAndRecorded() throws Exception {
        HttpResponse<String> response = client.slashCommand("U0QA", "/standup", "today: fuzz the YAML loader");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = JSON.readTree(response.body());
        assertEquals("ephemeral", answer.get("response_type").asText());
        assertEquals(
                "Recorded for Tue 24 Nov:\n  • today: fuzz the YAML loader",
                answer.get("text").asText());
        assertEquals(
                List.of("qa-engineer"),
                bot.standupReports().status().posted().stream()
                        .map(p -> p.agent())
                        .toList());
    }

    @Test
    void badInputGetsASpecificEphemeralErrorAndNoStackTrace() throws Exception {
        JsonNode answer = JSON.readTree(
                client.slashCommand("U0QA", "/standup", "ooo 24/12 2026-12-31").body());
        assertEquals("ephemeral", answer.get("response_type").asText());
        assertTrue(
                answer.get("text")
                        .asText()
                        .startsWith("24/12 is not a date; write it as 2026-12-24, today or tomorrow. "
                                + "Nothing was changed.\nUsage: /standup ooo [agent] &lt;from&gt; &lt;to&gt; [reason]"),
                answer.get("text").asText());
        assertTrue(
                answer.at("/blocks/0/text/text")
                        .asText()
                        .startsWith(
                                "`24/12` is not a date; write it as 2026-12-24, `today` or `tomorrow`. "
                                        + "Nothing was changed.\nUsage: `/standup ooo [agent] &lt;from&gt; &lt;to&gt; [reason]`"),
                answer.toString());
    }

    @Test
    void aSlackUserLinkedToNoAgentIsToldHowToGetLinked() throws Exception {
        JsonNode answer = JSON.readTree(
                client.slashCommand("U0NOBODY", "/standup", "today: x").body());
        assertTrue(answer.get("text").asText().startsWith("You are not linked to an agent"));
    }

    @Test
    void aBadSignatureIsRefusedWith401AndNothingHappens() throws Exception {
        String body = SignedSlackClient.form(Map.of("command", "/standup", "user_id", "U0LEAD", "text", "open"));
        String ts = Long.toString(clock.millis() / 1000);
        HttpResponse<String> response = client.post(
                body, ts, SlackRequestVerifier.sign("wrong-secret", ts, body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(401, response.statusCode());
        assertEquals(401, client.post(body, null, null).statusCode());
        assertTrue(bot.standupSession().todaysStandup().isEmpty(), "the standup was not opened");
    }

    @Test
    void timestampsMoreThanFiveMinutesOldOrAheadAreRefusedWith401() throws Exception {
        String body = SignedSlackClient.form(Map.of("command", "/standup", "user_id", "U0QA", "text", "status"));
        for (long skew : new long[] {-301, 301}) {
            String ts = Long.toString(clock.millis() / 1000 + skew);
            HttpResponse<String> response =
                    client.post(body, ts, SlackRequestVerifier.sign(SECRET, ts, body.getBytes(StandardCharsets.UTF_8)));
            assertEquals(401, response.statusCode(), "skew " + skew);
        }
    }

    @Test
    void theSameSignedRequestSentTwiceIsRefusedTheSecondTime() throws Exception {
        String body = SignedSlackClient.form(Map.of(
                "command",
                "/standup",
                "user_id",
                "U0QA",
                "team_id",
                "T0TEAM",
                "text",
                "today: once",
                "trigger_id",
                "1.2.3",
                "response_url",
                "http://127.0.0.1:9/r"));
        String ts = Long.toString(clock.millis() / 1000);
        String signature = SlackRequestVerifier.sign(SECRET, ts, body.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, client.post(body, ts, signature).statusCode());
        assertEquals(401, client.post(body, ts, signature).statusCode());
    }

    @Test
    void aValidlySignedBodyWithRawUtf8AndATrailingNewlineIsAccepted() throws Exception {
        String body = "token=x&team_id=T0TEAM&user_id=U0QA&command=%2Fstandup&trigger_id=1.2.3"
                + "&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fr&text=today%3A+caf\u00e9 \u2713\n";
        HttpResponse<String> response = client.post(body);
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void anOversizedBodyIsRefusedWith413AndOtherPathsWith404() throws Exception {
        String body = "text=" + "x".repeat(SlackHttpServer.MAX_BODY_BYTES + 1);
        assertEquals(413, client.post(body).statusCode());
        assertEquals(404, client.get("/admin").statusCode());
        assertEquals(405, client.get("/slack/events").statusCode());
    }

    @Test
    void standupWithNoTextOpensTheModalWithTheTriggerId() throws Exception {
        HttpResponse<String> response = client.slashCommand("U0SEC", "/standup", "");
        assertEquals(200, response.statusCode());
        List<FakeSlackApi.Call> opens = api.calls("views.open");
        assertEquals(1, opens.size());
        assertEquals("13345224609.738474920.8088930838d88f008e0", opens.get(0).param("trigger_id"));
        JsonNode view = JSON.readTree(opens.get(0).param("view"));
        assertEquals("standup_update", view.get("callback_id").asText());
        assertEquals("security", view.get("blocks").get(0).get("block_id").asText());
        assertFalse(view.get("blocks").get(0).get("optional").asBoolean(), "required of the security team");
    }

    @Test
    void thePostUpdateButtonOpensTheModal() throws Exception {
        assertEquals(
                200,
                client.pressButton(
                                "U0QA",
                                "C0ALPHAPYPHASE2",
                                "standup_post_update",
                                "standup",
                                "99.88.77",
                                "http://127.0.0.1:9/r")
                        .statusCode());
        assertEquals("99.88.77", api.calls("views.open").get(0).param("trigger_id"));
    }

    @Test
    void theModalsConfirmationShowsTheUpdateWithItsTextEscaped() throws Exception {
        HttpResponse<String> ok = submission("U0QA", null, "none", "<!channel> fuzz *the* loader & T5", null);
        assertEquals(200, ok.statusCode(), ok.body());
        String shown = JSON.readTree(ok.body()).get("view").get("blocks").toString();
        assertTrue(shown.contains("&lt;!channel&gt; fuzz"), shown);
        assertTrue(shown.contains("&amp; T5"), shown);
        assertFalse(shown.contains("<!channel>"), shown);
    }

    @Test
    void submittingTheModalRecordsTheUpdateAndAnErrorPointsAtTheField() throws Exception {
        HttpResponse<String> ok = submission("U0QA", null, "none", "mutation tests for T5", null);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("update", JSON.readTree(ok.body()).get("response_action").asText());
        assertEquals(
                List.of("qa-engineer"),
                bot.standupReports().status().posted().stream()
                        .map(p -> p.agent())
                        .toList());

        HttpResponse<String> refused = submission("U0SEC", null, null, "audit", null);
        JsonNode answer = JSON.readTree(refused.body());
        assertEquals("errors", answer.get("response_action").asText());
        assertTrue(answer.get("errors").get("security").asText().contains("security section"));
    }

    @Test
    void theStandupReachesSlackEscapedThroughTheWebApi() throws Exception {
        client.slashCommand("U0LEAD", "/standup", "open");
        client.slashCommand("U0QA", "/standup", "blockers: <!channel> waiting on software-architect");
        client.slashCommand("U0SEC", "/standup", "security: patched; today: audit");
        client.slashCommand("U0LEAD", "/standup", "close");
        worker.deliverDue();

        // The shipped plan tells the security team's update in the security channel only (standup.security_update).
        List<FakeSlackApi.Call> security = api.succeeded("chat.postMessage").stream()
                .filter(c -> c.param("channel").equals("#alphapy-security"))
                .toList();
        assertEquals(1, security.size());
        assertTrue(
                security.get(0).param("blocks").contains("• *python-ml-fintech-reviewer*: patched"),
                security.get(0).param("blocks"));
        List<FakeSlackApi.Call> posts = api.succeeded("chat.postMessage").stream()
                .filter(c -> !c.param("channel").equals("#alphapy-security"))
                .toList();
        List<String> channels = posts.stream().map(c -> c.param("channel")).toList();
        assertEquals(
                List.of("#alphapy-phase2", "U0SEC", "U0QA", "U0LEAD", "#alphapy-phase2"),
                channels,
                "unlinked agents get no DM; linked ones one each");
        String summary = posts.get(4).param("blocks");
        assertTrue(summary.contains("• *python-ml-fintech-reviewer*: update given in #alphapy-security"), summary);
        assertTrue(summary.contains("\\u0026lt;!channel\\u0026gt; waiting on software-architect"), summary);
        for (FakeSlackApi.Call call : api.all()) {
            assertFalse(String.valueOf(call.param("blocks")).contains("<!channel>"), "no broadcast reached Slack");
            assertFalse(String.valueOf(call.param("text")).contains("<!channel>"), "nor in the fallback text");
        }
        JsonNode blocks = JSON.readTree(posts.get(0).param("blocks"));
        assertEquals(
                "standup_post_update",
                blocks.get(1).get("elements").get(0).get("action_id").asText());
    }

    @Test
    void aLateUpdateEditsThePostedSummaryWithChatUpdate() throws Exception {
        client.slashCommand("U0LEAD", "/standup", "open");
        client.slashCommand("U0LEAD", "/standup", "close");
        worker.deliverDue();
        FakeSlackApi.Call summary = api.succeeded("chat.postMessage")
                .get(api.succeeded("chat.postMessage").size() - 1);

        clock.tick(Duration.ofMinutes(20));
        client.slashCommand("U0QA", "/standup", "today: late but here");
        worker.deliverDue();

        List<FakeSlackApi.Call> edits = api.succeeded("chat.update");
        assertEquals(1, edits.size());
        assertEquals("C0ALPHAPYPHASE2", edits.get(0).param("channel"));
        assertEquals(
                "Daily standup summary: Tuesday 24 November 2026", edits.get(0).param("text"));
        assertTrue(edits.get(0).param("blocks").contains("_Late update from qa-engineer at 09:20 EST._"));
        assertTrue(summary.param("text").startsWith("Daily standup summary"));
        FakeSlackApi.Call opening = api.succeeded("chat.postMessage").get(0);
        List<FakeSlackApi.Call> replies = api.succeeded("chat.postMessage").stream()
                .filter(c -> c.param("thread_ts") != null)
                .toList();
        assertEquals(1, replies.size(), "the late update is noted in the standup's thread");
        assertEquals("#alphapy-phase2", replies.get(0).param("channel"));
        assertTrue(replies.get(0).param("text").startsWith("qa-engineer posted a late update at 09:20 EST"));
        assertNull(summary.param("thread_ts"), "the summary itself is in the channel");
        assertTrue(opening.param("text").startsWith("Daily standup, "), opening.param("text"));
        assertEquals(api.posted().get(0).ts(), replies.get(0).param("thread_ts"), "a reply to the opening post");
    }

    @Test
    void theOutboxRidesOutA500BurstAndA429AndDeliversEachMessageOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            api.fail("chat.postMessage", 500, Map.of(), "{\"ok\":false,\"error\":\"internal_error\"}");
        }
        api.fail("chat.postMessage", 429, Map.of("Retry-After", "7"), "{\"ok\":false,\"error\":\"ratelimited\"}");
        client.slashCommand("U0LEAD", "/standup", "open");

        for (int second = 0; second < 120; second++) {
            worker.deliverDue();
            clock.tick(Duration.ofSeconds(1));
        }

        List<FakeSlackApi.Call> attempts = api.calls("chat.postMessage");
        List<FakeSlackApi.Call> delivered = api.succeeded("chat.postMessage");
        assertEquals(4, delivered.size(), "the channel post and three DMs");
        assertEquals(
                delivered.stream().map(c -> c.param("channel")).distinct().count(),
                delivered.size(),
                "each message delivered exactly once");
        assertEquals(8, attempts.size(), "four failures were retried, nothing else was sent again");
        assertEquals(0, worker.pendingCount());
    }

    @Test
    void theAppHomeShowsTheDashboardWhenOpenedAndAgainWhenThePlanChanges() throws Exception {
        String event = "{\"type\":\"event_callback\",\"team_id\":\"T0TEAM\",\"api_app_id\":\"A0APP\","
                + "\"event\":{\"type\":\"app_home_opened\",\"user\":\"U0QA\",\"channel\":\"D0QA\",\"tab\":\"home\","
                + "\"event_ts\":\"1764000000.1\"},\"event_id\":\"Ev0HOME\",\"event_time\":1764000000}";
        assertEquals(200, client.event(event).statusCode());
        FakeSlackApi.Call published = api.await("views.publish", 1, 10_000).get(0);
        assertEquals("U0QA", published.param("user_id"));
        JsonNode view = JSON.readTree(published.param("view"));
        assertEquals("home", view.get("type").asText());
        assertEquals("header", view.get("blocks").get(0).get("type").asText(), "the phase's name heads the dashboard");
        assertTrue(view.get("blocks").toString().contains("*Quality gates*"));

        client.slashCommand("U0SEC", "/gate", "check 1 1");
        List<FakeSlackApi.Call> all = api.await("views.publish", 2, 10_000);
        assertEquals("U0QA", all.get(1).param("user_id"), "the Home that was opened is refreshed");
        assertTrue(all.get(1).param("view").contains("1/4 criteria"));
        assertEquals(
                List.of("U0QA", "U0QA"),
                all.stream().map(c -> c.param("user_id")).toList(),
                "linked users who never opened their Home get no views.publish");
    }
    /** The standup modal submitted as {@code user}; a null answer is a field left empty. */
    private HttpResponse<String> submission(
            String user, String security, String blockers, String commitments, String coordination) throws Exception {
        Map<String, String> inputs = new java.util.LinkedHashMap<>();
        inputs.put("security", security);
        inputs.put("blockers", blockers);
        inputs.put("commitments", commitments);
        inputs.put("coordination", coordination);
        return client.submitView(user, "standup_update", null, inputs);
    }
}
