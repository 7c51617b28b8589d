package dev.phasebot.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandReply;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /incidents?phase=} is {@code /incident list phase}: every incident raised in that phase. */
class PhaseHistoryApiTest extends BotTest {

    private static final String PHASE_2 = "AlphaPy Phase 2: Specialist Implementation & Security Hardening";
    private static final String LEAD = "senior-system-developer";
    private static final Pattern TOKEN = Pattern.compile("pb_[A-Za-z0-9_-]+");

    private ApiServer server;
    private ApiClient api;

    PhaseHistoryApiTest() {
        super("2025-08-19T09:05");
    }

    @BeforeEach
    void twoPhasesServed() throws Exception {
        reply(LEAD, "/incident", "HIGH Flaky CI runner");
        reply(LEAD, "/incident", "security Token leak in CI logs");
        reply(LEAD, "/incident", "resolve 1 runner replaced");
        clock.at("2025-09-08T09:05");
        startOnPlan(Fixtures.nextPhaseConfigText(), "phasebot.db");
        reply(LEAD, "/incident", "HIGH Consumer lag alerts");
        server = new ApiServer("127.0.0.1", 0, bot.api()).start();
        api = new ApiClient(server.port());
    }

    @AfterEach
    void stopServing() {
        server.close();
    }

    @Test
    void incidentsOfAPhaseAreThoseRaisedInItWhateverBecameOfThem() {
        String qa = issue("qa-engineer");
        JsonNode first = api.get("/incidents?phase=1", qa).json();
        assertEquals(PHASE_2, first.path("phase").asText());
        assertEquals(List.of(1L, 2L), ids(first));
        assertTrue(
                first.path("incidents").get(0).path("incident").path("resolved").asBoolean());
        JsonNode next = api.get("/incidents?phase=AlphaPy%20Phase%203:%20Production%20Readiness", qa)
                .json();
        assertEquals(List.of(3L), ids(next));
    }

    @Test
    void aSecurityIncidentOfAPhaseKeepsItsDetailsFromThoseWhoMayNotSeeThem() {
        JsonNode leak = api.get("/incidents?phase=1", issue("qa-engineer"))
                .json()
                .path("incidents")
                .get(1);
        assertEquals(false, leak.path("maySee").asBoolean());
        assertEquals("security incident", leak.path("incident").path("title").asText());
        JsonNode seen = api.get("/incidents?phase=1", issue(LEAD))
                .json()
                .path("incidents")
                .get(1);
        assertEquals(
                "Token leak in CI logs", seen.path("incident").path("title").asText());
    }

    @Test
    void anUnknownPhaseIsBadInputNamingThePhases() {
        ApiClient.Answer unknown = api.get("/incidents?phase=9", issue("qa-engineer"));
        assertEquals(400, unknown.status());
        assertTrue(unknown.error().contains("1. " + PHASE_2), unknown.error());
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> ids = new ArrayList<>();
        list.path("incidents")
                .forEach(e -> ids.add(e.path("incident").path("id").asLong()));
        return ids;
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
}
