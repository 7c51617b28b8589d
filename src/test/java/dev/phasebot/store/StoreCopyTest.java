package dev.phasebot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.Phasebot;
import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandReply;
import dev.phasebot.delivery.DeliveryWorker;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.PostgresServer;
import dev.phasebot.support.RecordingTransport;
import dev.phasebot.support.SettableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * copy-to: a team's SQLite file, filled by the bot as a team would fill it, moved into a real
 * PostgreSQL database, and the bot carrying on there where it stopped on the file.
 */
class StoreCopyTest {

    private static final String LEAD = "senior-system-developer";

    @TempDir
    Path dir;

    private final SettableClock clock = SettableClock.newYork("2026-11-24T09:00");

    @Test
    void everyRowOfEveryTableIsCopiedAndTheNextNumbersFollowTheCopiedOnes() {
        Path file = dir.resolve("phasebot.db");
        long lastIncident = fillAsATeamWould(file);
        PostgresServer.Database pg = PostgresServer.freshDatabase();

        Map<String, Long> counts = new StoreCopy(file, target(pg)).copy();

        List<String> tables = sqliteTables();
        Map<String, List<String>> onTheFile = contents(Database.open(file), tables);
        try (Database copied = pg.open()) {
            assertEquals(onTheFile.keySet(), counts.keySet(), "every table of the file was copied");
            assertEquals(
                    new TreeSet<>(onTheFile.keySet()),
                    new TreeSet<>(copied.<List<String>>read(tx -> tx.query(POSTGRES_TABLES, rs -> rs.getString(1)))),
                    "and the target has no table the file lacks");
            onTheFile.forEach((table, rows) ->
                    assertEquals((long) rows.size(), counts.get(table), table + ": the count reported"));
            for (String table : List.of(
                    "agent_link",
                    "api_tokens",
                    "audit_log",
                    "decision",
                    "incident",
                    "incident_event",
                    "incident_milestone",
                    "incident_notice",
                    "metric",
                    "metric_value",
                    "out_of_office",
                    "outbox",
                    "review_item",
                    "standup",
                    "standup_update",
                    "task",
                    "task_deliverable",
                    "task_dependency",
                    "task_dependency_removal",
                    "task_field_edit",
                    "timer")) {
                assertTrue(counts.get(table) > 0, table + " holds rows, so the copy of it is tested: " + counts);
            }
            assertEquals(onTheFile, contents(copied, onTheFile.keySet()), "the same rows, value for value");
        }

        SettableClock later = SettableClock.newYork("2026-11-24T15:00");
        try (Phasebot onPostgres = new Phasebot(Fixtures.shippedConfig(), pg.open(), later, true)) {
            long next = onPostgres
                    .incidents()
                    .raise("qa-engineer", new RaiseRequest("Another outage, after the move", "HIGH", false, null, null))
                    .id();
            assertEquals(lastIncident + 1, next, "the next incident number follows the copied ones");
            assertEquals(
                    "Added T10: After the move (MEDIUM, owner qa-engineer, due Week 3).",
                    say(onPostgres, "qa-engineer", "/task", "add After the move; due: Week 3"),
                    "T8 and T9 were added on the file");
            assertTrue(
                    say(onPostgres, "qa-engineer", "/incident", "show " + lastIncident)
                            .contains("Pipeline outage again"),
                    "the copied incident is there");
        }
    }

    @Test
    void aTargetThatHoldsRowsIsRefusedAndNothingIsWritten() {
        Path file = dir.resolve("phasebot.db");
        fillAsATeamWould(file);
        PostgresServer.Database pg = PostgresServer.migratedDatabase();
        try (Phasebot other = new Phasebot(Fixtures.shippedConfig(), pg.open(), clock, true)) {
            other.incidents().raise("qa-engineer", new RaiseRequest("Their own outage", "HIGH", false, null, null));
        }
        Map<String, List<String>> before = postgresContents(pg);

        StoreCopy.Refused refused = assertThrows(StoreCopy.Refused.class, () -> new StoreCopy(file, target(pg)).copy());

        assertEquals(1, refused.exitCode());
        assertTrue(refused.getMessage().startsWith(pg.url() + " is not empty ("), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("nothing was copied"), refused.getMessage());
        assertEquals(before, postgresContents(pg), "not a row added, changed or removed");
    }

    @Test
    void aTargetWithANewerSchemaOrTablesOfAnotherAppIsRefusedAndNothingIsWritten() throws Exception {
        Path file = dir.resolve("phasebot.db");
        fillAsATeamWould(file);
        PostgresServer.Database newer = PostgresServer.migratedDatabase();
        newer.open().close();
        PostgresServer.Database foreign = PostgresServer.freshDatabase();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(newer.url(), newer.user(), newer.password());
                java.sql.Statement sql = c.createStatement()) {
            sql.execute("INSERT INTO flyway_schema_history(installed_rank, version, description, type, script, "
                    + "checksum, installed_by, execution_time, success) "
                    + "VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'x', 1, true)");
        }
        try (java.sql.Connection c =
                        java.sql.DriverManager.getConnection(foreign.url(), foreign.user(), foreign.password());
                java.sql.Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE invoice (id BIGINT PRIMARY KEY)");
        }
        Map<String, List<String>> newerBefore = postgresContents(newer);

        StoreCopy.Refused refusedNewer =
                assertThrows(StoreCopy.Refused.class, () -> new StoreCopy(file, target(newer)).copy());
        StoreCopy.Refused refusedForeign =
                assertThrows(StoreCopy.Refused.class, () -> new StoreCopy(file, target(foreign)).copy());

        assertTrue(
                refusedNewer.getMessage().startsWith(newer.url() + " has a newer schema (V99) than this phasebot"),
                refusedNewer.getMessage());
        assertEquals(newerBefore, postgresContents(newer), "not a row added, changed or removed");
        assertEquals(
                foreign.url() + " already holds tables that phasebot did not create (invoice): "
                        + "copy-to writes only into an empty database",
                refusedForeign.getMessage());
        assertEquals(Map.of("invoice", List.of()), postgresContents(foreign), "no table was made there");
    }

    @Test
    void aTargetWhoseSchemaAPhasebotMadeButThatHoldsNoRowsTakesTheCopy() {
        Path file = dir.resolve("phasebot.db");
        long lastIncident = fillAsATeamWould(file);
        PostgresServer.Database pg = PostgresServer.migratedDatabase();
        pg.open().close();

        Map<String, Long> counts = new StoreCopy(file, target(pg)).copy();

        assertEquals(lastIncident, counts.get("incident"));
    }

    @Test
    void aFileThatDoesNotExistIsRefusedAndNotCreated() {
        Path missing = dir.resolve("data/phasebot.db");
        PostgresServer.Database pg = PostgresServer.freshDatabase();

        StoreCopy.Refused refused =
                assertThrows(StoreCopy.Refused.class, () -> new StoreCopy(missing, target(pg)).copy());

        assertEquals(2, refused.exitCode());
        assertEquals(
                missing + " does not exist: set PHASEBOT_DB to the SQLite file of the phasebot to copy",
                refused.getMessage());
        assertFalse(Files.exists(missing.getParent()), "no file or folder was made");
        assertEquals(Map.of(), postgresContents(pg), "the target was not touched");
    }

    @Test
    void aFileInUseByARunningPhasebotIsRefusedWithTheLocksMessage() {
        Path file = dir.resolve("phasebot.db");
        fillAsATeamWould(file);
        PostgresServer.Database pg = PostgresServer.freshDatabase();
        try (InstanceLock running = InstanceLock.acquire(file)) {
            InstanceLockedException refused = assertThrows(
                    InstanceLockedException.class, () -> new StoreCopy(file, target(pg)).copy(), running.toString());
            assertTrue(refused.getMessage().startsWith(file + " is in use by another phasebot"), refused.getMessage());
        }
        assertEquals(Map.of(), postgresContents(pg), "the target was not touched");
    }

    @Test
    void theCommandPrintsOneLinePerTableOrOneLineSayingWhyNot() {
        Path file = dir.resolve("phasebot.db");
        fillAsATeamWould(file);
        PostgresServer.Database pg = PostgresServer.freshDatabase();
        Map<String, String> env =
                Map.of("PHASEBOT_DB", file.toString(), "PHASEBOT_DB_USER", pg.user(), "PHASEBOT_DB_PASSWORD", "test");

        Output usage = command(List.of(), env);
        assertEquals(2, usage.exit());
        assertEquals("phasebot: " + StoreCopy.USAGE + "\n", usage.err());
        Output copied = command(List.of(pg.url()), env);
        assertEquals(0, copied.exit(), copied.err());
        assertEquals("", copied.err());
        assertTrue(copied.out().lines().anyMatch(line -> line.matches("incident +2")), copied.out());
        assertEquals(sqliteTables().size(), copied.out().lines().count(), "one line per table: " + copied.out());
        Output again = command(List.of(pg.url()), env);
        assertEquals(1, again.exit());
        assertEquals(1, again.err().lines().count(), again.err());
        assertTrue(again.err().startsWith("phasebot: " + pg.url() + " is not empty"), again.err());
    }

    // ---- the team's file ----

    /**
     * Runs a day of a team on the file: links, a standup, out of office, incidents (one with a
     * missed deadline), tasks added and edited, a gate, the review's inputs, an API token, and
     * the outbox delivered. Returns the last incident's number.
     */
    private long fillAsATeamWould(Path file) {
        RecordingTransport slack = new RecordingTransport();
        try (Phasebot bot = new Phasebot(Fixtures.shippedConfig(), Database.open(file), clock, true)) {
            DeliveryWorker worker = Fixtures.worker(bot, slack, clock);
            say(bot, LEAD, "/standup", "link qa-engineer U0QA");
            say(bot, LEAD, "/standup", "open");
            say(bot, "qa-engineer", "/standup", "security: all clear; today: fuzz the YAML loader");
            say(bot, "ml-engineer", "/standup", "blockers: waiting on T3; today: features");
            say(bot, "devops-engineer", "/standup", "ooo 2026-11-30 2026-12-01 conference");
            bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, "T4"));
            long last = bot.incidents()
                    .raise("qa-engineer", new RaiseRequest("Pipeline outage again", "CRITICAL", false, "disk", null))
                    .id();
            say(bot, LEAD, "/incident", "ack 1");
            say(bot, LEAD, "/incident", "assess 1 the disk is full");
            say(bot, "qa-engineer", "/task", "add Fuzz the YAML loader; priority: high; deliverables: corpus, harness");
            say(bot, LEAD, "/task", "add Review the fuzz findings; owner: ml-engineer");
            say(bot, "qa-engineer", "/task", "deliverable T8 check 1");
            say(bot, "qa-engineer", "/task", "edit T8 due: Week 2");
            say(bot, LEAD, "/task", "depends T3 on T2");
            say(bot, LEAD, "/task", "depends T3 remove T1");
            say(bot, "python-ml-fintech-reviewer", "/gate", "check 1 framework operational");
            say(bot, "software-architect", "/decision", "Split Model into DataManager and FeatureManager (T3)");
            say(bot, "qa-engineer", "/metric", "coverage 71 %");
            say(bot, "qa-engineer", "/metric", "coverage 73.5 %");
            say(bot, LEAD, "/review", "item Phase 3: streaming pipeline spike");
            say(bot, LEAD, "/api", "token qa-engineer");
            worker.deliverDue();
            clock.at("10:31");
            bot.timers().runDue(); // the second incident's assessment is missed: a notice
            worker.deliverDue();
            clock.at("11:00");
            return last;
        }
    }

    private static String say(Phasebot bot, String agent, String command, String text) {
        CommandReply reply = bot.dispatcher().handle(Caller.agent(agent), command, text);
        return reply instanceof CommandReply.Text answer ? answer.text() : reply.toString();
    }

    // ---- reading the stores ----

    private static final String POSTGRES_TABLES = "SELECT table_name FROM information_schema.tables "
            + "WHERE table_schema = current_schema() AND table_name <> 'flyway_schema_history'";

    private List<String> sqliteTables() {
        try (Database file = Database.open(dir.resolve("phasebot.db"))) {
            return file.read(tx -> tx.query(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                            + "AND name <> 'flyway_schema_history' ORDER BY name",
                    rs -> rs.getString(1)));
        }
    }

    /**
     * Every row of {@code tables}, each as its values in column order, sorted: whole numbers as
     * longs and fractions as doubles whichever store they come from, so equal means equal.
     */
    private static Map<String, List<String>> contents(Database database, Iterable<String> tables) {
        try (database) {
            return database.read(tx -> {
                Map<String, List<String>> all = new TreeMap<>();
                for (String table : tables) {
                    List<String> rows = new ArrayList<>(tx.query("SELECT * FROM \"" + table + "\"", rs -> {
                        ResultSetMetaData columns = rs.getMetaData();
                        List<String> values = new ArrayList<>();
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            Object value = rs.getObject(i);
                            values.add(columns.getColumnName(i) + "="
                                    + (value instanceof Integer || value instanceof Long
                                            ? Long.toString(((Number) value).longValue())
                                            : String.valueOf(value)));
                        }
                        return String.join(" | ", values);
                    }));
                    rows.sort(null);
                    all.put(table, rows);
                }
                return all;
            });
        }
    }

    /** Every table of a PostgreSQL database, Flyway's own included: what a refused copy must not change. */
    private static Map<String, List<String>> postgresContents(PostgresServer.Database pg) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(pg.url(), pg.user(), pg.password());
                java.sql.Statement sql = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (java.sql.ResultSet rs = sql.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = current_schema() ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            Map<String, List<String>> all = new TreeMap<>();
            for (String table : tables) {
                List<String> rows = new ArrayList<>();
                try (java.sql.ResultSet rs = sql.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            row.append(rs.getString(i)).append(" | ");
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                all.put(table, rows);
            }
            return all;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static StoreCopy.Target target(PostgresServer.Database pg) {
        return new StoreCopy.Target(pg.url(), pg.user(), pg.password());
    }

    private record Output(int exit, String out, String err) {}

    private static Output command(List<String> args, Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = StoreCopy.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
