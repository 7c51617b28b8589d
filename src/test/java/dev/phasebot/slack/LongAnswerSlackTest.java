package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.standup.UpdateParser;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.SlackTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An answer longer than one Slack message: the ack carries the first part and the rest follow
 * through the command's response_url, in order; what Slack would not take is named, not dropped
 * without a word.
 */
class LongAnswerSlackTest extends SlackTest {

    private static final String SECRET = "test-signing-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> AGENTS =
            List.of("software-architect", "ml-engineer", "qa-engineer", "senior-system-developer", "devops-engineer");

    private final UpdateParser parser = new UpdateParser();

    LongAnswerSlackTest() {
        super("2026-11-24T10:00", SECRET);
    }

    @BeforeEach
    void start() throws Exception {
        start(slackHarness().link("qa-engineer", "U0QA"));
    }

    @Test
    void aLongAnswerGoesOnThroughTheResponseUrlAfterTheAckWithNothingLeftOut() throws Exception {
        List<String> markers = postLongUpdates("2026-11-24", AGENTS.subList(0, 2));
        JsonNode ack = JSON.readTree(history("1").body());
        assertEquals("ephemeral", ack.get("response_type").asText());

        List<String> texts = new ArrayList<>(List.of(ack.get("text").asText() + ack.get("blocks")));
        List<FakeSlackApi.Call> followUps = settledFollowUps(1);
        assertTrue(followUps.size() <= EphemeralAnswers.MAX_FOLLOW_UPS, String.valueOf(followUps.size()));
        for (FakeSlackApi.Call call : followUps) {
            assertEquals("ephemeral", call.param("response_type"));
            texts.add(call.param("text") + call.param("blocks"));
        }
        String all = String.join("\n", texts);
        for (String marker : markers) {
            assertTrue(all.contains(marker), marker + " is in the answer");
        }
        assertTrue(markers.stream().anyMatch(m -> !texts.get(0).contains(m)), "the ack alone did not hold everything");
        assertTrue(texts.get(0).contains(markers.get(0)), "the ack is filled, not the title alone");
        assertTrue(all.indexOf(markers.get(0)) < all.indexOf(markers.get(markers.size() - 1)), "parts came in order");
    }

    @Test
    void anAnswerLongerThanSlackTakesNamesHowManyPartsItLeavesOut() throws Exception {
        postLongUpdates("2026-11-23", AGENTS);
        postLongUpdates("2026-11-24", AGENTS);
        history("2");
        List<FakeSlackApi.Call> followUps = settledFollowUps(EphemeralAnswers.MAX_FOLLOW_UPS);
        assertEquals(EphemeralAnswers.MAX_FOLLOW_UPS, followUps.size());
        String last = followUps.get(followUps.size() - 1).param("text");
        assertTrue(
                last.matches("… and \\d+ more parts of this answer, which Slack will not take in answer to one "
                        + "request\\. Ask for less at a time to see them\\."),
                last);
    }

    @Test
    void aPartTheResponseUrlRefusesEndsTheAnswerThereRatherThanLeaveAGapInIt() throws Exception {
        postLongUpdates("2026-11-23", AGENTS);
        postLongUpdates("2026-11-24", AGENTS);
        api.fail("response_url", 500, java.util.Map.of(), "{}");
        assertEquals(200, history("2").statusCode());
        List<FakeSlackApi.Call> followUps = settledFollowUps(1);
        assertEquals(
                List.of(500), followUps.stream().map(FakeSlackApi.Call::status).toList());
    }

    @Test
    void aShortAnswerIsTheAckAloneAndNothingFollows() throws Exception {
        postLongUpdates("2026-11-24", AGENTS.subList(0, 1).stream().toList());
        JsonNode ack = JSON.readTree(harness.client
                .slashCommand("U0QA", "/standup", "status", api.url() + "response_url")
                .body());
        assertTrue(ack.get("text").asText().startsWith("Standup, Tuesday"), ack.toString());
        harness.drainAnswers(5);
        assertEquals(List.of(), api.calls("response_url"));
    }

    private HttpResponse<String> history(String days) throws Exception {
        HttpResponse<String> response =
                harness.client.slashCommand("U0QA", "/standup", "history " + days, api.url() + "response_url");
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    /**
     * The follow-ups once the app has sent every part it was handed after the ack (at least
     * {@code atLeast} of them): the parts go out one after another in one background task, so
     * waiting for that task is waiting for the last of them.
     */
    private List<FakeSlackApi.Call> settledFollowUps(int atLeast) throws InterruptedException {
        harness.drainAnswers(5);
        List<FakeSlackApi.Call> calls = api.calls("response_url");
        assertTrue(calls.size() >= atLeast, calls.size() + " follow-ups, expected at least " + atLeast);
        return calls;
    }

    /** Every section of each agent's update near Slack's 3,000-character section, each starting with a marker. */
    private List<String> postLongUpdates(String day, List<String> agents) {
        clock.setLocal(day + "T10:00:00");
        List<String> markers = new ArrayList<>();
        for (String agent : agents) {
            StringBuilder text = new StringBuilder();
            for (String section : List.of("security", "blockers", "today", "coordination")) {
                String marker = "M" + day.substring(8) + agent.substring(0, 3) + section.substring(0, 3);
                markers.add(marker);
                text.append(section)
                        .append(": ")
                        .append(marker)
                        .append(" ")
                        .append("words ".repeat(450))
                        .append("; ");
            }
            harness.bot.standupUpdates().post(agent, parser.parse(text.toString()));
        }
        return markers;
    }
}
