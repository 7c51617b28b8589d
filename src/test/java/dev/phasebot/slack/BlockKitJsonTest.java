package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.JsonOps;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.ButtonElement;
import dev.phasebot.message.Block;
import dev.phasebot.message.Block.Button;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ephemeral ack written by hand says what Bolt's Gson would have said, block for block. */
class BlockKitJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyKindOfBlockIsWrittenAsBoltWouldWriteIt() throws Exception {
        List<Line> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(Line.of("agent-" + i + " — “quoted” <@U0X> & <!here> \\ \"q\" \t tab é 日本"));
        }
        Doc doc = Doc.builder()
                .heading(Symbol.ALERT, " CRITICAL incident #1 <b>")
                .line(
                        "Raised by ",
                        Span.strong("qa-engineer"),
                        ": <!channel> & ",
                        Span.code("/incident ack 1"),
                        Span.aside(" late"),
                        Span.slackUser("U0SEC"))
                .fields(List.of(
                        new Block.Field("Assignee", Line.of(Span.slackUser("U0SEC"))),
                        new Block.Field("Due", Line.of("09:30 EST"))))
                .bullets(Line.of("Blockers"), many)
                .divider()
                .context(Span.aside("sent 18 s late"))
                .actions(List.of(
                        new Button("incident_ack", "Acknowledge", "1", "/incident ack 1"),
                        new Button("incident_assess", "Assess", "1", "/incident assess 1")))
                .build();
        for (Doc each : List.of(doc, Doc.of("One line."), Doc.builder().build())) {
            SlackBlocks.Part part = SlackBlocks.render(each).get(0);
            assertEquals(
                    JSON.readTree(boltWouldSend(part)),
                    JSON.readTree(BlockKitJson.ephemeral(part).getBody()));
        }
    }

    @Test
    void aBlockWithAFieldItDoesNotWriteIsLeftToBoltsSerializer() throws Exception {
        SectionBlock withAccessory = SectionBlock.builder()
                .text(MarkdownTextObject.builder().text("hi").build())
                .accessory(ButtonElement.builder().actionId("a").value("v").build())
                .build();
        assertFalse(BlockKitJson.isPlain(withAccessory));
        SlackBlocks.Part part = new SlackBlocks.Part("hi", List.of(withAccessory));
        Response answer = BlockKitJson.ephemeral(part);
        JsonNode sent = JSON.readTree(answer.getBody());
        assertEquals(JSON.readTree(boltWouldSend(part)), sent);
        assertEquals("a", sent.at("/blocks/0/accessory/action_id").asText());
    }

    @Test
    void theAnswerIsJsonWithStatus200AsBoltsAckIs() {
        Response answer =
                BlockKitJson.ephemeral(SlackBlocks.render(Doc.of("ok")).get(0));
        Response bolts = Response.json(200, "{}");
        assertEquals(200, answer.getStatusCode());
        assertEquals(bolts.getContentType(), answer.getContentType());
    }

    private static String boltWouldSend(SlackBlocks.Part part) {
        return JsonOps.toJsonString(SlashCommandResponse.builder()
                .responseType("ephemeral")
                .text(part.text())
                .blocks(part.blocks())
                .build());
    }
}
