package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.util.json.GsonFactory;
import dev.phasebot.message.Block;
import dev.phasebot.message.Block.Button;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docs as Block Kit: the blocks Slack gets, escaped, and within Slack's limits. */
class SlackBlocksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String json(List<LayoutBlock> blocks) throws Exception {
        return JSON.readTree(GsonFactory.createSnakeCase().toJson(blocks)).toString();
    }

    @Test
    void eachKindOfBlockBecomesItsBlockKitCounterpartWithUserTextEscaped() throws Exception {
        Doc doc = Doc.builder()
                .heading(Symbol.ALERT, " CRITICAL incident #1")
                .line("Raised by ", Span.strong("qa-engineer"), ": <!channel> & ", Span.code("/incident ack 1"))
                .fields(List.of(new Block.Field("Assignee", Line.of(Span.slackUser("U0SEC")))))
                .bullets(Line.of("Deadlines"), List.of(Line.of(Symbol.DONE, " met")))
                .context(Span.aside("sent 18 s late"))
                .actions(List.of(new Button("incident_ack", "Acknowledge", "1", "/incident ack 1")))
                .build();

        SlackBlocks.Part part = SlackBlocks.render(doc).get(0);

        assertEquals(
                "[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\":rotating_light: CRITICAL incident #1\",\"emoji\":true}},"
                        + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"Raised by *qa-engineer*: &lt;!channel&gt; &amp; `/incident ack 1`\"}},"
                        + "{\"type\":\"section\",\"fields\":[{\"type\":\"mrkdwn\",\"text\":\"*Assignee*\\n<@U0SEC>\"}]},"
                        + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*Deadlines*\\n• :white_check_mark: met\"}},"
                        + "{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"_sent 18 s late_\"}]},"
                        + "{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"text\":{\"type\":\"plain_text\",\"text\":\"Acknowledge\"},"
                        + "\"action_id\":\"incident_ack\",\"value\":\"1\"}]}]",
                json(part.blocks()));
        assertEquals("! CRITICAL incident #1", part.text(), "the fallback: the heading, as plain text");
    }

    @Test
    void aLongListIsSplitIntoSectionsOfAtMost3000CharactersWithoutLosingALine() {
        List<Line> items = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            items.add(Line.of("agent-" + i + " is blocked on the ML pipeline review"));
        }
        List<SlackBlocks.Part> parts = SlackBlocks.render(
                Doc.builder().bullets(Line.of("Blockers"), items).build());

        StringBuilder all = new StringBuilder();
        for (SlackBlocks.Part part : parts) {
            for (LayoutBlock block : part.blocks()) {
                String text = ((SectionBlock) block).getText().getText();
                assertTrue(text.length() <= SlackBlocks.SECTION_LIMIT, "a section of " + text.length());
                all.append(text).append('\n');
            }
        }
        assertEquals(
                400,
                all.toString().lines().filter(l -> l.startsWith("• agent-")).count());
        assertTrue(all.toString().startsWith("*Blockers*\n• agent-0 is blocked"), all.toString());
    }

    @Test
    void aDocOfMoreThan50BlocksComesOutAsSeveralMessagesOfAtMost50() {
        Doc.Builder doc = Doc.builder().heading("Overdue tasks");
        for (int i = 0; i < 120; i++) {
            doc.context("item " + i);
        }
        List<SlackBlocks.Part> parts = SlackBlocks.render(doc.build());

        assertEquals(
                List.of(50, 50, 21), parts.stream().map(p -> p.blocks().size()).toList());
        assertEquals("header", parts.get(0).blocks().get(0).getType());
    }

    @Test
    void aHeadingLongerThanSlackAllowsIsClipped() throws Exception {
        String heading = "x".repeat(400);
        String json = json(SlackBlocks.render(Doc.builder().heading(heading).build())
                .get(0)
                .blocks());
        assertTrue(json.contains("\"text\":\"" + "x".repeat(149) + "…\""), json);
    }

    @Test
    void boldAroundSpacesKeepsTheSpacesOutsideTheMarks() {
        assertEquals("a *b* c", SlackBlocks.mrkdwn(Line.of("a", Span.strong(" b "), "c")));
    }
}
