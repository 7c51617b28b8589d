package dev.phasebot.review;

import dev.phasebot.message.Line;
import dev.phasebot.review.ReviewLog.Decision;
import dev.phasebot.review.ReviewLog.Topic;
import java.time.Instant;
import java.util.List;

/**
 * A review's agenda: when it runs, who leads it, and its sections in the plan's order, only
 * those with something in them, each with its time box (the boxes fill the meeting).
 */
public record Agenda(Instant startsAt, Instant endsAt, String leader, List<Section> sections) {

    public Agenda {
        sections = List.copyOf(sections);
    }

    /** The lines another feature reported for {@code source}; empty when that section was left out. */
    public List<Line> reported(Source source) {
        return sections.stream()
                .filter(s -> s instanceof Reported r && r.source() == source)
                .flatMap(s -> ((Reported) s).lines().stream())
                .toList();
    }

    /** One section: its heading (from the plan's agenda where it names one) and its minutes. */
    public sealed interface Section permits Decisions, Metrics, Topics, Reported {
        String heading();

        long minutes();

        int size();
    }

    public record Decisions(String heading, long minutes, List<Decision> decisions) implements Section {
        public Decisions {
            decisions = List.copyOf(decisions);
        }

        @Override
        public int size() {
            return decisions.size();
        }
    }

    public record Metrics(String heading, long minutes, List<MetricReading> readings) implements Section {
        public Metrics {
            readings = List.copyOf(readings);
        }

        @Override
        public int size() {
            return readings.size();
        }
    }

    public record Topics(String heading, long minutes, List<Topic> topics) implements Section {
        public Topics {
            topics = List.copyOf(topics);
        }

        @Override
        public int size() {
            return topics.size();
        }
    }

    /** What another feature reported, as its lines (until it reports values). */
    public record Reported(Source source, String heading, long minutes, List<Line> lines) implements Section {
        public Reported {
            lines = List.copyOf(lines);
        }

        @Override
        public int size() {
            return lines.size();
        }
    }

    /** Which feature a reported section comes from. */
    public enum Source {
        GATES,
        INCIDENTS,
        FOLLOW_UPS,
        STANDUPS,
        OVERDUE,
        SUCCESS_METRICS,
        RISKS
    }
}
