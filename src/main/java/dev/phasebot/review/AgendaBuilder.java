package dev.phasebot.review;

import dev.phasebot.config.BotConfig;
import dev.phasebot.message.SafeText;
import dev.phasebot.message.Times;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Builds the review's agenda from what the team recorded in the week before it: only the
 * sections that have something in them, each with a time box, the boxes filling the meeting.
 */
final class AgendaBuilder {

    /** One agenda section: its heading, lines, and its share of the hour. */
    record Section(String heading, int weight, List<String> lines) {
    }

    private final BotConfig config;
    private final ZoneId zone;

    AgendaBuilder(BotConfig config) {
        this.config = config;
        this.zone = config.phase().zone();
    }

    String render(Instant startsAt, List<Section> candidates) {
        List<Section> sections = candidates.stream().filter(s -> !s.lines().isEmpty()).toList();
        long minutes = config.review().duration().toMinutes();
        StringBuilder text = new StringBuilder();
        text.append(":clipboard: *Weekly technical review, ").append(Times.longDay(startsAt.atZone(zone).toLocalDate()))
                .append(", ").append(Times.clock(startsAt, zone)).append("–")
                .append(Times.clockWithZone(startsAt.plus(config.review().duration()), zone))
                .append("* · led by ").append(config.review().leader()).append('\n');
        if (sections.isEmpty()) {
            return text.append("Nothing was recorded this week: no decisions, metrics, incidents or topics.").toString();
        }
        int totalWeight = sections.stream().mapToInt(Section::weight).sum();
        long given = 0;
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            long box = i == sections.size() - 1 ? minutes - given : Math.max(1, Math.round((double) minutes * s.weight() / totalWeight));
            given += box;
            text.append("\n*").append(i + 1).append(". ").append(s.heading()).append("* (").append(box).append(" min)\n");
            s.lines().forEach(line -> text.append("• ").append(line).append('\n'));
        }
        return text.toString().stripTrailing();
    }

    static String metricLine(Metric m, double latest, Double weekAgo) {
        String unit = m.unit() == null ? "" : " " + SafeText.escape(m.unit());
        StringBuilder line = new StringBuilder("*" + SafeText.escape(m.name()) + "*: " + number(latest) + unit
                + " (baseline " + number(m.baseline()) + unit + ", " + percent(m.baseline(), latest) + " since baseline");
        double previous = weekAgo == null ? m.baseline() : weekAgo;
        String change = percent(previous, latest);
        line.append("; ").append(change).append(weekAgo == null ? " vs baseline this week" : " week over week").append(')');
        boolean worse = m.lowerIsBetter() ? latest > previous : latest < previous;
        if (worse) {
            line.append(" :small_red_triangle: *regression*");
        }
        return line.toString();
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(double from, double to) {
        if (from == 0) {
            return to == 0 ? "±0%" : "n/a";
        }
        double change = (to - from) / Math.abs(from) * 100;
        return (change >= 0 ? "+" : "") + String.format(Locale.ROOT, "%.1f", change) + "%";
    }
}
