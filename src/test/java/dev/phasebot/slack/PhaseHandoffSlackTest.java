package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SlackTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /phase close} as a team runs it in Slack: a signed slash command from the lead, the
 * summary and its Markdown file shared in the coordination channel by the two-step upload, through
 * the real Bolt app, SlackTransport and the Web API stand-in.
 */
class PhaseHandoffSlackTest extends SlackTest {

    private static final String SECRET = "handoff-test-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHASE_2 = "AlphaPy Phase 2: Specialist Implementation & Security Hardening";
    private static final String COORDINATION_ID = "C0COORD";

    /** The shipped plan with the coordination channel's id, as OPERATING asks once a workspace is connected. */
    private static final BotConfig CONFIG = new ConfigLoader()
            .parse(
                    "bot-config.yml with a channel id",
                    Fixtures.shippedConfigText()
                            .replaceFirst(
                                    "(?m)^  coordination:\n    name: \"#alphapy-phase2\"\n",
                                    "  coordination:\n    name: \"#alphapy-phase2\"\n    id: " + COORDINATION_ID
                                            + "\n"));

    PhaseHandoffSlackTest() {
        super("2026-11-24T09:00", SECRET);
    }

    @Test
    void theLeadsCloseAnswersEphemerallyAndSharesTheSummaryWithTheReportFileInTheCoordinationChannel()
            throws Exception {
        start();
        command("U0LEAD", "/standup", "open");
        command("U0QA", "/standup", "today: fuzz the YAML loader");
        clock.tick(Duration.ofMinutes(5));
        command("U0LEAD", "/decision", "Model split into DataManager and FeatureManager (T3)");
        deliverAll();
        clock.tick(Duration.ofMinutes(5));

        HttpResponse<String> response =
                client.slashCommand("U0LEAD", "/phase", "close Gates 2-4 move to phase 3", api.url() + "response_url");

        assertEquals(200, response.statusCode());
        String answer = everythingAnswered(response);
        assertTrue(answer.contains(PHASE_2.replace("&", "&amp;") + " closed by senior-system-developer"), answer);
        assertTrue(answer.contains("Closed with gates open: Gates 2-4 move to phase 3"), answer);
        assertFalse(answer.contains("Exception"), answer);

        deliverAll();
        List<FakeSlackApi.Uploaded> uploads = api.uploads();
        assertEquals(1, uploads.size(), "one file");
        FakeSlackApi.Uploaded file = uploads.get(0);
        assertEquals(COORDINATION_ID, file.channel());
        assertTrue(file.filename().startsWith("handoff-") && file.filename().endsWith(".md"), file.filename());
        assertEquals(file.bytes().length, file.length(), "the length announced is the bytes sent");
        String markdown = file.content();
        for (String section : List.of(
                "# Handoff report: " + PHASE_2,
                "## Summary",
                "## Quality gates",
                "## Tasks and deliverables",
                "## Success metrics",
                "## Risks",
                "## Incidents",
                "## Decisions",
                "## Metrics against baseline",
                "## Standup participation",
                "## Handoff checklist")) {
            assertTrue(markdown.contains(section), section + " in\n" + markdown);
        }
        assertTrue(markdown.contains("Model split into DataManager"), "the decision is in the file");
        assertTrue(markdown.contains("| qa-engineer | 1 of 1 |"), "standup participation: " + markdown);
        assertTrue(file.initialComment().startsWith("The handoff report of "), file.initialComment());
        List<FakeSlackApi.Call> summaries = api.succeeded("chat.postMessage").stream()
                .filter(c -> String.valueOf(c.param("text")).contains("closed by senior-system-developer"))
                .toList();
        assertEquals(1, summaries.size(), "the summary is posted once, before the file");
        assertTrue(String.valueOf(summaries.get(0).params()).contains("Handoff report"));
        List<FakeSlackApi.Call> completes = api.succeeded("files.completeUploadExternal");
        assertEquals(1, completes.size());
        assertEquals(0, worker.pendingCount());
    }

    @Test
    void aCloseByAnyoneButTheLeadIsRefusedEphemerallyAndNothingIsPosted() throws Exception {
        start();
        worker.deliverDue();
        int posts = api.calls("chat.postMessage").size();

        JsonNode answer = JSON.readTree(
                client.slashCommand("U0QA", "/phase", "close the phase is done").body());

        assertEquals("ephemeral", answer.get("response_type").asText());
        String text = answer.get("text").asText();
        assertTrue(text.contains("lead"), text);
        assertEquals(1, text.lines().count(), "one line: " + text);
        deliverAll();
        assertEquals(posts, api.calls("chat.postMessage").size(), "nothing posted");
        assertEquals(List.of(), api.calls("files.getUploadURLExternal"), "nothing uploaded");
        assertFalse(bot.phases().current().ended());
    }

    @Test
    void a429ThenA500OnCompletingTheUploadStillSharesExactlyOneFile() throws Exception {
        start();
        api.fail(
                "files.completeUploadExternal",
                429,
                Map.of("Retry-After", "2"),
                "{\"ok\":false,\"error\":\"ratelimited\"}");
        api.fail("files.completeUploadExternal", 500, Map.of(), "{\"ok\":false,\"error\":\"internal_error\"}");

        client.slashCommand("U0LEAD", "/phase", "close moving on", api.url() + "response_url");
        deliverAll();

        assertEquals(
                List.of(429, 500, 200),
                api.calls("files.completeUploadExternal").stream()
                        .map(FakeSlackApi.Call::status)
                        .toList());
        assertEquals(1, api.uploads().size(), "shared once");
        assertTrue(api.uploads().get(0).content().startsWith("# Handoff report: "));
        assertEquals(0, worker.pendingCount());
        assertEquals(
                1,
                api.calls("chat.postMessage").stream()
                        .filter(c -> String.valueOf(c.param("text")).contains("closed by"))
                        .count(),
                "the summary is posted once, whatever the file's retries");
    }

    @Test
    void aSecurityIncidentsTitleNeverReachesTheCoordinationChannelsPostOrFile() throws Exception {
        start();
        String raised = JSON.readTree(client.slashCommand(
                                "U0QA", "/incident", "security ZETA-TITLE token in logs affects T1 -- ZETA-DESCRIPTION")
                        .body())
                .get("text")
                .asText();
        assertTrue(raised.startsWith("Incident #1 raised (CRITICAL, security)"), raised);
        deliverAll();
        clock.tick(Duration.ofMinutes(5));

        client.slashCommand("U0LEAD", "/phase", "close security work moves on", api.url() + "response_url");
        deliverAll();

        FakeSlackApi.Uploaded file = api.uploads().get(0);
        assertTrue(file.content().contains("security incident (details in the security channel)"), file.content());
        for (String secret : List.of("ZETA-TITLE", "ZETA-DESCRIPTION", "token in logs")) {
            assertFalse(file.content().contains(secret), secret + " in the file");
            assertFalse(file.initialComment().contains(secret), secret + " in the comment");
            for (FakeSlackApi.Call post : api.calls("chat.postMessage")) {
                if (List.of(COORDINATION_ID, "#alphapy-phase2").contains(post.param("channel"))) {
                    assertFalse(
                            String.valueOf(post.params()).contains(secret),
                            secret + " posted to the coordination channel");
                }
            }
        }
    }

    @Test
    void withoutTheChannelsIdTheFileFollowsTheSummaryPostedByName() throws Exception {
        start(Fixtures.shippedConfig());
        client.slashCommand("U0LEAD", "/phase", "close moving on", api.url() + "response_url");
        deliverAll();

        assertEquals(1, api.uploads().size(), "the file is shared, though the config names the channel only");
        assertTrue(api.uploads().get(0).content().startsWith("# Handoff report: "));
        assertEquals(0, worker.pendingCount());
    }

    @Test
    void aPhaseNameWithAnAmpersandAsSlackEscapesItFindsThePhase() throws Exception {
        start();
        String answer = command(
                "U0LEAD", "/phase", "report AlphaPy Phase 2: Specialist Implementation &amp; Security Hardening");
        assertTrue(
                answer.contains("Handoff report: AlphaPy Phase 2: Specialist Implementation &amp; Security"), answer);
        assertFalse(answer.contains("No phase is called"), answer);
        command("U0LEAD", "/decision", "Keep R&amp;D spikes out of the plan &lt;for now&gt;");
        assertTrue(
                bot.reviewLog().decisions("this").toString().contains("Keep R&D spikes out of the plan <for now>"),
                bot.reviewLog().decisions("this").toString());
    }

    private void start() throws Exception {
        start(CONFIG);
    }

    private void start(BotConfig config) throws Exception {
        start(slackHarness()
                .config(config)
                .standInOnTheClock()
                .link("qa-engineer", "U0QA")
                .link("ml-engineer", "U0ML")
                .link("python-ml-fintech-reviewer", "U0SEC")
                .link("senior-system-developer", "U0LEAD"));
    }

    private String command(String user, String command, String text) throws Exception {
        return JSON.readTree(client.slashCommand(user, command, text).body())
                .get("text")
                .asText();
    }

    /** Runs the worker, moving the clock a second at a time, until the outbox is empty (at most five minutes). */
    private void deliverAll() {
        for (int second = 0; second < 300; second++) {
            worker.deliverDue();
            if (worker.pendingCount() == 0) {
                return;
            }
            clock.tick(Duration.ofSeconds(1));
        }
        throw new AssertionError("the outbox did not empty: " + worker.pendingCount() + " left");
    }

    /** The ack's text and, for a long answer, the parts that followed on the response_url. */
    private String everythingAnswered(HttpResponse<String> ack) throws Exception {
        JsonNode body = JSON.readTree(ack.body());
        assertEquals("ephemeral", body.get("response_type").asText(), ack.body());
        StringBuilder all = new StringBuilder(body.get("text").asText());
        harness.drainAnswers(5);
        for (FakeSlackApi.Call part : api.calls("response_url")) {
            all.append('\n').append(part.params());
        }
        return all.toString();
    }
}
