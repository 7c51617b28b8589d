package dev.phasebot.plan;

import static dev.phasebot.store.Columns.instant;
import static dev.phasebot.store.Columns.millis;

import dev.phasebot.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The plan tables; every method runs in the caller's transaction. */
public final class PlanRepository {

    /** The fields of a task that can be edited in Slack, named as their columns. */
    static final List<String> EDITABLE = List.of("title", "priority", "risk", "owner", "due");
    /** A new dependency comes after every one written before it (the order {@code /task show} lists them in). */
    private static final String NEXT_DEPENDENCY = "(SELECT coalesce(max(ord), 0) + 1 FROM task_dependency)";

    /** The whole plan as this transaction sees it. */
    public PlanSnapshot snapshot(Tx tx) {
        return new PlanSnapshot(tasks(tx), gates(tx));
    }

    /** The live tasks: archived ones (dropped from the config) are left out of every view of the plan. */
    List<Task> tasks(Tx tx) {
        return tasksWhere(tx, "archived_at IS NULL");
    }

    /** An archived task of this id (case as typed), and when it was archived. */
    Optional<Map.Entry<Task, Instant>> archivedTask(Tx tx, String id) {
        return tasksWhere(tx, "archived_at IS NOT NULL AND upper(id) = upper(?)", id).stream()
                .findFirst()
                .map(t -> Map.entry(
                        t,
                        tx.queryOne("SELECT archived_at FROM task WHERE id = ?", rs -> instant(rs, 1), t.id())
                                .orElseThrow()));
    }

    /** Every task the store has, live or archived, by id: whether each came from the config and is archived. */
    Map<String, StoredItem> storedTasks(Tx tx) {
        Map<String, StoredItem> stored = new HashMap<>();
        tx.query("SELECT id, source, archived_at FROM task", rs -> {
            stored.put(rs.getString(1), new StoredItem("config".equals(rs.getString(2)), rs.getObject(3) != null));
            return null;
        });
        return stored;
    }

    /** Every gate the store has, live or archived, by number (gates come from the config only). */
    Map<Integer, StoredItem> storedGates(Tx tx) {
        Map<Integer, StoredItem> stored = new HashMap<>();
        tx.query("SELECT number, archived_at FROM gate", rs -> {
            stored.put(rs.getInt(1), new StoredItem(true, rs.getObject(2) != null));
            return null;
        });
        return stored;
    }

    /** A task or gate as a config sync finds it: from the config (or added in Slack), and archived or live. */
    record StoredItem(boolean fromConfig, boolean archived) {}

    void archiveTask(Tx tx, String id, Instant at) {
        tx.update("UPDATE task SET archived_at = ? WHERE id = ?", at.toEpochMilli(), id);
    }

    void archiveGate(Tx tx, int number, Instant at) {
        tx.update("UPDATE gate SET archived_at = ? WHERE number = ?", at.toEpochMilli(), number);
    }

    private List<Task> tasksWhere(Tx tx, String where, Object... args) {
        Map<String, List<ChecklistItem>> deliverables = Checklists.all(tx, Checklists.Kind.DELIVERABLES);
        Map<String, List<String>> deps = new HashMap<>();
        tx.query("SELECT task_id, depends_on FROM task_dependency ORDER BY task_id, ord", rs -> {
            deps.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            return null;
        });
        return tx.query(
                "SELECT * FROM task WHERE " + where + " ORDER BY position, id",
                rs -> new Task(
                        rs.getString("id"),
                        rs.getString("title"),
                        rs.getString("priority"),
                        rs.getString("risk"),
                        rs.getString("owner"),
                        rs.getString("due"),
                        instant(rs, "due_at"),
                        rs.getString("status"),
                        rs.getString("source"),
                        List.copyOf(deliverables.getOrDefault(rs.getString("id"), List.of())),
                        List.copyOf(deps.getOrDefault(rs.getString("id"), List.of())),
                        instant(rs, "started_at"),
                        rs.getString("started_by"),
                        instant(rs, "done_at"),
                        rs.getString("done_by")),
                args);
    }

    List<Gate> gates(Tx tx) {
        Map<String, List<ChecklistItem>> criteria = Checklists.all(tx, Checklists.Kind.CRITERIA);
        Map<Integer, List<String>> blocks = new HashMap<>();
        tx.query("SELECT gate_number, blocks FROM gate_block ORDER BY gate_number, ord", rs -> {
            blocks.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getString(2));
            return null;
        });
        return tx.query(
                "SELECT * FROM gate WHERE archived_at IS NULL ORDER BY number",
                rs -> new Gate(
                        rs.getInt("number"),
                        rs.getString("name"),
                        rs.getString("owner"),
                        rs.getString("due"),
                        instant(rs, "due_at"),
                        rs.getString("impact"),
                        instant(rs, "passed_at"),
                        rs.getString("passed_by"),
                        List.copyOf(criteria.getOrDefault(rs.getString("number"), List.of())),
                        List.copyOf(blocks.getOrDefault(rs.getInt("number"), List.of()))));
    }

    Optional<String> taskSource(Tx tx, String id) {
        return tx.queryOne("SELECT source FROM task WHERE id = ?", rs -> rs.getString(1), id);
    }

    void upsertTask(
            Tx tx,
            String id,
            String title,
            String priority,
            String risk,
            String owner,
            String due,
            Instant dueAt,
            String source,
            int position) {
        tx.update(
                "INSERT INTO task(id, title, priority, risk, owner, due, due_at, source, position) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, "
                        + "priority = excluded.priority, risk = excluded.risk, owner = excluded.owner, due = excluded.due, "
                        + "due_at = excluded.due_at, position = excluded.position, archived_at = NULL",
                id,
                title,
                priority,
                risk,
                owner,
                due,
                millis(dueAt),
                source,
                position);
    }

    int nextPosition(Tx tx) {
        return tx.queryOne("SELECT coalesce(max(position), 0) + 1 FROM task", rs -> rs.getInt(1))
                .orElse(1);
    }

    int nextTaskNumber(Tx tx) {
        return tx.queryOne("SELECT coalesce(max(CAST(substr(id, 2) AS INTEGER)), 0) + 1 FROM task", rs -> rs.getInt(1))
                .orElse(1);
    }

    /** Makes the config's dependencies the task's, leaving out those removed in Slack. */
    void syncConfigDependencies(Tx tx, String taskId, List<String> deps) {
        tx.update("DELETE FROM task_dependency WHERE task_id = ? AND source = 'config'", taskId);
        for (String dep : deps) {
            tx.update(
                    "INSERT INTO task_dependency(task_id, depends_on, source, ord) SELECT ?, ?, 'config', "
                            + NEXT_DEPENDENCY + " WHERE NOT EXISTS "
                            + "(SELECT 1 FROM task_dependency_removal WHERE task_id = ? AND depends_on = ?) "
                            + "ON CONFLICT DO NOTHING",
                    taskId,
                    dep,
                    taskId,
                    dep);
        }
    }

    /** A dependency declared in Slack; one removed earlier in Slack is no longer held off. */
    void addDependency(Tx tx, String taskId, String dep) {
        tx.update("DELETE FROM task_dependency_removal WHERE task_id = ? AND depends_on = ?", taskId, dep);
        tx.update(
                "INSERT INTO task_dependency(task_id, depends_on, source, ord) VALUES (?, ?, 'slack', "
                        + NEXT_DEPENDENCY + ") ON CONFLICT DO NOTHING",
                taskId,
                dep);
    }

    /**
     * Removes a dependency and remembers that Slack removed it, so that a config which still
     * lists it does not add it back at the next start.
     */
    void removeDependency(Tx tx, String taskId, String dep, Instant at, String by) {
        tx.update("DELETE FROM task_dependency WHERE task_id = ? AND depends_on = ?", taskId, dep);
        tx.update(
                "INSERT INTO task_dependency_removal(task_id, depends_on, removed_at, removed_by) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT(task_id, depends_on) DO UPDATE SET removed_at = excluded.removed_at, "
                        + "removed_by = excluded.removed_by",
                taskId,
                dep,
                at.toEpochMilli(),
                by);
    }

    /** The fields of a task edited in Slack, which a config sync leaves as they are. */
    Set<String> editedFields(Tx tx, String taskId) {
        return new HashSet<>(
                tx.query("SELECT field FROM task_field_edit WHERE task_id = ?", rs -> rs.getString(1), taskId));
    }

    /** Sets one field of a task (one of {@link #EDITABLE}) and records that Slack edited it. */
    void editField(Tx tx, String taskId, String field, String value, Instant dueAt, Instant at, String by) {
        if (!EDITABLE.contains(field)) {
            throw new IllegalArgumentException("not an editable field: " + field);
        }
        if (field.equals("due")) {
            tx.update("UPDATE task SET due = ?, due_at = ? WHERE id = ?", value, millis(dueAt), taskId);
        } else {
            // the column name comes from EDITABLE above, never from the caller's text
            tx.update("UPDATE task SET " + field + " = ? WHERE id = ?", value, taskId);
        }
        tx.update(
                "INSERT INTO task_field_edit(task_id, field, edited_at, edited_by) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT(task_id, field) DO UPDATE SET edited_at = excluded.edited_at, "
                        + "edited_by = excluded.edited_by",
                taskId,
                field,
                at.toEpochMilli(),
                by);
    }

    void markStarted(Tx tx, String taskId, Instant at, String by) {
        tx.update(
                "UPDATE task SET status = 'in_progress', started_at = ?, started_by = ? WHERE id = ?",
                at.toEpochMilli(),
                by,
                taskId);
    }

    void markDone(Tx tx, String taskId, Instant at, String by, boolean override) {
        tx.update(
                "UPDATE task SET status = 'done', done_at = ?, done_by = ?, done_override = ? WHERE id = ?",
                at.toEpochMilli(),
                by,
                override ? 1 : 0,
                taskId);
    }

    /**
     * Back to in progress; who finished it is cleared (the audit log keeps it). A task that was
     * finished without ever being started counts as started now, by whoever reopened it.
     */
    void markReopened(Tx tx, String taskId, Instant at, String by) {
        tx.update(
                "UPDATE task SET status = 'in_progress', done_at = NULL, done_by = NULL, done_override = 0, "
                        + "started_by = CASE WHEN started_at IS NULL THEN ? ELSE started_by END, "
                        + "started_at = coalesce(started_at, ?) WHERE id = ?",
                by,
                at.toEpochMilli(),
                taskId);
    }

    void upsertGate(Tx tx, int number, String name, String owner, String due, Instant dueAt, String impact) {
        tx.update(
                "INSERT INTO gate(number, name, owner, due, due_at, impact) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT(number) DO UPDATE SET name = excluded.name, owner = excluded.owner, "
                        + "due = excluded.due, due_at = excluded.due_at, impact = excluded.impact, archived_at = NULL",
                number,
                name,
                owner,
                due,
                millis(dueAt),
                impact);
    }

    void syncBlocks(Tx tx, int gate, List<String> blocks) {
        tx.update("DELETE FROM gate_block WHERE gate_number = ?", gate);
        for (String b : blocks) {
            tx.update(
                    "INSERT INTO gate_block(gate_number, blocks, ord) VALUES (?, ?, "
                            + "(SELECT coalesce(max(ord), 0) + 1 FROM gate_block)) ON CONFLICT DO NOTHING",
                    gate,
                    b);
        }
    }

    void setPassed(Tx tx, int gate, Instant at, String by) {
        tx.update("UPDATE gate SET passed_at = ?, passed_by = ? WHERE number = ?", millis(at), by, gate);
    }

    boolean claimOverdueCheck(Tx tx, String day, Instant at) {
        return tx.update(
                        "INSERT INTO overdue_check(day, checked_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        day,
                        at.toEpochMilli())
                == 1;
    }
}
