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
                        + " WHERE archived_at IS NULL ORDER BY " + kind.owner + ", idx",
                rs -> {
                    lists.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new ChecklistItem(rs.getInt(2), rs.getString(3), instant(rs, 4), rs.getString(5)));
                    return null;
                });
        return lists;
    }

    /** What a sync changed in one list: the numbers of the items added, the texts of those archived. */
    public record Synced(List<Integer> added, List<String> archived) {
        boolean isEmpty() {
            return added.isEmpty() && archived.isEmpty();
        }
    }

    /**
     * Makes the config's texts the list, in their order, keeping who ticked an item and when
     * for every item whose text is unchanged (an item reworded in the config starts unticked).
     * An item the config no longer has is archived after them, with its ticks, never deleted;
     * one that comes back is live again with its ticks.
     */
    public static Synced sync(Tx tx, Kind kind, Object owner, List<String> texts, Instant now) {
        record Stored(String text, Instant at, String by, Instant archivedAt) {}
        List<Stored> stored = tx.query(
                "SELECT text, " + kind.at + ", " + kind.by + ", archived_at FROM " + kind.table + " WHERE " + kind.owner
                        + " = ? ORDER BY idx",
                rs -> new Stored(rs.getString(1), instant(rs, 2), rs.getString(3), instant(rs, 4)),
                owner);
        Map<String, Stored> byText = new HashMap<>();
        stored.forEach(item -> byText.putIfAbsent(item.text(), item));
        tx.update("DELETE FROM " + kind.table + " WHERE " + kind.owner + " = ?", owner);
        List<Integer> added = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Stored was = byText.get(texts.get(i));
            if (was == null || was.archivedAt() != null) {
                added.add(i + 1);
            }
            insert(
                    tx,
                    kind,
                    owner,
                    i + 1,
                    texts.get(i),
                    was == null ? null : was.at(),
                    was == null ? null : was.by(),
                    null);
        }
        List<String> archived = new ArrayList<>();
        int index = texts.size();
        for (Stored item : stored) {
            if (texts.contains(item.text())) {
                continue;
            }
            if (item.archivedAt() == null) {
                archived.add(item.text());
            }
            insert(
                    tx,
                    kind,
                    owner,
                    ++index,
                    item.text(),
                    item.at(),
                    item.by(),
                    item.archivedAt() == null ? now : item.archivedAt());
        }
        return new Synced(added, archived);
    }

    private static void insert(
            Tx tx, Kind kind, Object owner, int index, String text, Instant at, String by, Instant archivedAt) {
        tx.update(
                "INSERT INTO " + kind.table + "(" + kind.owner + ", idx, text, " + kind.at + ", " + kind.by
                        + ", archived_at) VALUES (?, ?, ?, ?, ?, ?)",
                owner,
                index,
                text,
                millis(at),
                by,
                millis(archivedAt));
    }

    static void add(Tx tx, Kind kind, Object owner, int index, String text) {
        tx.update("INSERT INTO " + kind.table + "(" + kind.owner + ", idx, text) VALUES (?, ?, ?)", owner, index, text);
    }

    /** Ticks (or unticks) one item; false when there is no such item. */
    public static boolean check(Tx tx, Kind kind, Object owner, int index, Instant at, String by, boolean checked) {
        return tx.update(
                        "UPDATE " + kind.table + " SET " + kind.at + " = ?, " + kind.by + " = ? WHERE " + kind.owner
                                + " = ? AND idx = ? AND archived_at IS NULL",
                        checked ? at.toEpochMilli() : null,
                        checked ? by : null,
                        owner,
                        index)
                == 1;
    }
}
