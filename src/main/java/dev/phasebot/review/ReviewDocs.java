package dev.phasebot.review;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ReviewSettings;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import dev.phasebot.message.Times;
import dev.phasebot.phase.PhaseHistory;
import dev.phasebot.review.ReviewLog.Decision;
import dev.phasebot.review.ReviewLog.DecisionWeek;
import dev.phasebot.review.ReviewLog.Metric;
import dev.phasebot.review.ReviewLog.PhaseDecisions;
import dev.phasebot.review.ReviewLog.PhaseMetrics;
import dev.phasebot.review.ReviewLog.PhaseReading;
import dev.phasebot.review.ReviewResult.DecisionLogged;
import dev.phasebot.review.ReviewResult.MetricRecorded;
import dev.phasebot.review.ReviewResult.NoteTaken;
import dev.phasebot.review.ReviewResult.ReviewClosed;
import dev.phasebot.review.ReviewResult.ReviewOpened;
import dev.phasebot.review.ReviewResult.TopicAdded;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * How the review's messages and answers read, as docs every surface renders: the agenda, the
 * opening notice, the record, decision and metric lists, and the short answers to commands.
 */
public final class ReviewDocs {

    /** Items shown per agenda section; the rest are counted, so a busy week stays one message. */
    static final int MAX_ITEMS = 15;

    private final BotConfig config;
    private final ReviewSettings settings;
    private final ZoneId zone;

    public ReviewDocs(BotConfig config) {
        this.config = config;
        this.settings = config.review();
        this.zone = config.phase().zone();
    }

    /** Slack shows a list's title in bold already, so titles carry no strong spans of their own. */
    public Doc agenda(Agenda agenda) {
        Doc.Builder doc = Doc.builder()
                .heading(
                        Symbol.AGENDA,
                        " Weekly technical review, "
                                + Times.longDay(agenda.startsAt().atZone(zone).toLocalDate()) + ", "
                                + Times.clock(agenda.startsAt(), zone) + "–"
                                + Times.clockWithZone(agenda.endsAt(), zone))
                .context("led by ", Span.strong(agenda.leader()));
        if (agenda.sections().isEmpty()) {
            return doc.line("Nothing was recorded this week: no decisions, metrics, incidents or topics.")
                    .build();
        }
        for (int i = 0; i < agenda.sections().size(); i++) {
            Agenda.Section section = agenda.sections().get(i);
            List<Line> items = items(section);
            doc.bullets(
                    Line.of((i + 1) + ". " + section.heading(), " ", Span.aside("(" + section.minutes() + " min)")),
                    items.subList(0, Math.min(MAX_ITEMS, items.size())));
            if (items.size() > MAX_ITEMS) {
                doc.context(Span.aside("(" + (items.size() - MAX_ITEMS) + " more)"));
            }
        }
        return doc.build();
    }

    public Doc opened(Instant until) {
        return Doc.builder()
                .line(
                        Symbol.REMINDER,
                        " ",
                        Span.strong("The weekly technical review starts now"),
                        ", until " + Times.clockWithZone(until, zone) + ", led by " + settings.leader() + ".")
                .line(
                        "Add notes with ",
                        Span.code("/review notes <text>"),
                        "; ",
                        Span.code("/review notes action: <agent> <what>"),
                        " makes an action item.")
                .build();
    }

    public Doc record(ReviewRecord record) {
        Doc.Builder doc = Doc.builder()
                .heading(Symbol.NOTE, " Record of the weekly technical review, " + Times.longDay(record.held()))
                .addAll(record.agenda());
        if (record.notes().isEmpty()) {
            doc.bullets(Line.of("Notes"), List.of(Line.of("No notes were taken.")));
        } else {
            doc.bullets(
                    Line.of("Notes"),
                    record.notes().stream()
                            .map(n -> Line.of(n.agent() + ": ", n.text()))
                            .toList());
        }
        doc.bullets(
                Line.of("Action items"),
                record.actions().isEmpty()
                        ? List.of(Line.of("None."))
                        : record.actions().stream()
                                .map(a -> Line.of(Span.strong(a.taskId()), " " + a.owner() + ": ", a.text()))
                                .toList());
        return doc.build();
    }

    public Doc decisions(DecisionWeek week) {
        return decisions(week, PhaseHistory.Labels.none());
    }

    /**
     * {@code /decision list}: a week's decisions; when it reaches into an earlier phase (a week
     * across the boundary, or one of a phase gone), each decision says its phase.
     */
    public Doc decisions(DecisionWeek week, PhaseHistory.Labels phases) {
        String range = Times.shortDay(week.from()) + " to " + Times.shortDay(week.to());
        if (week.decisions().isEmpty()) {
            return Doc.of("No decisions logged from " + range + ".");
        }
        boolean labelled = week.decisions().stream().anyMatch(d -> phases.earlier(d.at()) != null);
        return Doc.builder()
                .bullets(
                        Line.of("Decisions, " + range),
                        week.decisions().stream()
                                .map(d -> labelled
                                        ? decision(d).plus(" ", Span.aside("(" + phases.of(d.at()) + ")"))
                                        : decision(d))
                                .toList())
                .build();
    }

    /** {@code /decision list phase <name>}: the decisions logged in one phase. */
    public Doc decisions(PhaseDecisions phase) {
        if (phase.decisions().isEmpty()) {
            return Doc.of("No decisions were logged in " + phase.phase() + ".");
        }
        return Doc.builder()
                .bullets(
                        Line.of("Decisions, " + phase.phase()),
                        phase.decisions().stream().map(this::decision).toList())
                .build();
    }

    public Doc metrics(List<MetricReading> readings) {
        return metrics(readings, PhaseHistory.Labels.none());
    }

    /** {@code /metric list}: a metric whose baseline was set in an earlier phase says which. */
    public Doc metrics(List<MetricReading> readings, PhaseHistory.Labels phases) {
        if (readings.isEmpty()) {
            return Doc.of(
                    "No metrics recorded yet: ",
                    Span.code("/metric predict_p99_ms 41 ms"),
                    " records one (its first value is the baseline).");
        }
        return Doc.builder()
                .bullets(
                        Line.of("Metrics"),
                        readings.stream()
                                .map(r -> {
                                    String earlier = phases.earlier(r.metric().baselineAt());
                                    return earlier == null
                                            ? reading(r)
                                            : reading(r).plus(" ", Span.aside("(baseline set in " + earlier + ")"));
                                })
                                .toList())
                .build();
    }

    /** {@code /metric list phase <name>}: each metric recorded in one phase, its last value there against the baseline. */
    public Doc metrics(PhaseMetrics phase) {
        if (phase.readings().isEmpty()) {
            return Doc.of("No metric values were recorded in " + phase.phase() + ".");
        }
        return Doc.builder()
                .bullets(
                        Line.of("Metrics, " + phase.phase()),
                        phase.readings().stream().map(ReviewDocs::reading).toList())
                .build();
    }

    /** "predict_p99_ms: 44 ms at the end (baseline 55 ms, -20.0% since baseline; 3 values, first 50 ms)". */
    static Line reading(PhaseReading r) {
        Metric m = r.metric();
        String unit = m.unit() == null ? "" : " " + m.unit();
        return Line.of(
                Span.strong(m.name()),
                ": " + number(r.last()) + unit + " last (baseline " + number(m.baseline()) + unit + ", "
                        + percent(r.sinceBaseline()) + " since baseline; " + r.values() + " value"
                        + (r.values() == 1 ? "" : "s") + " in the phase"
                        + (r.values() == 1 ? "" : ", first " + number(r.first()) + unit) + ")");
    }

    /**
     * The answer to a change: one wording per kind of {@link ReviewResult}. Java 17 has no
     * switch over a sealed type, so a kind missed here is found by the test that walks the
     * permitted kinds, not by the compiler.
     */
    public Doc result(ReviewResult result) {
        if (result instanceof DecisionLogged logged) {
            return decisionLogged(logged);
        }
        if (result instanceof MetricRecorded recorded) {
            return metricRecorded(recorded);
        }
        if (result instanceof TopicAdded added) {
            return topicAdded(added);
        }
        if (result instanceof NoteTaken note) {
            return noteTaken(note);
        }
        if (result instanceof ReviewOpened opened) {
            return reviewOpened(opened);
        }
        if (result instanceof ReviewClosed closed) {
            return reviewClosed(closed);
        }
        throw new IllegalArgumentException("no wording for " + result);
    }

    private Doc decisionLogged(DecisionLogged logged) {
        return Doc.of("Decision logged" + (logged.link() == null ? "" : " (linked to " + logged.link() + ")")
                + "; it will be on " + reviewDay() + "'s agenda.");
    }

    private Doc metricRecorded(MetricRecorded m) {
        String value = number(m.value()) + (m.unit() == null ? "" : " " + m.unit());
        if (!m.baseline()) {
            return Doc.of("Recorded " + m.name() + " = " + value + ".");
        }
        return Doc.of(
                "Baseline for " + m.name() + " set at " + value + " (" + (m.lowerIsBetter() ? "lower" : "higher")
                        + " is better; say ",
                Span.code("higher"),
                " or ",
                Span.code("lower"),
                " after the unit to change that).");
    }

    private Doc topicAdded(TopicAdded added) {
        return Doc.of("Added to " + reviewDay() + "'s agenda under " + added.heading() + ".");
    }

    private Doc reviewOpened(ReviewOpened opened) {
        return Doc.of("The review is open until " + Times.clockWithZone(opened.until(), zone) + "; the agenda is in "
                + opened.channel() + ".");
    }

    private Doc reviewClosed(ReviewClosed closed) {
        return closed.already()
                ? Doc.of("This week's review already closed at "
                        + Times.dayAndClock(closed.closedAt(), zone, closed.closedAt()) + "; its record is in "
                        + closed.channel() + ".")
                : Doc.of("The review is closed; its record and action items are on their way to " + closed.channel()
                        + ".");
    }

    private Doc noteTaken(NoteTaken note) {
        return note.isAction()
                ? Doc.of("Action item for " + note.actionOwner() + " noted; it becomes a task when the review ends.")
                : Doc.of("Noted.");
    }

    private List<Line> items(Agenda.Section section) {
        if (section instanceof Agenda.Decisions d) {
            return d.decisions().stream().map(this::decision).toList();
        }
        if (section instanceof Agenda.Metrics m) {
            return m.readings().stream().map(ReviewDocs::reading).toList();
        }
        if (section instanceof Agenda.Topics t) {
            return t.topics().stream()
                    .map(topic -> Line.of(topic.text(), " ", Span.aside("(" + topic.agent() + ")")))
                    .toList();
        }
        return ((Agenda.Reported) section).lines();
    }

    private Line decision(Decision d) {
        return Line.of(Times.shortDay(d.at().atZone(zone).toLocalDate()) + ", " + d.agent() + ": ", d.text());
    }

    /** "predict_p99_ms: 44 ms (baseline 55 ms, -20.0% since baseline; +10.0% week over week) ▲ regression". */
    static Line reading(MetricReading r) {
        Metric m = r.metric();
        String unit = m.unit() == null ? "" : " " + m.unit();
        Line line = Line.of(
                Span.strong(m.name()),
                ": " + number(r.latest()) + unit + " (baseline " + number(m.baseline()) + unit
                        + ", " + percent(r.sinceBaseline()) + " since baseline; " + percent(r.weekChange())
                        + (r.weekAgo() == null ? " vs baseline this week" : " week over week") + ")");
        return r.isRegression() ? line.plus(" ", Symbol.RISK, " ", Span.strong("regression")) : line;
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(OptionalDouble change) {
        if (change.isEmpty()) {
            return "n/a";
        }
        double c = change.getAsDouble();
        return (c >= 0 ? "+" : "") + String.format(Locale.ROOT, "%.1f", c) + "%";
    }

    private String reviewDay() {
        return settings.day().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
