package dev.phasebot.message;

import java.util.ArrayList;
import java.util.List;

/** One line of rich text: spans in order. */
public record Line(List<Span> spans) {

    public Line {
        spans = List.copyOf(spans);
    }

    /**
     * A line from parts: a {@link Span} as it is, a {@link Symbol} as its mark, anything else
     * (a String, a number) as words. {@code Line.of(Symbol.DONE, " met by ", Span.strong(agent))}.
     */
    public static Line of(Object... parts) {
        List<Span> spans = new ArrayList<>(parts.length);
        for (Object part : parts) {
            spans.add(span(part));
        }
        return new Line(spans);
    }

    public static Line empty() {
        return new Line(List.of());
    }

    /** This line followed by more parts. */
    public Line plus(Object... parts) {
        List<Span> more = new ArrayList<>(spans);
        for (Object part : parts) {
            more.add(span(part));
        }
        return new Line(more);
    }

    /** Lines joined with a separator between them, e.g. names with ", ". */
    public static Line join(List<Line> lines, String separator) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                spans.add(new Span.Words(separator));
            }
            spans.addAll(lines.get(i).spans());
        }
        return new Line(spans);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return spans.stream()
                .allMatch(s -> s instanceof Span.Words w && w.text().isEmpty());
    }

    private static Span span(Object part) {
        if (part instanceof Span span) {
            return span;
        }
        if (part instanceof Symbol symbol) {
            return new Span.Mark(symbol);
        }
        if (part instanceof Line line) {
            throw new IllegalArgumentException("a Line inside a Line: use plus(line.spans().toArray())");
        }
        return new Span.Words(String.valueOf(part));
    }
}
