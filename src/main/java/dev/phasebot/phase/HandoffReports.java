package dev.phasebot.phase;

import static dev.phasebot.store.Columns.instant;

import dev.phasebot.incident.IncidentRepository;
import dev.phasebot.incident.Milestone;
import dev.phasebot.phase.HandoffReport.Ending;
import dev.phasebot.phase.HandoffReport.Item;
import dev.phasebot.phase.HandoffReport.Metric.Trend;
import dev.phasebot.plan.ChecklistItem;
import dev.phasebot.plan.Checklists;
import dev.phasebot.plan.PlanRepository;
import dev.phasebot.plan.PlanSnapshot;
import dev.phasebot.review.MetricReading;
import dev.phasebot.review.ReviewLog;
import dev.phasebot.review.ReviewRepository;
import dev.phasebot.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds a phase's {@link HandoffReport} from the store alone, in the caller's transaction. Never
 * from the config: when a phase is superseded the config already names the next one, so the plan
 * rows (live ones only: what the config dropped is archived) and the history of the window
 * [{@code from}, {@code to}) are all that describe the phase that ended.
 */
public final class HandoffReports {

    private final PlanRepository plan = new PlanRepository();
    private final IncidentRepository incidents = new IncidentRepository();
    private final ReviewRepository review = new ReviewRepository();
    private final List<String> roster;

    /**
     * @param roster the agents expected at standups where the store keeps no roster for the
     *               phase (one it ran before V23, or a test's), listed in this order even when they
     *               posted nothing; anyone else who posted in the window follows them
     */
    public HandoffReports(List<String> roster) {
        this.roster = List.copyOf(roster);
    }

    /**
     * The report of {@code phase} over [{@code from}, {@code to}).
     *
     * @param to     when it ended, or now for a phase still open (the report is then "as of" it)
     * @param ending how it ended; null while it is open
     */
    public HandoffReport build(Tx tx, String phase, LocalDate firstDay, Instant from, Instant to, Ending ending) {
        PlanSnapshot snapshot = plan.snapshot(tx);
        return new HandoffReport(
                phase,
                firstDay,
                from,
                to,
                ending,
                snapshot.gates().stream()
                        .map(g -> new HandoffReport.Gate(
                                g.number(), g.name(), g.owner(), g.passedAt(), g.passedBy(), items(g.criteria())))
                        .toList(),
                snapshot.tasks().stream()
                        .map(t -> new HandoffReport.Task(
                                t.id(),
                                t.title(),
                                t.owner(),
                                t.status(),
                                t.doneAt(),
                                t.doneBy(),
                                items(t.deliverables())))
                        .toList(),
                groups(tx, Checklists.Kind.SUCCESS_METRICS),
                risks(tx),
                incidents(tx, from, to),
                review.decisions(tx, from, to).stream()
                        .map(d -> new HandoffReport.Decision(d.at(), d.agent(), d.text(), d.link()))
                        .toList(),
                metrics(tx, to),
                standups(tx, phase, from, to),
                groups(tx, Checklists.Kind.HANDOFF));
    }

    private static List<Item> items(List<ChecklistItem> items) {
        return items.stream()
                .map(i -> new Item(i.index(), i.text(), i.checkedAt(), i.checkedBy()))
                .toList();
    }

    /**
     * The store keeps no order of groups (the config's is gone once it names the next phase), so
     * they are listed by name, each one's items in their order.
     */
    private static List<HandoffReport.Group> groups(Tx tx, Checklists.Kind kind) {
        return new TreeMap<>(Checklists.all(tx, kind))
                .entrySet().stream()
                        .map(e -> new HandoffReport.Group(e.getKey(), items(e.getValue())))
                        .toList();
    }

    /** The risks as synced from the config with their words, which the store keeps for this (V18). */
    private static List<HandoffReport.Risk> risks(Tx tx) {
        return tx.query(
                "SELECT id, risk, mitigation, owner, closed_at, closed_by, closed_why FROM plan_risk ORDER BY id",
                rs -> new HandoffReport.Risk(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        instant(rs, 5),
                        rs.getString(6),
                        rs.getString(7)));
    }

    /**
     * Those raised in the window and those raised before it still open at its start (carried
     * over), cancelled ones left out as raised in error. Everything is judged as at {@code to}: an
     * acknowledgement or a close after it has not happened yet, so a past phase's report is the
     * same whenever it is built.
     */
    private HandoffReport.Incidents incidents(Tx tx, Instant from, Instant to) {
        List<HandoffReport.Incident> list = new ArrayList<>();
        List<Duration> timesToAct = new ArrayList<>();
        int raised = 0;
        for (dev.phasebot.incident.Incident i : incidents.between(tx, from, to)) {
            boolean before = i.raisedAt().isBefore(from);
            Instant closedAt = i.closedAt() != null && i.closedAt().isBefore(to) ? i.closedAt() : null;
            Duration timeToAct =
                    i.acknowledgedAt() != null && i.acknowledgedAt().isBefore(to)
                            ? Duration.between(i.raisedAt(), i.acknowledgedAt())
                            : null;
            if (!before) {
                raised++;
                if (timeToAct != null) {
                    timesToAct.add(timeToAct);
                }
            }
            Instant end = closedAt == null ? to : closedAt;
            List<HandoffReport.Missed> missed = new ArrayList<>();
            for (Milestone m : incidents.milestones(tx, i.id())) {
                boolean met = m.isMet() && m.metAt().isBefore(to);
                Instant done = met ? m.metAt() : end;
                if (done.isAfter(m.dueAt())) {
                    missed.add(new HandoffReport.Missed(m.name(), Duration.between(m.dueAt(), done), met));
                }
            }
            list.add(new HandoffReport.Incident(
                    i.id(),
                    i.severity(),
                    i.security(),
                    i.security() ? null : i.title(),
                    i.raisedAt(),
                    before,
                    timeToAct,
                    closedAt == null,
                    closedAt,
                    missed));
        }
        return new HandoffReport.Incidents(raised, median(timesToAct), list);
    }

    private static Duration median(List<Duration> durations) {
        if (durations.isEmpty()) {
            return null;
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1
                ? sorted.get(mid)
                : sorted.get(mid - 1).plus(sorted.get(mid)).dividedBy(2);
    }

    /**
     * Every metric whose baseline was set before the window ended, its last value before then
     * against the baseline, read the way the review reads it ({@link MetricReading}).
     */
    private List<HandoffReport.Metric> metrics(Tx tx, Instant to) {
        List<HandoffReport.Metric> metrics = new ArrayList<>();
        for (ReviewLog.Metric m : review.metrics(tx)) {
            if (!m.baselineAt().isBefore(to)) {
                continue;
            }
            MetricReading reading =
                    new MetricReading(m, review.valueBefore(tx, m.name(), to).orElse(m.baseline()), null);
            Trend trend = reading.latest() == m.baseline()
                    ? Trend.UNCHANGED
                    : reading.isRegression() ? Trend.WORSE : Trend.BETTER;
            metrics.add(new HandoffReport.Metric(
                    m.name(),
                    m.unit(),
                    m.lowerIsBetter(),
                    m.baseline(),
                    m.baselineAt(),
                    reading.latest(),
                    reading.sinceBaseline().isPresent()
                            ? reading.sinceBaseline().getAsDouble()
                            : null,
                    trend));
        }
        return metrics;
    }

    /** The phase's own roster as the store keeps it (V23); the given one for a phase without. */
    private List<String> rosterOf(Tx tx, String phase) {
        return tx.queryOne("SELECT roster FROM phase WHERE name = ?", rs -> Optional.ofNullable(rs.getString(1)), phase)
                .flatMap(kept -> kept)
                .filter(kept -> !kept.isBlank())
                .map(kept -> List.of(kept.split(",")))
                .orElse(roster);
    }

    /**
     * Standups opened in the window, and per agent the ones they posted in before it ended. Counted in the store
     * (the review's participation works on days and the config's roster, neither of which fits a
     * window of instants): one grouped query, whichever store.
     */
    private HandoffReport.Standups standups(Tx tx, String phase, Instant from, Instant to) {
        int held = tx.queryOne(
                        "SELECT count(*) FROM standup WHERE opened_at >= ? AND opened_at < ?",
                        rs -> rs.getInt(1),
                        from.toEpochMilli(),
                        to.toEpochMilli())
                .orElse(0);
        Map<String, Integer> posted = new LinkedHashMap<>();
        rosterOf(tx, phase).forEach(agent -> posted.put(agent, 0));
        tx.query(
                "SELECT u.agent, count(*) FROM standup_update u JOIN standup s ON s.day = u.day "
                        + "WHERE s.opened_at >= ? AND s.opened_at < ? AND u.posted_at < ? "
                        + "GROUP BY u.agent ORDER BY u.agent",
                rs -> posted.put(rs.getString(1), rs.getInt(2)),
                from.toEpochMilli(),
                to.toEpochMilli(),
                to.toEpochMilli());
        return new HandoffReport.Standups(
                held,
                posted.entrySet().stream()
                        .map(e -> new HandoffReport.Participant(e.getKey(), e.getValue()))
                        .toList());
    }
}
