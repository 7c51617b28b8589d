package dev.phasebot.plan;

import static dev.phasebot.store.Columns.instant;
import static dev.phasebot.store.Columns.millis;

import dev.phasebot.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checklists of the plan, a task's deliverables, a gate's criteria, and the groups of
 * success metrics and handoff requirements, which are one shape in four tables: read, synced
 * from the config, ticked and added the same way.
 */
public final class Checklists {

    /** Where a checklist is stored; the names are constants here, never a caller's text. */
    public enum Kind {
        DELIVERABLES("task_deliverable", "task_id", "checked_at", "checked_by"),
        CRITERIA("gate_criterion", "gate_number", "met_at", "met_by"),
        SUCCESS_METRICS("success_metric", "group_name", "checked_at", "checked_by"),
        HANDOFF("handoff_item", "group_name", "checked_at", "checked_by");

        private final String table;
        private final String owner;
        private final String at;
        private final String by;

        Kind(String table, String owner, String at, String by) {
            this.table = table;
            this.owner = owner;
            this.at = at;
            this.by = by;
        }
    }

    private Checklists() {}

    /** Every list of this kind, by the id of the task or the number of the gate (as text). */
    public static Map<String, List<ChecklistItem>> all(Tx tx, Kind kind) {
        Map<String, List<ChecklistItem>> lists = new HashMap<>();
        tx.query(
                "SELECT " + kind.owner + ", idx, text, " + kind.at + ", " + kind.by + " FROM " + kind.table
                        + " ORDER BY " + kind.owner + ", idx",
                rs -> {
                    lists.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new ChecklistItem(rs.getInt(2), rs.getString(3), instant(rs, 4), rs.getString(5)));
                    return null;
                });
        return lists;
    }

    /**
     * Makes the config's texts the list, in their order, keeping who ticked an item and when
     * for every item whose text is unchanged (an item reworded in the config starts unticked).
     */
    public static void sync(Tx tx, Kind kind, Object owner, List<String> texts) {
        Map<String, Instant> checkedAt = new HashMap<>();
        Map<String, String> checkedBy = new HashMap<>();
        tx.query(
                "SELECT text, " + kind.at + ", " + kind.by + " FROM " + kind.table + " WHERE " + kind.owner + " = ?",
                rs -> {
                    checkedAt.put(rs.getString(1), instant(rs, 2));
                    checkedBy.put(rs.getString(1), rs.getString(3));
                    return null;
                },
                owner);
        tx.update("DELETE FROM " + kind.table + " WHERE " + kind.owner + " = ?", owner);
        for (int i = 0; i < texts.size(); i++) {
            Instant at = checkedAt.get(texts.get(i));
            tx.update(
                    "INSERT INTO " + kind.table + "(" + kind.owner + ", idx, text, " + kind.at + ", " + kind.by
                            + ") VALUES (?, ?, ?, ?, ?)",
                    owner,
                    i + 1,
                    texts.get(i),
                    millis(at),
                    checkedBy.get(texts.get(i)));
        }
    }

    static void add(Tx tx, Kind kind, Object owner, int index, String text) {
        tx.update("INSERT INTO " + kind.table + "(" + kind.owner + ", idx, text) VALUES (?, ?, ?)", owner, index, text);
    }

    /** Ticks (or unticks) one item; false when there is no such item. */
    public static boolean check(Tx tx, Kind kind, Object owner, int index, Instant at, String by, boolean checked) {
        return tx.update(
                        "UPDATE " + kind.table + " SET " + kind.at + " = ?, " + kind.by + " = ? WHERE " + kind.owner
                                + " = ? AND idx = ?",
                        checked ? at.toEpochMilli() : null,
                        checked ? by : null,
                        owner,
                        index)
                == 1;
    }
}
