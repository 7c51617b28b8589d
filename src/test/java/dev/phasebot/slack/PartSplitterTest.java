package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Where a doc too long for one Slack message is cut: within every limit, and where a small change leaves the cuts. */
class PartSplitterTest {

    @Test
    void aDocThatFitsOneMessageIsOnePartAsItAlwaysWas() {
        Doc doc = summary(20, i -> "waiting on T3");
        List<SlackBlocks.Part> parts = SlackBlocks.render(doc);
        assertEquals(1, parts.size());
        assertEquals(SlackBlocks.blocks(doc).size(), parts.get(0).blocks().size());
    }

    @Test
    void aLongDocStartsAPartAtEachTopLevelSectionAndEveryPartKeepsEveryLimit() {
        List<SlackBlocks.Part> parts = SlackBlocks.render(summary(
                500,
                i -> "waiting on agent-" + (i + 1) + " and agent-" + (i + 7)
                        + " for T3, then T4 → T3 Model Architecture Design (blocked)"));

        assertTrue(parts.size() > 4, parts.size() + " parts");
        for (SlackBlocks.Part part : parts) {
            assertWithinLimits(part);
        }
        assertEquals("header", parts.get(0).blocks().get(0).getType());
        List<String> openings =
                parts.stream().map(p -> firstText(p.blocks().get(0))).toList();
        for (String title : List.of("*1. Blockers*", "*2. Commitments*")) {
            assertTrue(
                    openings.stream().anyMatch(o -> o.startsWith(title + "\n")), title + " starts a part: " + openings);
        }
        assertTrue(openings.stream().anyMatch(o -> o.startsWith("*1. Blockers (continued)*\n")), openings.toString());
        List<String> items = parts.stream()
                .flatMap(p -> p.blocks().stream())
                .map(PartSplitterTest::firstText)
                .flatMap(String::lines)
                .filter(l -> l.startsWith("• *agent-"))
                .toList();
        assertEquals(1_000, items.size(), "every item once, in order");
        assertTrue(items.get(0).startsWith("• *agent-0* is blocked")
                && items.get(999).startsWith("• *agent-499*: deliver"));
    }

    @Test
    void eachPartsFallbackIsOneLineSayingWhatThePartIs() {
        List<SlackBlocks.Part> parts = SlackBlocks.render(summary(500, i -> "waiting on T3"));
        assertTrue(
                parts.get(0).text().startsWith("Daily standup summary"),
                parts.get(0).text());
        assertEquals("1. Blockers", parts.get(1).text());
        assertEquals("1. Blockers (continued)", parts.get(2).text());
        assertTrue(parts.stream().noneMatch(p -> p.text().contains("\n")));
    }

    @Test
    void changingTheWordsOfOneItemChangesOnlyThePartItIsIn() {
        List<String> before = digests(summary(500, i -> "waiting on T3"));
        assertTrue(before.size() > 4, before.size() + " parts");
        for (int agent : List.of(0, 137, 250, 499)) {
            List<String> after = digests(
                    summary(500, i -> i == agent ? "waiting on T3 and now T7 as well, since 09:40" : "waiting on T3"));
            assertEquals(before.size(), after.size());
            assertEquals(1, changed(before, after), "agent-" + agent);
        }
    }

    @Test
    void anAgentAddedToLongListsChangesThePartsTheirItemsLandInAndAlmostNeverMore() {
        List<Integer> changes = new ArrayList<>();
        for (int agent = 0; agent < 500; agent += 25) {
            int added = agent;
            List<String> without = digests(summary(500, i -> "waiting on T3", i -> i != added));
            List<String> with = digests(summary(500, i -> "waiting on T3", i -> true));
            changes.add(changed(without, with));
        }
        // Two lists, one item in each; by position instead, every later part of a list would change.
        assertTrue(changes.stream().filter(c -> c == 2).count() >= 18, changes.toString());
    }

    @Test
    void theSameDocGivesTheSameDigests() {
        assertEquals(digests(summary(500, i -> "waiting on T3")), digests(summary(500, i -> "waiting on T3")));
    }

    @Test
    void packedForAnAnswerNeighbouringPartsAreJoinedWhileTheJoinFitsAndNothingIsLostOrReordered() {
        String item = "x".repeat(1_500);
        Doc doc = Doc.builder()
                .heading("Standup history, last 2 days")
                .bullets(
                        Line.of("Monday"),
                        List.of(Line.of(item), Line.of(item), Line.of(item), Line.of(item), Line.of(item)))
                .bullets(
                        Line.of("Tuesday"),
                        List.of(Line.of(item), Line.of(item), Line.of(item), Line.of(item), Line.of(item)))
                .bullets(Line.of("Wednesday"), List.of(Line.of(item)))
                .build();
        List<SlackBlocks.Part> cut = SlackBlocks.render(doc);
        List<SlackBlocks.Part> packed = SlackBlocks.renderPacked(doc);
        assertEquals(4, cut.size(), "a part at each top-level section, the heading alone in the first");
        assertEquals(2, packed.size());
        assertEquals(blocksOf(cut), blocksOf(packed));
        packed.forEach(PartSplitterTest::assertWithinLimits);
        assertTrue(
                packed.get(0).text().startsWith("Standup history, last 2 days"),
                packed.get(0).text());
        assertTrue(packed.get(1).text().startsWith("Tuesday"), packed.get(1).text());
    }

    private static List<String> blocksOf(List<SlackBlocks.Part> parts) {
        return parts.stream()
                .flatMap(p -> p.blocks().stream())
                .map(PartSplitterTest::firstText)
                .toList();
    }

    private static void assertWithinLimits(SlackBlocks.Part part) {
        assertTrue(part.blocks().size() <= 50, part.blocks().size() + " blocks");
        assertTrue(
                SlackBlocks.textLength(part.blocks()) <= PartSplitter.MAX_PART_CHARS,
                SlackBlocks.textLength(part.blocks()) + " characters");
        for (LayoutBlock block : part.blocks()) {
            if (block instanceof SectionBlock s && s.getText() != null) {
                assertTrue(s.getText().getText().length() <= SlackBlocks.SECTION_LIMIT);
            }
        }
    }

    private static String firstText(LayoutBlock block) {
        if (block instanceof HeaderBlock h) {
            return h.getText().getText();
        }
        return block instanceof SectionBlock s && s.getText() != null
                ? s.getText().getText()
                : "";
    }

    private static int changed(List<String> before, List<String> after) {
        int changed = 0;
        for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
            if (i >= before.size() || i >= after.size() || !before.get(i).equals(after.get(i))) {
                changed++;
            }
        }
        return changed;
    }

    private static List<String> digests(Doc doc) {
        return SlackBlocks.render(doc).stream().map(SlackBlocks::digest).toList();
    }

    /** A heading, then two long lists: one item per agent in each. */
    private static Doc summary(int agents, IntFunction<String> blockers) {
        return summary(agents, blockers, i -> true);
    }

    private static Doc summary(int agents, IntFunction<String> blockers, java.util.function.IntPredicate posted) {
        List<Line> blocked = new ArrayList<>();
        List<Line> commitments = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            if (!posted.test(i)) {
                continue;
            }
            blocked.add(Line.of(Span.strong("agent-" + i), " is blocked: " + blockers.apply(i)));
            commitments.add(Line.of(Span.strong("agent-" + i), ": deliver item " + i));
        }
        return Doc.builder()
                .heading("Daily standup summary")
                .context("09:00–09:15 EST")
                .bullets(Line.of("1. Blockers"), blocked)
                .bullets(Line.of("2. Commitments"), commitments)
                .build();
    }
}
