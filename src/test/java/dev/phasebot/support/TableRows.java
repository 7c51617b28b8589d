package dev.phasebot.support;

import dev.phasebot.store.Database;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every row of every table of the bot's store (the migrations' own bookkeeping left out), read
 * in one go. Two equal snapshots around a command mean it changed nothing: no
 * incident, update, task edit, timer, outbox row or audit row was added, altered or removed.
 * Tables are found in the store's catalogue, so a table a later migration adds is covered too.
 */
public record TableRows(Map<String, List<String>> rows) {

    public static TableRows of(Database database) {
        return database.read(tx -> {
            Map<String, List<String>> rows = new TreeMap<>();
            List<String> tables = tx.query(
                    database.shared()
                            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                                    + "AND table_name <> 'flyway_schema_history' ORDER BY table_name"
                            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                    + "AND name <> 'flyway_schema_history' ORDER BY name",
                    rs -> rs.getString(1));
            for (String table : tables) {
                List<String> lines = new ArrayList<>(tx.query("SELECT * FROM \"" + table + "\"", rs -> {
                    ResultSetMetaData columns = rs.getMetaData();
                    StringBuilder line = new StringBuilder();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        line.append(i == 1 ? "" : " | ")
                                .append(columns.getColumnName(i))
                                .append('=')
                                .append(rs.getString(i));
                    }
                    return line.toString();
                }));
                // Row order is not part of the state.
                lines.sort(null);
                rows.put(table, List.copyOf(lines));
            }
            return new TableRows(rows);
        });
    }

    /** How many rows each table holds, by table name. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        rows.forEach((table, lines) -> counts.put(table, lines.size()));
        return counts;
    }
}
