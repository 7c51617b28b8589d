package dev.phasebot.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.support.BotTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent API over real HTTP on a loopback port, over a real SQLite file, with the shipped plan. */
class ApiHandlerTest extends BotTest {

    private static final String LEAD = "senior-system-developer";
    private static final Pattern TOKEN = Pattern.compile("pb_[A-Za-z0-9_-]+");

    private ApiServer server;
    private ApiClient api;

    ApiHandlerTest() {
        super("2026-11-24T09:05");
    }

    @BeforeEach
    void serve() throws Exception {
        server = new ApiServer("127.0.0.1", 0, bot.api()).start();
        api = new ApiClient(server.port());
    }

    @AfterEach
    void stopServing() {
        server.close();
    }

    @Test
    void theLeadIssuesATokenThatIsShownOnceAndStoredOnlyAsItsHash() {
        String token = issue("qa-engineer");

        List<String> stored = bot.database()
                .read(tx -> tx.query(
                        "SELECT token_hash FROM api_tokens WHERE agent = ?", rs -> rs.getString(1), "qa-engineer"));
        assertEquals(List.of(ApiTokens.hash(token)), stored);
        assertNotEquals(token, stored.get(0));
        assertEquals(List.of(LEAD + " api.token.issue qa-engineer"), audit("api.token.issue"));
    }

    @Test
    void onlyTheLeadMayIssueOrRevokeTokens() {
        CommandException no = assertThrows(
                CommandException.class,
                () -> bot.dispatcher().handle(Caller.agent("qa-engineer"), "/api", "token qa-engineer"));
        assertTrue(no.getMessage().startsWith("Only the lead"), no.getMessage());
        assertThrows(
                CommandException.class,
                () -> bot.dispatcher().handle(Caller.agent("qa-engineer"), "/api", "revoke qa-engineer"));
        assertTrue(bot.apiTokens().list().isEmpty());
    }

    @Test
    void anAgentPostsItsStandupUpdateAndSeesItInTodaysStatus() {
        String token = issue("qa-engineer");

        ApiClient.Answer posted =
                api.post("/standup/update", token, "{\"today\": \"fuzz the YAML loader\", \"blockers\": \"none\"}");
        ApiClient.Answer status = api.get("/standup/status", token);
        ApiClient.Answer mine = api.get("/standup/update", token);

        assertEquals(200, posted.status(), posted.json().toString());
        assertEquals("UpdateRecorded", posted.json().path("kind").asText());
        assertEquals(
                "fuzz the YAML loader",
                posted.json().path("update").path("commitments").asText());
        assertEquals(200, status.status());
        assertTrue(
                names(status.json().path("posted"), "agent").contains("qa-engineer"),
                status.json().toString());
        assertFalse(names(status.json().path("missing"), null).contains("qa-engineer"));
        assertEquals("none", mine.json().path("update").path("blockers").asText());
    }

    @Test
    void amendingReplacesOnlyTheSectionsGiven() {
        String token = issue("qa-engineer");
        api.post("/standup/update", token, "{\"today\": \"fuzz the YAML loader\", \"blockers\": \"waiting on T3\"}");

        api.post("/standup/update", token, "{\"blockers\": \"none any more\"}");

        JsonNode update = api.get("/standup/update", token).json().path("update");
        assertEquals("fuzz the YAML loader", update.path("commitments").asText());
        assertEquals("none any more", update.path("blockers").asText());
    }

    @Test
    void aCallWithNoTokenOrAWrongOneIsRefusedWith401() {
        issue("qa-engineer");

        ApiClient.Answer none = api.get("/tasks", null);
        ApiClient.Answer wrong = api.get("/tasks", "pb_not-a-token-anyone-was-given");

        assertEquals(401, none.status());
        assertEquals(401, wrong.status());
        assertTrue(wrong.error().contains("not valid"), wrong.error());
        assertTrue(wrong.json().has("field"));
    }

    @Test
    void a401NamesTheBearerSchemeAndSaysWhenTheTokenSentIsNotValid() {
        issue("qa-engineer");

        ApiClient.Answer none = api.get("/tasks", null);
        ApiClient.Answer wrong = api.post("/decisions", "pb_not-a-token-anyone-was-given", "{\"text\": \"x\"}");

        assertEquals(401, none.status());
        assertEquals(Optional.of("Bearer realm=\"phasebot\""), none.header("WWW-Authenticate"));
        assertEquals(401, wrong.status());
        assertEquals(
                Optional.of("Bearer realm=\"phasebot\", error=\"invalid_token\""), wrong.header("WWW-Authenticate"));
    }

    @Test
    void aMethodAPathIsNotServedWithIsRefusedWith405AndAllowNamesTheMethodsItIs() {
        String token = issue("qa-engineer");

        ApiClient.Answer put = api.call("PUT", "/standup/update", token);
        ApiClient.Answer delete = api.call("DELETE", "/gates/1", token);
        ApiClient.Answer getCriteria = api.get("/gates/1/criteria", token);
        ApiClient.Answer postDocument = api.call("POST", "/openapi.json", null);

        assertEquals(405, put.status(), put.json().toString());
        assertEquals(Optional.of("GET, POST"), put.header("Allow"));
        assertEquals(405, delete.status());
        assertEquals(Optional.of("GET"), delete.header("Allow"));
        assertEquals(405, getCriteria.status());
        assertEquals(Optional.of("POST"), getCriteria.header("Allow"));
        assertEquals(405, postDocument.status(), "the document's path needs no token, its 405 neither");
        assertEquals(Optional.of("GET"), postDocument.header("Allow"));
    }

    @Test
    void aRevokedTokenIsRefusedWith401AndTheRevocationIsAudited() {
        String token = issue("qa-engineer");
        assertEquals(200, api.get("/tasks", token).status());

        reply(LEAD, "/api", "revoke qa-engineer");

        assertEquals(401, api.get("/tasks", token).status());
        assertEquals(List.of(LEAD + " api.token.revoke qa-engineer"), audit("api.token.revoke"));
    }

    @Test
    void issuingAgainStopsTheEarlierToken() {
        String first = issue("qa-engineer");
        String second = issue("qa-engineer");

        assertEquals(401, api.get("/tasks", first).status());
        assertEquals(200, api.get("/tasks", second).status());
    }

    @Test
    void everyCallIsAuditedUnderTheAgentsName() {
        String token = issue("qa-engineer");

        api.post("/standup/update", token, "{\"today\": \"fuzz the YAML loader\"}");
        api.get("/tasks/T99", token);

        assertEquals(
                List.of(
                        "qa-engineer api.postStandupUpdate POST /api/v1/standup/update -> 200",
                        "qa-engineer api.showTask GET /api/v1/tasks/T99 -> 404"),
                audit("api.%").stream()
                        .filter(row -> row.startsWith("qa-engineer "))
                        .toList());
    }

    @Test
    void anAgentRaisesAnIncidentAndTheLeadActsOnIt() {
        String qa = issue("qa-engineer");
        String lead = issue(LEAD);

        ApiClient.Answer raised =
                api.post("/incidents", qa, "{\"title\": \"Fuzzer crashes the loader\", \"severity\": \"HIGH\"}");
        long id = raised.json().path("id").asLong();
        ApiClient.Answer acked = api.post("/incidents/" + id + "/acts/ack", lead, "");
        ApiClient.Answer assessed =
                api.post("/incidents/" + id + "/acts/assess", lead, "{\"text\": \"stack overflow on deep nesting\"}");
        ApiClient.Answer listed = api.get("/incidents", qa);
        ApiClient.Answer shown = api.get("/incidents/" + id, qa);
        ApiClient.Answer resolved =
                api.post("/incidents/" + id + "/resolve", lead, "{\"resolution\": \"depth limit\"}");

        assertEquals(200, raised.status(), raised.json().toString());
        assertEquals("HIGH", raised.json().path("severity").asText());
        assertEquals(200, acked.status(), acked.json().toString());
        assertEquals("Recorded", acked.json().path("kind").asText());
        assertEquals(200, assessed.status(), assessed.json().toString());
        assertEquals(200, listed.status());
        assertEquals(200, shown.status(), shown.json().toString());
        assertEquals(
                "Fuzzer crashes the loader",
                shown.json().path("incident").path("title").asText());
        assertEquals(200, resolved.status(), resolved.json().toString());
    }

    @Test
    void anAgentMayNotActOnAnotherAgentsIncident() {
        String qa = issue("qa-engineer");
        long id = api.post("/incidents", qa, "{\"title\": \"Fuzzer crashes the loader\"}")
                .json()
                .path("id")
                .asLong();

        ApiClient.Answer refused = api.post("/incidents/" + id + "/acts/assess", qa, "{\"text\": \"deep nesting\"}");

        assertEquals(403, refused.status(), refused.json().toString());
        assertTrue(refused.error().startsWith("Only the assignee"), refused.error());
    }

    @Test
    void theOwnerTicksADeliverableButAnotherAgentIsRefusedWith403NamingTheTask() {
        String owner = issue("python-ml-fintech-reviewer");
        String qa = issue("qa-engineer");

        ApiClient.Answer refused = api.post("/tasks/T1/deliverables/1", qa, "{}");
        ApiClient.Answer ticked = api.post("/tasks/T1/deliverables/1", owner, "{\"checked\": true}");

        assertEquals(403, refused.status(), refused.json().toString());
        assertEquals("task", refused.field());
        assertEquals(200, ticked.status(), ticked.json().toString());
        assertEquals("DeliverableChecked", ticked.json().path("kind").asText());
        assertTrue(ticked.json().path("checked").asBoolean());
    }

    @Test
    void tasksAndGatesAreListedAndShownAndAnUnknownOneIs404() {
        String token = issue("qa-engineer");

        ApiClient.Answer tasks = api.get("/tasks?filter=mine", token);
        ApiClient.Answer task = api.get("/tasks/T3", token);
        ApiClient.Answer gates = api.get("/gates", token);
        ApiClient.Answer gate = api.get("/gates/1", token);

        assertEquals(200, tasks.status(), tasks.json().toString());
        assertEquals(List.of("T5"), names(tasks.json().path("tasks"), "id"));
        assertEquals(
                "Model Architecture Design",
                task.json().path("task").path("title").asText());
        assertEquals(4, gates.json().size());
        assertEquals("Security Clearance", gate.json().path("name").asText());
        assertEquals(404, api.get("/tasks/T99", token).status());
        assertEquals(404, api.get("/gates/9", token).status());
        assertEquals(404, api.get("/nothing/here", token).status());
    }

    @Test
    void theGateOwnerChecksACriterionAndAnotherAgentIsRefused() {
        String owner = issue("python-ml-fintech-reviewer");
        String qa = issue("qa-engineer");

        ApiClient.Answer refused = api.post("/gates/1/criteria", qa, "{\"criterion\": \"1\"}");
        ApiClient.Answer checked = api.post("/gates/1/criteria", owner, "{\"criterion\": \"1\"}");

        assertEquals(403, refused.status(), refused.json().toString());
        assertEquals(200, checked.status(), checked.json().toString());
        assertEquals(1, checked.json().path("gate").path("met").asInt());
    }

    @Test
    void anAgentLogsADecisionAndAMetric() {
        String token = issue("software-architect");

        ApiClient.Answer decision = api.post("/decisions", token, "{\"text\": \"Model split into DataManager (T3)\"}");
        ApiClient.Answer metric =
                api.post("/metrics", token, "{\"name\": \"predict_p99_ms\", \"value\": 41, \"unit\": \"ms\"}");

        assertEquals(200, decision.status(), decision.json().toString());
        assertEquals("T3", decision.json().path("link").asText());
        assertEquals(200, metric.status(), metric.json().toString());
        assertTrue(metric.json().path("baseline").asBoolean());
        assertEquals(1, bot.reviewLog().metrics().size());
    }

    @Test
    void aBadBodyIsRefusedWith400NamingTheField() {
        String token = issue("qa-engineer");

        ApiClient.Answer notText = api.post("/incidents", token, "{\"title\": 3}");
        ApiClient.Answer misspelt = api.post("/standup/update", token, "{\"todya\": \"tests\"}");
        ApiClient.Answer notJson = api.post("/decisions", token, "{\"text\": ");
        ApiClient.Answer noValue = api.post("/metrics", token, "{\"name\": \"latency\"}");
        ApiClient.Answer coreRefusal = api.post("/incidents", token, "{\"title\": \"x\", \"affects\": \"T99\"}");

        assertEquals(400, notText.status());
        assertEquals("title", notText.field());
        assertEquals("todya", misspelt.field());
        assertEquals("body", notJson.field());
        assertEquals("value", noValue.field());
        assertEquals(400, coreRefusal.status(), coreRefusal.json().toString());
        assertTrue(bot.incidentQueries().list("qa-engineer").open().isEmpty());
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        String token = issue("qa-engineer");
        String big = "{\"text\": \"" + "x".repeat(ApiHandler.MAX_BODY_BYTES) + "\"}";

        ApiClient.Answer refused = api.post("/decisions", token, big);

        assertEquals(413, refused.status());
        assertTrue(bot.reviewLog().decisions("this").decisions().isEmpty());
    }

    @Test
    void aTokenOverItsRateIsToldToRetryAfterTheMinuteAndThenMayGoOn() {
        String token = issue("qa-engineer");
        for (int i = 0; i < 60; i++) {
            assertEquals(200, api.get("/gates", token).status());
        }
        clock.tick(Duration.ofSeconds(20));

        ApiClient.Answer limited = api.get("/gates", token);
        String other = issue("software-architect");

        assertEquals(429, limited.status());
        assertEquals(Optional.of("40"), limited.retryAfter());
        assertEquals(200, api.get("/gates", other).status());
        clock.tick(Duration.ofSeconds(40));
        assertEquals(200, api.get("/gates", token).status());
    }

    @Test
    void theOpenApiDocumentIsServedWithoutAToken() {
        ApiClient.Answer doc = api.get("/openapi.json", null);

        assertEquals(200, doc.status());
        assertTrue(doc.json().path("openapi").asText().startsWith("3."));
    }

    private String issue(String agent) {
        String text = reply(LEAD, "/api", "token " + agent);
        Matcher m = TOKEN.matcher(text);
        assertTrue(m.find(), text);
        return m.group();
    }

    private String reply(String agent, String command, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), command, text)).text();
    }

    private List<String> audit(String actionLike) {
        return bot.database()
                .read(tx -> tx.query(
                        "SELECT actor, action, detail FROM audit_log WHERE action LIKE ? ORDER BY id",
                        rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3),
                        actionLike));
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
        return out;
    }
}
