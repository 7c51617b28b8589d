package dev.phasebot.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandReply;
import dev.phasebot.incident.IncidentService;
import dev.phasebot.message.Upload;
import dev.phasebot.support.BotTest;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /incidents/{id}/report}: an incident's post-incident report file for agents, any
 * time, and a security incident's roles in the views that hide its details. Every exchange is
 * checked against the OpenAPI document.
 */
class IncidentReportApiTest extends BotTest {

    private static final String LEAD = "senior-system-developer";
    private static final String SEC = "python-ml-fintech-reviewer";
    private static final String QA = "qa-engineer";
    private static final Pattern TOKEN = Pattern.compile("pb_[A-Za-z0-9_-]+");

    private ApiServer server;
    private ApiClient api;

    IncidentReportApiTest() {
        super("2025-08-19T09:05");
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
    void anOpenIncidentsReportIsTheFileSoFar() {
        reply(QA, "/incident", "HIGH Flaky CI runner");
        reply(QA, "/incident", "note 1 runner 7 out of disk");
        at("2025-08-19T09:35");

        JsonNode report = api.get("/incidents/1/report", issue(QA)).json();
        assertEquals(1, report.path("id").asLong());
        assertEquals("Flaky CI runner", report.path("title").asText());
        assertEquals("open", report.path("state").asText());
        assertTrue(report.path("closedAt").isNull());
        assertTrue(report.path("summary").isNull());
        assertEquals(LEAD, report.path("commander").asText());
        assertEquals("incident-1.md", report.path("filename").asText());
        String md = report.path("markdown").asText();
        assertTrue(md.startsWith("# Post-incident report: incident #1: Flaky CI runner\n"), md);
        assertTrue(md.contains("- Still open at "), md);
        assertTrue(md.contains(QA + ": note — runner 7 out of disk"), md);
    }

    @Test
    void aResolvedIncidentsReportIsTheFileUploadedAtResolve() {
        reply(QA, "/incident", "HIGH Flaky CI runner");
        reply(LEAD, "/incident", "role 1 communications " + QA);
        reply(QA, "/incident", "note 1 runner 7 out of disk");
        reply(LEAD, "/incident", "followup 1 alert on runner disk space " + QA);
        at("2025-08-19T10:20");
        reply(LEAD, "/incident", "resolve 1 runner replaced");
        worker.deliverDue();
        Upload uploaded = onlyUpload("incident-1.md");
        at("2025-08-20T09:00");

        JsonNode report = api.get("/incidents/1/report", issue(QA)).json();
        assertEquals("resolved", report.path("state").asText());
        assertEquals(QA, report.path("communications").asText());
        assertEquals(uploaded.filename(), report.path("filename").asText());
        assertEquals(uploaded.markdown(), report.path("markdown").asText());
        assertTrue(uploaded.markdown().contains("runner 7 out of disk"), uploaded.markdown());
        assertTrue(uploaded.markdown().contains("alert on runner disk space"), uploaded.markdown());
        assertTrue(report.path("summary").asText().contains("Post-incident summary, incident #1"), report.toString());
        assertTrue(report.path("summary").asText().contains("Resolution: runner replaced"), report.toString());
    }

    @Test
    void anUnknownIncidentIsNotFound() {
        ApiClient.Answer unknown = api.get("/incidents/9/report", issue(QA));
        assertEquals(404, unknown.status());
        assertTrue(unknown.error().startsWith("There is no incident #9."), unknown.error());
    }

    @Test
    void anIdThatIsNoNumberIsBadInput() {
        ApiClient.Answer bad = api.get("/incidents/first/report", issue(QA));
        assertEquals(400, bad.status());
        assertEquals("id", bad.field());
    }

    @Test
    void aSecurityIncidentsReportIsRefusedToANonMemberNamingWhoMay() {
        raiseSecurityIncident();

        ApiClient.Answer refused = api.get("/incidents/1/report", issue(QA));
        assertEquals(403, refused.status());
        assertEquals(
                "Only members of the security channel (" + SEC + ", " + LEAD
                        + ") may read the report of incident #1, a security incident.",
                refused.error());
        String said = refused.json().toString();
        for (String secret : List.of("Token leak", "deploy key", "rotating", "check other jobs")) {
            assertFalse(said.contains(secret), said);
        }
    }

    @Test
    void aSecurityIncidentsReportIsWholeForAMember() {
        raiseSecurityIncident();

        JsonNode report = api.get("/incidents/1/report", issue(SEC)).json();
        assertEquals("Token leak in CI logs", report.path("title").asText());
        assertTrue(report.path("security").asBoolean());
        String md = report.path("markdown").asText();
        for (String detail : List.of("Token leak in CI logs", "deploy key", "rotating", "check other jobs")) {
            assertTrue(md.contains(detail), md);
        }
    }

    @Test
    void theViewsHidingASecurityIncidentKeepWhoHoldsItsRoles() {
        raiseSecurityIncident();
        String qa = issue(QA);

        JsonNode listed = api.get("/incidents", qa).json().path("open").get(0);
        assertFalse(listed.path("maySee").asBoolean());
        assertEquals("security incident", listed.path("incident").path("title").asText());
        assertEquals(SEC, listed.path("incident").path("commander").asText());
        assertEquals(LEAD, listed.path("incident").path("communications").asText());
        JsonNode shown = api.get("/incidents/1", qa).json();
        assertEquals("Hidden", shown.path("kind").asText());
        assertEquals(SEC, shown.path("commander").asText());
        assertEquals(LEAD, shown.path("communications").asText());
        assertFalse(shown.toString().contains("Token leak"), shown.toString());
    }

    /** Incident #1: a security incident with a note and a follow-up, its roles handed on. */
    private void raiseSecurityIncident() {
        bot.incidents()
                .raise(
                        LEAD,
                        new IncidentService.RaiseRequest(
                                "Token leak in CI logs",
                                "CRITICAL",
                                true,
                                "the deploy key is printed by job 4411",
                                null));
        reply(LEAD, "/incident", "role 1 commander " + SEC);
        reply(LEAD, "/incident", "role 1 communications " + LEAD);
        reply(SEC, "/incident", "note 1 rotating the deploy key");
        reply(LEAD, "/incident", "followup 1 check other jobs for printed secrets " + SEC);
        worker.deliverDue();
    }

    private Upload onlyUpload(String filename) {
        List<Upload> uploads = slack.delivered().stream()
                .map(d -> d.message().upload())
                .filter(Objects::nonNull)
                .filter(u -> u.filename().equals(filename))
                .distinct()
                .toList();
        assertEquals(1, uploads.size(), "one file " + filename + ": " + uploads);
        return uploads.get(0);
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
