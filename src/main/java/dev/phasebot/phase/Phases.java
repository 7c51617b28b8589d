package dev.phasebot.phase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.config.ConfigException;
import dev.phasebot.store.Database;
import dev.phasebot.store.StoreException;
import dev.phasebot.store.Tx;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The phases this install has run, in order (table {@code phase}): which one is current, which
 * phase a moment of history belongs to, and the start-up step that moves from one phase to the
 * next when the config names a new {@code phase.name}. A record belongs to the last phase that
 * began at or before it (the first phase for anything older), so standups, incidents, decisions
 * and metric values are labelled by phase without a column of their own.
 */
public final class Phases {

    /** One phase as stored; {@code endedAt} is null while it runs. */
    public record Phase(
            String name,
            int position,
            LocalDate firstDay,
            Instant beganAt,
            Instant endedAt,
            String endedHow,
            String endedBy,
            String reason) {

        public boolean ended() {
            return endedAt != null;
        }

        public boolean superseded() {
            return "superseded".equals(endedHow);
        }
    }

    /**
     * The span of history a phase owns: from its beginning (the first phase from the start of
     * time) until the next phase began ({@code until} null for the current phase).
     */
    public record Window(Phase phase, Instant from, Instant until) {

        public boolean contains(Instant at) {
            return !at.isBefore(from) && (until == null || at.isBefore(until));
        }
    }

    /**
     * What entering the config's phase at start-up did: nothing ({@code previous} empty and not
     * {@code first}), the very first phase recorded, or a next phase begun after {@code previous},
     * which this start superseded when nobody had closed it.
     */
    public record Entered(
            Phase phase, boolean first, Optional<Phase> previous, boolean superseded, List<Long> carriedOver) {

        public Entered {
            carriedOver = List.copyOf(carriedOver);
        }

        public boolean began() {
            return first || previous.isPresent();
        }
    }

    /** Freezes the ending phase's report in the transaction that ends it; returns the report as JSON. */
    @FunctionalInterface
    public interface Freezer {
        String freeze(Tx tx, Window window, Instant endedAt, String how, String by, String reason);
    }

    /**
     * The live plan's tables, children first: when the next phase begins their rows are kept in
     * {@code phase_plan_archive} under the phase that had them and the tables start empty.
     */
    static final List<String> PLAN_TABLES = List.of(
            "task_field_edit",
            "task_dependency_removal",
            "task_dependency",
            "task_deliverable",
            "task",
            "gate_criterion",
            "gate_block",
            "gate",
            "success_metric",
            "handoff_item",
            "plan_risk");

    private static final String COLUMNS = "name, position, first_day, began_at, ended_at, ended_how, ended_by, reason";

    private final Database database;
    private final ObjectMapper json = new ObjectMapper();

    public Phases(Database database) {
        this.database = database;
    }

    // --- reading ---

    public List<Phase> all() {
        return database.read(Phases::all);
    }

    static List<Phase> all(Tx tx) {
        return tx.query("SELECT " + COLUMNS + " FROM phase ORDER BY position", rs -> {
            long ended = rs.getLong(5);
            boolean stillRunning = rs.wasNull();
            return new Phase(
                    rs.getString(1),
                    rs.getInt(2),
                    LocalDate.parse(rs.getString(3)),
                    Instant.ofEpochMilli(rs.getLong(4)),
                    stillRunning ? null : Instant.ofEpochMilli(ended),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8));
        });
    }

    /** The phase the bot runs now: the last one begun (it may have been closed, waiting for the next). */
    public Phase current() {
        return database.read(Phases::current);
    }

    static Phase current(Tx tx) {
        List<Phase> phases = all(tx);
        if (phases.isEmpty()) {
            throw new IllegalStateException("no phase recorded yet: Phases.enter runs at start-up");
        }
        return phases.get(phases.size() - 1);
    }

    /**
     * The phase named {@code words}: its full name, any case and spacing; or its position
     * ({@code 1} is the first this install ran). Empty when none is.
     */
    public static Optional<Phase> find(List<Phase> phases, String words) {
        String wanted = normal(words);
        for (Phase p : phases) {
            if (normal(p.name()).equals(wanted) || String.valueOf(p.position()).equals(wanted)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static String normal(String words) {
        return String.join(" ", words.trim().toLowerCase(Locale.ROOT).split("\\s+"));
    }

    /** The span of history {@code phase} owns among {@code phases}. */
    public static Window window(List<Phase> phases, Phase phase) {
        Instant from = phase.position() == phases.get(0).position() ? Instant.EPOCH : phase.beganAt();
        Instant until = null;
        for (Phase p : phases) {
            if (p.position() > phase.position()) {
                until = p.beganAt();
                break;
            }
        }
        return new Window(phase, from, until);
    }

    /** The phase a moment of history belongs to. */
    public static Phase at(List<Phase> phases, Instant at) {
        Phase owner = phases.get(0);
        for (Phase p : phases) {
            if (!p.beganAt().isAfter(at)) {
                owner = p;
            }
        }
        return owner;
    }

    // --- changing ---

    /**
     * Makes {@code name} (the config's {@code phase.name}, first day {@code firstDay}) the current
     * phase, in {@code tx} (the caller's, so that what the change says is posted with it). The
     * same phase again changes nothing. A new name ends the current phase, superseding it (its
     * report frozen by {@code freezer}) unless it was closed; keeps the old plan's rows in the
     * archive and empties the live plan, so the new plan starts fresh; and marks each open
     * incident as carried over on its timeline. A name an earlier phase had is refused: going
     * back would mix two phases' history.
     */
    public Entered enter(Tx tx, String name, LocalDate firstDay, Instant now, Freezer freezer, List<String> roster) {
        List<Phase> phases = all(tx);
        if (phases.isEmpty()) {
            Phase first = new Phase(name, 1, firstDay, now, null, null, null, null);
            insert(tx, first, roster);
            return new Entered(first, true, Optional.empty(), false, List.of());
        }
        Phase current = phases.get(phases.size() - 1);
        // The same phase, its name perhaps respelled (case, spaces): still the phase it was.
        if (normal(current.name()).equals(normal(name))) {
            if (!current.ended()) {
                // Its roster as this config has it: agents who joined or left within the phase.
                tx.update("UPDATE phase SET roster = ? WHERE name = ?", String.join(",", roster), current.name());
            }
            return new Entered(current, false, Optional.empty(), false, List.of());
        }
        for (Phase p : phases) {
            if (normal(p.name()).equals(normal(name))) {
                throw new ConfigException("phase.name: \"" + name + "\" is phase " + p.position()
                        + " of this install, which ended on " + p.endedAt()
                        + "; a next phase needs a name of its own.");
            }
        }
        boolean superseding = !current.ended();
        if (superseding) {
            String report = freezer.freeze(tx, window(phases, current), now, "superseded", null, null);
            tx.update(
                    "UPDATE phase SET ended_at = ?, ended_how = 'superseded', report = ? WHERE name = ?",
                    now.toEpochMilli(),
                    report,
                    current.name());
        }
        keepFollowUps(tx, current.name());
        archivePlan(tx, current.name(), now);
        Phase next = new Phase(name, current.position() + 1, firstDay, now, null, null, null, null);
        insert(tx, next, roster);
        List<Long> open = tx.query("SELECT id FROM incident WHERE status = 'open' ORDER BY id", rs -> rs.getLong(1));
        for (long id : open) {
            tx.update(
                    "INSERT INTO incident_event(incident_id, at, actor, kind, detail) VALUES (?, ?, 'phasebot', 'carried over', ?)",
                    id,
                    now.toEpochMilli(),
                    "still open when " + name + " began; raised in " + current.name());
        }
        Phase ended = all(tx).get(phases.size() - 1);
        return new Entered(next, false, Optional.of(ended), superseding, open);
    }

    /** Ends the current phase as closed by {@code by}, with its frozen report. */
    void close(Tx tx, Phase phase, Instant now, String by, String reason, String report) {
        tx.update(
                "UPDATE phase SET ended_at = ?, ended_how = 'closed', ended_by = ?, reason = ?, report = ? WHERE name = ? AND ended_at IS NULL",
                now.toEpochMilli(),
                by,
                reason,
                report,
                phase.name());
    }

    private static void insert(Tx tx, Phase p, List<String> roster) {
        tx.update(
                "INSERT INTO phase(name, position, first_day, began_at, roster) VALUES (?, ?, ?, ?, ?)",
                p.name(),
                p.position(),
                p.firstDay().toString(),
                p.beganAt().toEpochMilli(),
                String.join(",", roster));
    }

    /**
     * Incidents' follow-ups whose tasks are in the plan about to be archived keep those tasks as
     * they are now, under {@code phase}: the next plan's task of the same id is another one.
     */
    private static void keepFollowUps(Tx tx, String phase) {
        tx.update(
                "UPDATE incident_followup SET phase = ?, "
                        + "text = COALESCE(text, (SELECT t.title FROM task t WHERE t.id = incident_followup.task_id)), "
                        + "owner = (SELECT t.owner FROM task t WHERE t.id = incident_followup.task_id), "
                        + "due = (SELECT t.due FROM task t WHERE t.id = incident_followup.task_id), "
                        + "status = (SELECT t.status FROM task t WHERE t.id = incident_followup.task_id) "
                        + "WHERE phase IS NULL",
                phase);
    }

    /** The live plan's rows, kept as JSON under {@code phase}, then removed from the live tables. */
    private void archivePlan(Tx tx, String phase, Instant now) {
        for (String table : PLAN_TABLES) {
            List<Map<String, Object>> rows = tx.query("SELECT * FROM " + table, rs -> {
                ResultSetMetaData meta = rs.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    row.put(meta.getColumnName(c).toLowerCase(Locale.ROOT), rs.getObject(c));
                }
                return row;
            });
            if (!rows.isEmpty()) {
                tx.update(
                        "INSERT INTO phase_plan_archive(phase, table_name, rows_json, archived_at) VALUES (?, ?, ?, ?)",
                        phase,
                        table,
                        toJson(rows),
                        now.toEpochMilli());
            }
            tx.update("DELETE FROM " + table);
        }
    }

    private String toJson(List<Map<String, Object>> rows) {
        try {
            return json.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new StoreException("the plan's rows could not be archived: " + e.getOriginalMessage(), e);
        }
    }

    /** The archived plan rows of {@code phase} in {@code table}, as JSON (for the audit and tests). */
    public Optional<String> archivedRows(String phase, String table) {
        return database.read(tx -> tx.queryOne(
                "SELECT rows_json FROM phase_plan_archive WHERE phase = ? AND table_name = ?",
                rs -> rs.getString(1),
                phase,
                table));
    }
}
