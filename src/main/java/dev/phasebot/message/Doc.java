package dev.phasebot.message;

import dev.phasebot.message.Block.Button;
import java.util.ArrayList;
import java.util.List;

/** What a message or an answer says, as blocks each surface renders its own way. */
public record Doc(List<Block> blocks) {

    public Doc {
        blocks = List.copyOf(blocks);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A doc of one paragraph line: the common short answer. */
    public static Doc of(Object... parts) {
        return builder().line(Line.of(parts)).build();
    }

    /**
     * What the doc is about, in one line: its heading, or else the first line it says (a
     * paragraph's, a list's title or first item, small print, a field). What a notification shows,
     * so never the buttons or the rest of the doc. Empty for a doc of buttons and dividers only.
     */
    public Line summary() {
        Block first = blocks.stream()
                .filter(b -> b instanceof Block.Heading)
                .findFirst()
                .orElse(null);
        if (first != null) {
            return ((Block.Heading) first).line();
        }
        for (Block block : blocks) {
            if (block instanceof Block.Paragraph p && !p.lines().isEmpty()) {
                return p.lines().get(0);
            }
            if (block instanceof Block.Bullets b && !b.title().isEmpty()) {
                return b.title();
            }
            if (block instanceof Block.Bullets b && !b.items().isEmpty()) {
                return b.items().get(0);
            }
            if (block instanceof Block.Context c) {
                return c.line();
            }
            if (block instanceof Block.Fields f && !f.fields().isEmpty()) {
                Block.Field field = f.fields().get(0);
                return Line.of(field.label() + ": ").plus(field.value().spans().toArray());
            }
        }
        return Line.empty();
    }

    /** The buttons of every actions block, in order. */
    public List<Button> buttons() {
        return blocks.stream()
                .filter(b -> b instanceof Block.Actions)
                .flatMap(b -> ((Block.Actions) b).buttons().stream())
                .toList();
    }

    /** Collects blocks; consecutive {@link #line} calls join one paragraph. */
    public static final class Builder {

        private final List<Block> blocks = new ArrayList<>();
        private List<Line> paragraph;

        private Builder() {}

        public Builder heading(Object... parts) {
            return add(new Block.Heading(Line.of(parts)));
        }

        public Builder line(Line line) {
            if (paragraph == null) {
                paragraph = new ArrayList<>();
            }
            paragraph.add(line);
            return this;
        }

        public Builder line(Object... parts) {
            return line(Line.of(parts));
        }

        public Builder bullets(Line title, List<Line> items) {
            return add(new Block.Bullets(title, items));
        }

        public Builder fields(List<Block.Field> fields) {
            return add(new Block.Fields(fields));
        }

        public Builder context(Object... parts) {
            return add(new Block.Context(Line.of(parts)));
        }

        public Builder actions(List<Button> buttons) {
            return buttons.isEmpty() ? this : add(new Block.Actions(buttons));
        }

        public Builder divider() {
            return add(new Block.Divider());
        }

        public Builder add(Block block) {
            endParagraph();
            blocks.add(block);
            return this;
        }

        public Builder addAll(Doc doc) {
            endParagraph();
            blocks.addAll(doc.blocks());
            return this;
        }

        public Doc build() {
            endParagraph();
            return new Doc(blocks);
        }

        private void endParagraph() {
            if (paragraph != null) {
                blocks.add(new Block.Paragraph(paragraph));
                paragraph = null;
            }
        }
    }
}
