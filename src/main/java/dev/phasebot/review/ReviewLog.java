package dev.phasebot.review;

import dev.phasebot.command.PlanRefs;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ReviewSettings;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.phase.Phases;
import dev.phasebot.review.ReviewResult.DecisionLogged;
import dev.phasebot.review.ReviewResult.MetricRecorded;
import dev.phasebot.review.ReviewResult.TopicAdded;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the team records for the review during the week: decisions, metrics against their
 * baseline, and topics ({@code /decision}, {@code /metric}, {@code /review item}). The agenda
 * reads it back.
 */
public final class ReviewLog {

    /** An architectural decision as logged: when, by whom, what, and the task or gate it names first (or null). */
    public record Decision(Instant at, String agent, String text, String link) {}

    /** {@code /decision list}: the decisions of one review week, from one review day to the next. */
    public record DecisionWeek(LocalDate from, LocalDate to, List<Decision> decisions) {

        public DecisionWeek {
            decisions = List.copyOf(decisions);
        }
    }

    /** A performance metric: its first value is its baseline; {@code lowerIsBetter} says which way is a regression. */
    public record Metric(String name, String unit, boolean lowerIsBetter, double baseline, Instant baselineAt) {}

    /** {@code /decision list phase <name>}: the decisions logged in one phase. */
    public record PhaseDecisions(String phase, List<Decision> decisions) {

        public PhaseDecisions {
            decisions = List.copyOf(decisions);
        }
    }

    /** {@code /metric list phase <name>}: each metric recorded in one phase, against its baseline. */
    public record PhaseMetrics(String phase, List<PhaseReading> readings) {

        public PhaseMetrics {
            readings = List.copyOf(readings);
        }
    }

    /** One metric over a phase: how many values it had there, the first and the last of them. */
    public record PhaseReading(Metric metric, int values, double first, double last) {

        /** Change of the phase's last value since the baseline, in percent; empty when the baseline is 0 and it is not. */
        public java.util.OptionalDouble sinceBaseline() {
            return new MetricReading(metric, last, null).sinceBaseline();
        }
    }

    /** A topic for the review (a next-phase planning item): when, by whom, what. */
    public record Topic(Instant at, String agent, String text) {}

    static final int MAX_TEXT = 1_000;
    private static final Pattern TIME_UNITS = Pattern.compile(
            "(?i)(ms|s|sec|secs|seconds?|min|mins|minutes?|h|hours?|" + "us|µs|ns|mb|gb|kb|bytes?|%err|errors?)");

    private final ReviewSettings settings;
    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final ReviewRepository repository;
    private final ReviewCalendar calendar;

    public ReviewLog(BotConfig config, Database database, AuditLog audit, Clock clock) {
        this.settings = config.review();
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.repository = new ReviewRepository();
        this.calendar = new ReviewCalendar(config.review(), config.phase().zone());
    }

    /** {@code /decision}: logs a decision for the next review; naming a task or gate links it. */
    public DecisionLogged decide(String agent, String text) {
        String t = required(
                "decision",
                text,
                "Write the decision: ",
                Span.code("/decision Model split into DataManager and FeatureManager (T3)"),
                ".");
        String link = PlanRefs.inText(t).stream().findFirst().orElse(null);
        Instant now = clock.instant();
        long id = database.inTransaction(tx -> {
            long added = repository.addDecision(tx, now, agent, t, link);
            audit.record(tx, now, agent, "review.decision", link);
            return added;
        });
        return new DecisionLogged(id, link);
    }

    /** {@code /decision list}: the decisions of one review week: {@code this}, {@code last}, or a date in it. */
    public DecisionWeek decisions(String week) {
        Instant end = weekEnd(week);
        Instant start = end.minus(Duration.ofDays(7));
        return new DecisionWeek(calendar.day(start), calendar.day(end), decisions(start, end));
    }

    /** {@code /decision list phase <name>}: the decisions logged in one phase's span of history. */
    public PhaseDecisions decisions(Phases.Window phase) {
        Instant until = phase.until() == null ? Instant.ofEpochMilli(Long.MAX_VALUE) : phase.until();
        return new PhaseDecisions(phase.phase().name(), decisions(phase.from(), until));
    }

    List<Decision> decisions(Instant from, Instant to) {
        return database.read(tx -> repository.decisions(tx, from, to));
    }

    List<Topic> topics(Instant from, Instant to) {
        return database.read(tx -> repository.items(tx, from, to));
    }

    /** {@code /metric}: records a value; the first one is the baseline and fixes the unit. */
    public MetricRecorded recordMetric(String agent, String name, double value, String unit, Boolean lowerIsBetter) {
        if (!name.matches("[A-Za-z0-9_.:-]{1,60}")) {
            throw Refusal.of(
                    "name",
                    "Name metrics with letters, digits and ",
                    Span.code("_ . : -"),
                    " (at most 60), e.g. ",
                    Span.code("predict_p99_ms"),
                    ".");
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw Refusal.of("value", "The value must be a number.");
        }
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Optional<Metric> existing = repository.metric(tx, name);
            MetricRecorded recorded;
            if (existing.isEmpty()) {
                boolean lower = lowerIsBetter != null
                        ? lowerIsBetter
                        : unit != null && TIME_UNITS.matcher(unit).matches();
                repository.createMetric(tx, name, unit, lower, value, now);
                recorded = new MetricRecorded(name, value, unit, lower, true);
            } else {
                Metric metric = existing.get();
                if (unit != null && metric.unit() != null && !unit.equalsIgnoreCase(metric.unit())) {
                    throw Refusal.of("unit", name + " is measured in " + metric.unit() + ", not " + unit + ".");
                }
                if (lowerIsBetter != null) {
                    repository.setDirection(tx, name, lowerIsBetter);
                }
                recorded = new MetricRecorded(
                        name,
                        value,
                        metric.unit(),
                        lowerIsBetter != null ? lowerIsBetter : metric.lowerIsBetter(),
                        false);
            }
            repository.addValue(tx, name, value, now, agent);
            audit.record(tx, now, agent, "review.metric", name + "=" + value);
            return recorded;
        });
    }

    /** {@code /metric list}: latest value, baseline and week-over-week change of every metric. */
    public List<MetricReading> metrics() {
        return metrics(clock.instant());
    }

    /** {@code /metric list phase <name>}: the metrics that had values in one phase, with the first and last there. */
    public PhaseMetrics metrics(Phases.Window phase) {
        return new PhaseMetrics(
                phase.phase().name(),
                database.read(tx -> repository.metrics(tx).stream()
                        .map(m -> {
                            List<Double> values = repository.valuesBetween(tx, m.name(), phase.from(), phase.until());
                            return values.isEmpty()
                                    ? null
                                    : new PhaseReading(m, values.size(), values.get(0), values.get(values.size() - 1));
                        })
                        .filter(java.util.Objects::nonNull)
                        .toList()));
    }

    /** Every metric's latest value as of {@code now}, with the value a week before. */
    List<MetricReading> metrics(Instant now) {
        return database.read(tx -> repository.metrics(tx).stream()
                .map(m -> new MetricReading(
                        m,
                        repository.valueBefore(tx, m.name(), now.plusMillis(1)).orElse(m.baseline()),
                        repository
                                .valueBefore(tx, m.name(), now.minus(Duration.ofDays(7)))
                                .orElse(null)))
                .toList());
    }

    /** {@code /review item}: a topic for the next review. */
    public TopicAdded addTopic(String agent, String text) {
        String t = required(
                "topic", text, "Write the topic: ", Span.code("/review item Phase 3: streaming pipeline spike"), ".");
        Instant now = clock.instant();
        long id = database.inTransaction(tx -> {
            long added = repository.addItem(tx, now, agent, t);
            audit.record(tx, now, agent, "review.item", null);
            return added;
        });
        return new TopicAdded(id, ReviewAgenda.topicsHeading(settings));
    }

    private Instant weekEnd(String week) {
        Instant now = clock.instant();
        if (week == null || week.isBlank() || week.equalsIgnoreCase("this")) {
            return calendar.nextStart(now);
        }
        if (week.equalsIgnoreCase("last")) {
            return calendar.nextStart(now).minus(Duration.ofDays(7));
        }
        try {
            return calendar.nextStart(
                    LocalDate.parse(week).atStartOfDay(calendar.zone()).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            throw Refusal.of(
                    "week",
                    "Say which week: ",
                    Span.code("this"),
                    ", ",
                    Span.code("last"),
                    ", or a date in it like 2026-11-20.");
        }
    }

    /** The text stripped, or a refusal naming {@code field} when it is empty or too long. */
    static String required(String field, String text, Object... usage) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw Refusal.of(field, usage);
        }
        if (t.length() > MAX_TEXT) {
            throw Refusal.of(field, "Keep it under " + MAX_TEXT + " characters and link longer documents.");
        }
        return t;
    }
}
