package dev.phasebot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.message.PlainText;
import dev.phasebot.review.Agenda;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SlackTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Follow-ups of incidents through a real Bolt app: a security incident's follow-up reaches the
 * plan everyone reads without its words, and the weekly review lists the open ones.
 */
class IncidentFollowUpSlackTest extends SlackTest {

    private static final String SECRET = "incident-followup-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEUTRAL = "Follow-up of security incident #1 (details in the security channel)";

    IncidentFollowUpSlackTest() {
        super("2026-11-24T10:00", SECRET);
    }

    @Test
    void aSecurityIncidentsFollowUpIsAPlanTaskWithoutItsWordsWhichStayInItsReportFile() throws Exception {
        start();
        command("U0QA", "/incident", "security ZETA token in logs affects T4");

        String answer = command("U0SEC", "/incident", "followup 1 rotate the ZETA signing keys");
        String task = taskId(answer);
        command("U0LEAD", "/incident", "resolve 1 rotated");
        drain();

        assertTrue(answer.contains("added to the plan as \"" + NEUTRAL + "\""), answer);
        assertTrue(answer.contains("owned by python-ml-fintech-reviewer"), answer);
        String shown = command("U0ML", "/task", "show " + task);
        assertTrue(shown.contains(NEUTRAL), shown);
        assertFalse(shown.contains("ZETA"), shown);
        assertFalse(command("U0ML", "/task", "list").contains("ZETA"));
        List<FakeSlackApi.Uploaded> files = api.uploads().stream()
                .filter(u -> u.filename().equals("incident-1.md"))
                .toList();
        assertFalse(files.isEmpty());
        for (FakeSlackApi.Uploaded file : files) {
            assertTrue(file.content().contains(task + " rotate the ZETA signing keys"), file.content());
            assertFalse(
                    file.channel().equals("C0COORD") || file.channel().startsWith("#alphapy-phase2"), file.channel());
        }
        assertTrue(api.succeeded("chat.postMessage").stream()
                .filter(c -> c.param("channel").equals("#alphapy-phase2"))
                .noneMatch(c -> c.param("text").contains("ZETA")));
    }

    @Test
    void aSecurityIncidentsFollowUpForSomeoneOutsideTheSecurityChannelIsRefusedAndNothingIsAdded() throws Exception {
        start();
        command("U0QA", "/incident", "security ZETA token in logs affects T4");
        String before = command("U0LEAD", "/task", "list");

        String refused = command("U0LEAD", "/incident", "followup 1 audit who read ZETA ml-engineer");

        assertTrue(refused.contains("ml-engineer is not a member of the security channel"), refused);
        assertTrue(refused.contains("Nothing was added"), refused);
        assertEquals(before, command("U0LEAD", "/task", "list"));
    }

    @Test
    void aFollowUpMarkedPublicIsTitledAsTypedEvenForASecurityIncident() throws Exception {
        start();
        command("U0QA", "/incident", "security ZETA token in logs affects T4");

        String answer = command("U0LEAD", "/incident", "followup 1 public: add log redaction tests ml-engineer");

        assertTrue(
                answer.matches("(?s)Follow-up T\\d+ of incident #1 added to the plan, owned by ml-engineer\\..*"),
                answer);
        assertTrue(command("U0ML", "/task", "show " + taskId(answer)).contains("add log redaction tests"));
    }

    @Test
    void theWeeklyReviewListsTheFollowUpsStillOpenOfAnyIncident() throws Exception {
        start();
        command("U0QA", "/incident", "Pipeline outage affects T4");
        command("U0QA", "/incident", "security ZETA token in logs affects T4");
        String canary = taskId(command("U0ML", "/incident", "followup 1 add a canary for config pushes 2026-12-01"));
        String runbook = taskId(command("U0LEAD", "/incident", "followup 1 write the runbook qa-engineer"));
        String rotate = taskId(command("U0SEC", "/incident", "followup 2 rotate the ZETA signing keys"));
        command("U0QA", "/task", "done " + runbook);

        List<String> lines = bot.reviewSession().preview().reported(Agenda.Source.FOLLOW_UPS).stream()
                .map(PlainText.withUserIds()::render)
                .toList();

        assertEquals(
                List.of(
                        canary + " add a canary for config pushes · incident #1 · ml-engineer · due 2026-12-01",
                        rotate + " " + NEUTRAL.replace("#1", "#2") + " · incident #2 · python-ml-fintech-reviewer"),
                lines);
    }

    private void start() throws Exception {
        start(slackHarness()
                .config(Fixtures.shippedConfig())
                .link("qa-engineer", "U0QA")
                .link("ml-engineer", "U0ML")
                .link("python-ml-fintech-reviewer", "U0SEC")
                .link("senior-system-developer", "U0LEAD"));
    }

    /** A signed slash command a second after the last one (the same signature twice is a replay); its answer. */
    private String command(String user, String name, String text) throws Exception {
        clock.tick(Duration.ofSeconds(1));
        return JSON.readTree(client.slashCommand(user, name, text).body())
                .get("text")
                .asText();
    }

    private static String taskId(String answer) {
        assertTrue(answer.startsWith("Follow-up T"), answer);
        return answer.substring("Follow-up ".length(), answer.indexOf(' ', "Follow-up ".length()));
    }
}
