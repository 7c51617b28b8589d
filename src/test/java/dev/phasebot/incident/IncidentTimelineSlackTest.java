package dev.phasebot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SlackTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What people add to an incident's timeline, through a real Bolt app: {@code /incident note} and
 * the message shortcut "Add to incident timeline", sent as Slack sends it (signed message_action).
 */
class IncidentTimelineSlackTest extends SlackTest {

    private static final String SECRET = "incident-timeline-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    IncidentTimelineSlackTest() {
        super("2026-11-24T10:00", SECRET);
    }

    @Test
    void aNoteGoesOnTheTimelineByItsAgentAndShowsInShow() throws Exception {
        start();
        command("U0QA", "Pipeline outage affects T4");

        String answer = command("U0ML", "note 1 rolled back the feature store to v2.3");

        assertTrue(answer.contains("Added to incident #1's timeline"), answer);
        String shown = command("U0QA", "show 1");
        assertTrue(shown.contains("ml-engineer: note — rolled back the feature store to v2.3"), shown);
    }

    @Test
    void aSecurityIncidentsTimelineTakesNoNoteFromOutsideTheSecurityChannel() throws Exception {
        start();
        command("U0QA", "security Token in logs affects T4");

        String refused = command("U0ML", "note 1 I saw it too");
        String shown = command("U0SEC", "show 1");

        assertTrue(refused.contains("only members of the security channel"), refused);
        assertFalse(shown.contains("I saw it too"), shown);
        assertTrue(command("U0SEC", "note 1 rotated the token").contains("Added"));
    }

    @Test
    void theShortcutOnAMessageInTheRoomAddsItsTextAndLinkByWhoeverUsedIt() throws Exception {
        start();
        command("U0QA", "Pipeline outage affects T4");
        drain();
        FakeSlackApi.Channel room = api.channels().get(0);

        shortcut("U0ML", room.id(), "restarted the &lt;scheduler&gt; &amp; workers", "1764000123.000200");

        String said = api.await("response_url", 1, 10_000).get(0).param("text");
        assertTrue(said.contains("Added that message to incident #1's timeline"), said);
        String shown = command("U0QA", "show 1");
        assertTrue(shown.contains("ml-engineer: message — “restarted the &lt;scheduler&gt; &amp; workers”"), shown);
        assertTrue(shown.contains("https://slack.com/archives/" + room.id() + "/p1764000123000200"), shown);
    }

    @Test
    void theShortcutOutsideAnIncidentsRoomOnlySaysSoAndRecordsNothing() throws Exception {
        start();
        command("U0QA", "Pipeline outage affects T4");
        drain();

        shortcut("U0ML", "C0ALPHAPYPHASE2", "unrelated chatter", "1764000123.000300");

        String said = api.await("response_url", 1, 10_000).get(0).param("text");
        assertTrue(said.contains("only in an incident's room"), said);
        assertFalse(command("U0QA", "show 1").contains("unrelated chatter"));
    }

    @Test
    void theResolveUploadsTheReportFileToTheChannelAndTheRoomAfterTheirSummaries() throws Exception {
        start();
        command("U0QA", "Pipeline outage affects T4");
        drain();
        FakeSlackApi.Channel room = api.channels().get(0);
        clock.tick(Duration.ofMinutes(4));
        command("U0ML", "ack 1");
        command("U0ML", "note 1 rolled back the feature store");
        clock.tick(Duration.ofMinutes(40));
        command("U0ML", "assess 1 bad config push");

        assertTrue(command("U0LEAD", "resolve 1 config reverted").contains("resolved"));
        drain();

        List<FakeSlackApi.Uploaded> files = api.uploads();
        assertEquals(
                Set.of("C0ALPHAPYPHASE2", room.id()),
                files.stream().map(FakeSlackApi.Uploaded::channel).collect(Collectors.toSet()));
        for (FakeSlackApi.Uploaded file : files) {
            assertEquals("incident-1.md", file.filename());
            String md = file.content();
            assertTrue(md.startsWith("# Post-incident report: incident #1: Pipeline outage"), md);
            assertTrue(md.contains("- Commander: senior-system-developer"), md);
            assertTrue(md.contains("- Assignee: ml-engineer"), md);
            assertTrue(md.contains("- Acknowledge: 4 min"), md);
            assertTrue(md.contains("technical assessment, due 10:30 EST: missed by 14 min"), md);
            assertTrue(md.contains("ml-engineer: note — rolled back the feature store"), md);
            assertTrue(md.contains("## Follow-ups"), md);
        }
        for (String channel : List.of("#alphapy-phase2", room.id())) {
            List<String> said = api.succeeded("chat.postMessage").stream()
                    .filter(c -> channel.equals(c.param("channel")))
                    .map(c -> c.param("text"))
                    .toList();
            assertTrue(said.stream().anyMatch(t -> t.contains("Post-incident summary")), channel + ": " + said);
        }
    }

    @Test
    void aSecurityIncidentsReportFileGoesToTheSecurityChannelAndItsRoomOnly() throws Exception {
        start();
        command("U0QA", "security Token in logs affects T4");
        drain();
        FakeSlackApi.Channel room = api.channels().get(0);

        command("U0LEAD", "resolve 1 rotated");
        drain();

        assertEquals(
                Set.of("C0ALPHAPYSECURITY", room.id()),
                api.uploads().stream().map(FakeSlackApi.Uploaded::channel).collect(Collectors.toSet()));
    }

    @Test
    void theReportCommandShowsTheSummaryAndWhereTheFileIs() throws Exception {
        start();
        command("U0QA", "Pipeline outage affects T4");
        command("U0ML", "note 1 looking at the scheduler");

        String open = command("U0QA", "report 1");
        command("U0LEAD", "resolve 1 fixed");
        clock.tick(Duration.ofMinutes(1));
        String resolved = command("U0QA", "report 1");

        assertTrue(open.contains("its report file incident-1.md is posted to #alphapy-phase2"), open);
        assertTrue(open.contains("looking at the scheduler"), open);
        assertTrue(resolved.contains("Post-incident summary"), resolved);
        assertTrue(resolved.contains("incident-1.md was posted to #alphapy-phase2"), resolved);
    }

    @Test
    void aFollowUpIsAPlanTaskLinkedToTheIncidentAndListedInItsReportFile() throws Exception {
        start();
        command("U0QA", "Pipeline outage affects T4");

        String mine = command("U0ML", "followup 1 add a canary for config pushes");
        String given = command("U0LEAD", "followup 1 write the runbook qa-engineer 2026-12-01");
        command("U0LEAD", "resolve 1 fixed");
        drain();

        assertTrue(
                mine.matches("(?s)Follow-up T\\d+ of incident #1 added to the plan, owned by ml-engineer\\..*"), mine);
        assertTrue(given.contains("owned by qa-engineer, due 2026-12-01"), given);
        String task = mine.substring("Follow-up ".length(), mine.indexOf(' ', "Follow-up ".length()));
        assertTrue(JSON.readTree(
                        client.slashCommand("U0ML", "/task", "show " + task).body())
                .get("text")
                .asText()
                .contains("add a canary for config pushes"));
        String md = api.uploads().get(0).content();
        assertTrue(md.contains("- [ ] " + task + " add a canary for config pushes (ml-engineer)"), md);
        assertTrue(md.contains("write the runbook (qa-engineer, due 2026-12-01)"), md);
    }

    private void start() throws Exception {
        start(slackHarness()
                .config(Fixtures.shippedConfig())
                .link("qa-engineer", "U0QA")
                .link("ml-engineer", "U0ML")
                .link("python-ml-fintech-reviewer", "U0SEC")
                .link("senior-system-developer", "U0LEAD"));
    }

    private String command(String user, String text) throws Exception {
        return JSON.readTree(client.slashCommand(user, "/incident", text).body())
                .get("text")
                .asText();
    }

    /** The message shortcut, as Slack sends a message_action. */
    private void shortcut(String user, String channel, String text, String ts) throws Exception {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "message_action");
        payload.put("callback_id", "incident_timeline_add");
        payload.put("team", Map.of("id", "T0TEAM"));
        payload.put("user", Map.of("id", user));
        payload.put("api_app_id", "A0APP");
        payload.put("trigger_id", "1.2.3");
        payload.put("response_url", api.url() + "response_url");
        payload.put("channel", Map.of("id", channel));
        payload.put("message_ts", ts);
        payload.put("message", Map.of("type", "message", "user", "U0LEAD", "text", text, "ts", ts));
        assertEquals(200, client.interaction(JSON.writeValueAsString(payload)).statusCode());
    }
}
