package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import dev.phasebot.message.Block.Button;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackViewsTest {

    @Test
    void longTextIsSplitIntoSectionsSlackAcceptsWithNothingLost() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            text.append("line ").append(i).append(" of a long incident description\n");
        }
        text.append("x".repeat(7_000));
        List<LayoutBlock> blocks = SlackBlocks.blocks(dev.phasebot.message.Doc.builder()
                .line(text.toString())
                .actions(List.of(new Button("incident_ack", "Acknowledge", "1", "/incident ack 1")))
                .build());
        StringBuilder joined = new StringBuilder();
        for (LayoutBlock block : blocks.subList(0, blocks.size() - 1)) {
            String section = ((SectionBlock) block).getText().getText();
            assertTrue(section.length() <= 3_000, "section of " + section.length());
            joined.append(section);
        }
        assertEquals(text.toString().replace("\n", ""), joined.toString().replace("\n", ""));
        assertEquals("actions", blocks.get(blocks.size() - 1).getType());
    }

    @Test
    void aLongDocInTheHomeTabRunsOnWithoutBeingCutIntoMessages() {
        List<dev.phasebot.message.Line> items = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            items.add(dev.phasebot.message.Line.of(
                    "T" + i + " Model Architecture Design is overdue by 3 days, owner ml-engineer"));
        }
        dev.phasebot.message.Doc doc = dev.phasebot.message.Doc.builder()
                .heading("Phase dashboard")
                .bullets(dev.phasebot.message.Line.of("Overdue"), items)
                .build();
        assertTrue(SlackBlocks.render(doc).size() > 1, "too long for one message");

        String home = com.slack.api.util.json.GsonFactory.createSnakeCase()
                .toJson(SlackViews.home(doc).getBlocks());

        assertTrue(home.contains("T299 Model Architecture Design"), "all of it");
        assertTrue(!home.contains("(continued)"), "a view has no thread to continue in");
    }
}
