package dev.phasebot.phase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a phase delivered, as plain values: its gates, deliverables, success metrics, risks,
 * incidents, decisions, metrics against baseline, standup participation and handoff checklist,
 * over the window [{@code from}, {@code to}). It is frozen as JSON in {@code phase.report} when the
 * phase ends ({@link #toJson}) and read back to be shown again ({@link #fromJson}), so it holds no
 * wording and nothing a renderer could not rebuild from it.
 *
 * <p>Derived values are methods without a {@code get}/{@code is} prefix, so JSON holds the
 * components only and a report read back equals the one written.
 *
 * @param to when the phase ended, or the moment the report was taken ("as of") while it is open
 * @param ending how the phase ended; null while it is still open
 */
public record HandoffReport(
        String phase,
        LocalDate firstDay,
        Instant from,
        Instant to,
        Ending ending,
        List<Gate> gates,
        List<Task> tasks,
        List<Group> successMetrics,
        List<Risk> risks,
        Incidents incidents,
        List<Decision> decisions,
        List<Metric> metrics,
        Standups standups,
        List<Group> handoff) {

    /**
     * Lenient on read: a report frozen by an older phasebot (fewer fields) or a newer one (more)
     * still shows. Instants and durations as ISO text, readable in the column and exact.
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public HandoffReport {
        gates = copy(gates);
        tasks = copy(tasks);
        successMetrics = copy(successMetrics);
        risks = copy(risks);
        incidents = incidents == null ? new Incidents(0, null, List.of()) : incidents;
        decisions = copy(decisions);
        metrics = copy(metrics);
        standups = standups == null ? new Standups(0, List.of()) : standups;
        handoff = copy(handoff);
    }

    /** Whether the phase has ended (closed or superseded); an open phase's report is "as of" {@code to}. */
    public boolean ended() {
        return ending != null;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            // plain values only: a failure here is a bug in this record, not the caller's data
            throw new IllegalStateException("cannot write the handoff report of " + phase + " as JSON", e);
        }
    }

    /** A report as {@link #toJson} wrote it; {@code IllegalArgumentException} naming the problem when it is not one. */
    public static HandoffReport fromJson(String json) {
        try {
            return JSON.readValue(json, HandoffReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a handoff report: " + e.getOriginalMessage(), e);
        }
    }

    /** How a phase ended: closed by the lead (a reason when gates were unpassed), or superseded by the next phase. */
    public record Ending(How how, String by, String reason, Instant at) {

        public enum How {
            CLOSED,
            SUPERSEDED
        }

        public static Ending closed(String by, String reason, Instant at) {
            return new Ending(How.CLOSED, by, reason, at);
        }

        public static Ending superseded(String by, String reason, Instant at) {
            return new Ending(How.SUPERSEDED, by, reason, at);
        }
    }

    /** One item of a checklist (a deliverable, a criterion, a success metric, a handoff requirement) and who ticked it. */
    public record Item(int index, String text, Instant doneAt, String doneBy) {
        public boolean done() {
            return doneAt != null;
        }
    }

    /** A quality gate with its criteria; passed when {@code passedAt} is set. */
    public record Gate(int number, String name, String owner, Instant passedAt, String passedBy, List<Item> criteria) {
        public Gate {
            criteria = copy(criteria);
        }

        public boolean passed() {
            return passedAt != null;
        }

        public long met() {
            return criteria.stream().filter(Item::done).count();
        }
    }

    /** A task with its status ("todo", "in_progress", "done") and deliverables. */
    public record Task(
            String id,
            String title,
            String owner,
            String status,
            Instant doneAt,
            String doneBy,
            List<Item> deliverables) {
        public Task {
            deliverables = copy(deliverables);
        }

        public boolean finished() {
            return "done".equals(status);
        }

        public List<Item> delivered() {
            return deliverables.stream().filter(Item::done).toList();
        }

        public List<Item> missing() {
            return deliverables.stream().filter(i -> !i.done()).toList();
        }
    }

    /** A named group of a grouped checklist (success metrics, handoff requirements). */
    public record Group(String name, List<Item> items) {
        public Group {
            items = copy(items);
        }

        public long met() {
            return items.stream().filter(Item::done).count();
        }

        public int total() {
            return items.size();
        }
    }

    /** A risk, open or closed by someone for a reason. */
    public record Risk(
            String id,
            String risk,
            String mitigation,
            String owner,
            Instant closedAt,
            String closedBy,
            String closedWhy) {
        public boolean open() {
            return closedAt == null;
        }
    }

    /**
     * The incidents of the phase: {@code raised} counts those raised in the window; {@code list}
     * holds those and the ones raised earlier that were still open at its start. The median time
     * to act (raise to acknowledgement) is over those raised in the window and acknowledged
     * before its end; null when there are none.
     */
    public record Incidents(int raised, Duration medianTimeToAct, List<Incident> list) {
        public Incidents {
            list = copy(list);
        }

        /** Those still open when the window ended, the carried-over ones included. */
        public List<Incident> openAtEnd() {
            return list.stream().filter(Incident::openAtEnd).toList();
        }
    }

    /**
     * One incident. {@code title} is null for a security incident: the report goes to channels
     * anyone in the phase reads, and a security incident's details stay in the security channel.
     * {@code timeToAct} is null when it was not acknowledged before the window ended.
     */
    public record Incident(
            long id,
            String severity,
            boolean security,
            String title,
            Instant raisedAt,
            boolean raisedBefore,
            Duration timeToAct,
            boolean openAtEnd,
            Instant closedAt,
            List<Missed> missed) {
        public Incident {
            missed = copy(missed);
        }
    }

    /** A deadline of an incident's clock missed, by how much; {@code met} false when it was never met. */
    public record Missed(String milestone, Duration by, boolean met) {}

    /** An architectural decision as logged. */
    public record Decision(Instant at, String agent, String text, String link) {}

    /**
     * A metric against its baseline: {@code latest} is its last value before the window ended (the
     * baseline when there was none), {@code changePercent} null when the baseline is 0 and the value
     * is not.
     */
    public record Metric(
            String name,
            String unit,
            boolean lowerIsBetter,
            double baseline,
            Instant baselineAt,
            double latest,
            Double changePercent,
            Trend trend) {

        public enum Trend {
            BETTER,
            WORSE,
            UNCHANGED
        }
    }

    /** Standups held in the window, and per agent how many of them they posted an update in. */
    public record Standups(int held, List<Participant> agents) {
        public Standups {
            agents = copy(agents);
        }
    }

    public record Participant(String agent, int posted) {}

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
