package dev.phasebot.slack;

import com.slack.api.model.block.LayoutBlock;
import dev.phasebot.message.Block;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.PlainText;
import dev.phasebot.message.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a doc too long for one Slack message into parts, each within every limit Slack sets on a
 * message: at most 50 blocks, sections of at most 3,000 characters (the renderer's own split),
 * and at most {@link #MAX_PART_CHARS} characters of text in all, far under the 40,000 at which
 * Slack cuts a message's text.
 *
 * <p>The parts go out as one message and replies in its thread, and an edit changes only the
 * parts whose content changed; so where parts end must not move when the doc changes a little.
 * A doc that needs several parts starts one at each top-level section (a heading, a titled
 * list), and a section too long for one part is cut after list items chosen by their subject
 * (their first emphasised words, such as the agent an item is about), a content-defined cut as
 * rsync and backup tools use, rather than by running length, where one item longer pushes every
 * later cut along. An item that changes, or one added or removed, then changes the part it is
 * in and rarely another: a late standup update edits the parts holding that agent's items.
 */
final class PartSplitter {

    static final int MAX_PART_CHARS = 12_000;
    static final int MAX_BLOCKS = 50;
    /** No cut by content this early in a part, so parts stay few. */
    static final int MIN_CUT_CHARS = 4_000;
    /** After that, a cut by content comes once in this many characters, on average. */
    static final int CUT_EVERY_CHARS = 8_000;
    /** Text a section block holds at least, lines being packed up to 3,000: for estimating blocks. */
    private static final int SECTION_CHARS = 2_500;

    /** One part: its piece of the doc and that piece as blocks. */
    record Piece(Doc doc, List<LayoutBlock> blocks) {}

    /**
     * One list item or paragraph line ({@code item} its place, {@code chars} its length), or one
     * whole block ({@code item} -1, {@code blocks} how many it renders to); {@code block}: the
     * block's place in its section.
     */
    private record Unit(int block, int item, int chars, int blocks, String subject) {

        boolean isText() {
            return item >= 0;
        }
    }

    private PartSplitter() {}

    static List<Piece> split(Doc doc) {
        List<LayoutBlock> whole = SlackBlocks.blocks(doc);
        if (fits(whole)) {
            return List.of(new Piece(doc, whole));
        }
        List<Piece> pieces = new ArrayList<>();
        for (List<Block> section : sections(doc)) {
            Doc sectionDoc = new Doc(section);
            List<LayoutBlock> blocks = SlackBlocks.blocks(sectionDoc);
            if (fits(blocks)) {
                pieces.add(new Piece(sectionDoc, blocks));
            } else {
                for (List<Unit> chunk : chunks(units(section))) {
                    pieces.addAll(checked(section, chunk));
                }
            }
        }
        return pieces;
    }

    static boolean fits(List<LayoutBlock> blocks) {
        return blocks.size() <= MAX_BLOCKS && SlackBlocks.textLength(blocks) <= MAX_PART_CHARS;
    }

    /**
     * Top-level sections: each heading or titled list starts one; what follows belongs to it. A doc
     * with several headings says where its parts go itself (a large standup summary: its overview,
     * then each part of the updates by agent), so there only a heading starts one.
     */
    private static List<List<Block>> sections(Doc doc) {
        List<List<Block>> sections = new ArrayList<>();
        boolean byHeadings =
                doc.blocks().stream().filter(b -> b instanceof Block.Heading).count() > 1;
        for (Block block : doc.blocks()) {
            boolean starts = block instanceof Block.Heading
                    || !byHeadings
                            && block instanceof Block.Bullets b
                            && !b.title().isEmpty();
            if (starts || sections.isEmpty()) {
                sections.add(new ArrayList<>());
            }
            sections.get(sections.size() - 1).add(block);
        }
        return sections;
    }

    private static List<Unit> units(List<Block> section) {
        List<Unit> units = new ArrayList<>();
        for (int b = 0; b < section.size(); b++) {
            Block block = section.get(b);
            List<Line> lines = block instanceof Block.Bullets bullets
                    ? bullets.items()
                    : block instanceof Block.Paragraph paragraph ? paragraph.lines() : List.of();
            if (lines.isEmpty()) {
                List<LayoutBlock> rendered = SlackBlocks.blocks(new Doc(List.of(block)));
                units.add(new Unit(
                        b,
                        -1,
                        SlackBlocks.textLength(rendered),
                        rendered.size(),
                        PlainText.withUserIds().render(new Doc(List.of(block)))));
            }
            for (int i = 0; i < lines.size(); i++) {
                // "• " and the line end; a list's title goes with its first item
                int chars = SlackBlocks.mrkdwn(lines.get(i)).length()
                        + 3
                        + (i == 0 && block instanceof Block.Bullets t
                                ? SlackBlocks.mrkdwn(t.title()).length() + 3
                                : 0);
                units.add(new Unit(b, i, chars, 0, subject(lines.get(i))));
            }
        }
        return units;
    }

    /** Cuts where the content says, and before a unit that would take a part past a limit. */
    private static List<List<Unit>> chunks(List<Unit> units) {
        // The section's own item length sets the odds, so short items and long ones give parts of
        // like length; one item more or longer hardly moves the average, so it moves no cut.
        double odds = Math.min(1, chars(units) / (double) units.size() / CUT_EVERY_CHARS);
        List<List<Unit>> chunks = new ArrayList<>();
        List<Unit> chunk = new ArrayList<>();
        for (Unit unit : units) {
            if (!chunk.isEmpty() && !withinLimits(chunk, unit)) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
            }
            chunk.add(unit);
            if (chars(chunk) >= MIN_CUT_CHARS && cutsAfter(unit, odds)) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private static boolean withinLimits(List<Unit> chunk, Unit next) {
        List<Unit> with = new ArrayList<>(chunk);
        with.add(next);
        return chars(with) <= MAX_PART_CHARS && estimatedBlocks(with) <= MAX_BLOCKS;
    }

    private static int chars(List<Unit> units) {
        return units.stream().mapToInt(Unit::chars).sum();
    }

    /** Whole blocks as they render; the lines of one list or paragraph as the sections they fill. */
    private static int estimatedBlocks(List<Unit> units) {
        int blocks = 0;
        int run = -1;
        int runChars = 0;
        for (Unit unit : units) {
            if (unit.isText() && unit.block() == run) {
                runChars += unit.chars();
                continue;
            }
            blocks += sectionsFor(runChars);
            run = unit.isText() ? unit.block() : -1;
            runChars = unit.isText() ? unit.chars() : 0;
            blocks += unit.blocks();
        }
        return blocks + sectionsFor(runChars);
    }

    private static int sectionsFor(int chars) {
        return (chars + SECTION_CHARS - 1) / SECTION_CHARS;
    }

    /**
     * A part may end after this unit: decided by its subject's hash against the section's odds,
     * not by its other words or its place, so a cut stays where it is when an item changes and
     * when one is added before it.
     */
    private static boolean cutsAfter(Unit unit, double odds) {
        return (mix(unit.subject().hashCode()) & 0x7fffffffL) / (double) 0x80000000L < odds;
    }

    /** MurmurHash3's finaliser: String.hashCode of similar names ("agent-1", "agent-2") is far from uniform. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** What an item is about: its first emphasised words, or all of it when none are. */
    private static String subject(Line line) {
        return line.spans().stream()
                .filter(s -> s instanceof Span.Strong)
                .map(s -> ((Span.Strong) s).text())
                .findFirst()
                .orElseGet(() -> PlainText.withUserIds().render(line));
    }

    /** The chunk as a part, halved again if the estimate was short of what it renders to. */
    private static List<Piece> checked(List<Block> section, List<Unit> chunk) {
        Doc doc = doc(section, chunk);
        List<LayoutBlock> blocks = SlackBlocks.blocks(doc);
        if (fits(blocks) || chunk.size() == 1) {
            return List.of(new Piece(doc, blocks));
        }
        List<Piece> halves = new ArrayList<>(checked(section, chunk.subList(0, chunk.size() / 2)));
        halves.addAll(checked(section, chunk.subList(chunk.size() / 2, chunk.size())));
        return halves;
    }

    /** The blocks of a chunk: a list cut in the middle goes on under its title, "(continued)". */
    private static Doc doc(List<Block> section, List<Unit> chunk) {
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        while (i < chunk.size()) {
            Unit first = chunk.get(i);
            Block source = section.get(first.block());
            if (!first.isText()) {
                blocks.add(source);
                i++;
                continue;
            }
            List<Line> lines = new ArrayList<>();
            while (i < chunk.size() && chunk.get(i).isText() && chunk.get(i).block() == first.block()) {
                Unit unit = chunk.get(i++);
                lines.add(
                        source instanceof Block.Bullets b
                                ? b.items().get(unit.item())
                                : ((Block.Paragraph) source).lines().get(unit.item()));
            }
            if (source instanceof Block.Bullets b) {
                Line title = first.item() == 0 || b.title().isEmpty()
                        ? b.title()
                        : b.title().plus(" (continued)");
                blocks.add(new Block.Bullets(title, lines));
            } else {
                blocks.add(new Block.Paragraph(lines));
            }
        }
        return new Doc(blocks);
    }
}
