package dev.phasebot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void aFreshFileGetsEveryShippedMigrationInVersionOrder() throws Exception {
        Path db = dir.resolve("phasebot.db");

        Migrations.Outcome outcome = new Migrations(Database.dataSource(db), Migrations.LOCATION).migrate();

        List<String> shipped = shippedVersions();
        assertEquals(shipped, outcome.applied());
        assertEquals(shipped.get(shipped.size() - 1), outcome.version());
        assertEquals(
                shipped,
                column(db, "SELECT version FROM flyway_schema_history WHERE success = 1 " + "ORDER BY installed_rank"));
        assertTrue(columns(db, "outbox").contains("attempt_started_at"), "V7's column is there");
    }

    @Test
    void reopeningAMigratedFileAppliesNothingAndSaysTheVersion() throws Exception {
        Path db = dir.resolve("phasebot.db");
        new Migrations(Database.dataSource(db), Migrations.LOCATION).migrate();

        Migrations.Outcome again = new Migrations(Database.dataSource(db), Migrations.LOCATION).migrate();

        assertEquals(List.of(), again.applied());
        assertEquals(last(shippedVersions()), again.version());
    }

    @Test
    void anEditedMigrationStopsStartUpWithOneLineNamingIt() throws Exception {
        Path folder = copyOfShippedMigrations();
        Path db = dir.resolve("phasebot.db");
        migrate(db, folder);
        edit(folder.resolve("V3__plan.sql"));

        MigrationException refused = assertThrows(MigrationException.class, () -> migrate(db, folder));

        assertTrue(
                refused.getMessage().startsWith("migration V3 was changed after it was applied: V3__plan.sql "),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
    }

    @Test
    void anEditedMigrationIsNamedEvenWhenANewOneIsWaitingToBeApplied() throws Exception {
        Path folder = copyOfShippedMigrations();
        Path db = dir.resolve("phasebot.db");
        migrate(db, folder);
        edit(folder.resolve("V3__plan.sql"));
        Files.writeString(folder.resolve("V900__next.sql"), "CREATE TABLE next (id INTEGER);\n");

        MigrationException refused = assertThrows(MigrationException.class, () -> migrate(db, folder));

        assertTrue(
                refused.getMessage().startsWith("migration V3 was changed after it was applied"), refused.getMessage());
        assertFalse(refused.getMessage().contains("V900"), "a pending migration is no fault: " + refused.getMessage());
        assertEquals(
                List.of(), column(db, "SELECT name FROM sqlite_master WHERE name = 'next'"), "V900 waits for the fix");
    }

    @Test
    void anyNewVersionedFileInTheFolderIsAppliedWithoutBeingListedAnywhere() throws Exception {
        Path folder = copyOfShippedMigrations();
        Path db = dir.resolve("phasebot.db");
        migrate(db, folder);
        Files.writeString(
                folder.resolve("V900__a_name_no_code_knows.sql"), "CREATE TABLE eight (id INTEGER PRIMARY KEY);\n");
        Files.writeString(folder.resolve("V901__another.sql"), "INSERT INTO eight(id) VALUES (9);\n");

        Migrations.Outcome outcome = migrate(db, folder);

        assertEquals(List.of("900", "901"), outcome.applied());
        assertEquals("901", outcome.version());
        assertEquals(List.of("9"), column(db, "SELECT id FROM eight"));
    }

    @Test
    void aFailingMigrationLeavesNothingOfItselfBehindAndRunsAgainOnceFixed() throws Exception {
        Path folder = copyOfShippedMigrations();
        Path db = dir.resolve("phasebot.db");
        migrate(db, folder);
        Path eight = folder.resolve("V900__half.sql");
        Files.writeString(eight, "CREATE TABLE half (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n");

        MigrationException failed = assertThrows(MigrationException.class, () -> migrate(db, folder));

        assertTrue(
                failed.getMessage().startsWith("cannot migrate the database: ")
                        && failed.getMessage().contains("V900__half.sql")
                        && failed.getMessage().contains("no such table: no_such_table"),
                failed.getMessage());
        assertEquals(List.of(), column(db, "SELECT name FROM sqlite_master WHERE name = 'half'"));
        assertEquals(
                List.of(last(shippedVersions())),
                column(db, "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history"));
        Files.writeString(eight, "CREATE TABLE half (id INTEGER);\n");
        assertEquals(List.of("900"), migrate(db, folder).applied());
    }

    @Test
    void migrationsRunWithForeignKeysEnforced() throws Exception {
        Path folder = copyOfShippedMigrations();
        Path db = dir.resolve("phasebot.db");
        Files.writeString(
                folder.resolve("V900__orphan.sql"),
                "INSERT INTO incident_milestone(incident_id, idx, name, act, due_at) VALUES (999, 1, 'ack', 'page', 0);\n");

        MigrationException failed = assertThrows(MigrationException.class, () -> migrate(db, folder));

        assertTrue(failed.getMessage().contains("FOREIGN KEY constraint failed"), failed.getMessage());
    }

    private static Migrations.Outcome migrate(Path db, Path folder) {
        return new Migrations(Database.dataSource(db), "filesystem:" + folder).migrate();
    }

    private static void edit(Path migration) throws IOException {
        String sql = Files.readString(migration, StandardCharsets.UTF_8);
        Files.writeString(migration, sql.replaceFirst("TEXT NOT NULL", "TEXT"), StandardCharsets.UTF_8);
        assertFalse(sql.equals(Files.readString(migration, StandardCharsets.UTF_8)), "the fixture edited " + migration);
    }

    private Path copyOfShippedMigrations() throws IOException, URISyntaxException {
        Path folder = Files.createDirectories(dir.resolve("migration"));
        for (Path file : shippedFiles()) {
            Files.copy(file, folder.resolve(file.getFileName().toString()));
        }
        return folder;
    }

    /** The files in db/migration as the build copied them, found by listing the folder. */
    private static List<Path> shippedFiles() throws IOException, URISyntaxException {
        Path folder = Path.of(MigrationsTest.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql"))
                    .toList();
        }
    }

    private static List<String> shippedVersions() throws IOException, URISyntaxException {
        return shippedFiles().stream()
                .map(f -> f.getFileName().toString())
                .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                .sorted(Comparator.naturalOrder())
                .map(String::valueOf)
                .toList();
    }

    @Test
    void dependenciesAndGateBlocksKeepTheOrderTheyWereWrittenInThroughV11() throws Exception {
        Path db = dir.resolve("phasebot.db");
        org.flywaydb.core.Flyway.configure()
                .dataSource(Database.dataSource(db))
                .locations(Migrations.LOCATION)
                .target("10")
                .load()
                .migrate();
        try (Connection connection = Database.dataSource(db).getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO task(id, title, priority, risk, owner, due, source, position) "
                    + "VALUES ('T5', 'Testing', 'HIGH', 'MEDIUM', 'qa-engineer', 'Week 2', 'config', 5)");
            sql.execute("INSERT INTO task_dependency(task_id, depends_on, source) VALUES ('T5', 'gate:1', 'config')");
            sql.execute("INSERT INTO task_dependency(task_id, depends_on, source) VALUES ('T5', 'T3', 'config')");
            sql.execute("INSERT INTO task_dependency(task_id, depends_on, source) VALUES ('T5', 'T1', 'slack')");
            sql.execute(
                    "INSERT INTO gate(number, name, owner, due) VALUES (1, 'Security', 'python-ml-fintech-reviewer', '72h')");
            sql.execute("INSERT INTO gate_block(gate_number, blocks) VALUES (1, 'T9')");
            sql.execute("INSERT INTO gate_block(gate_number, blocks) VALUES (1, 'all-other-work')");
        }

        new Migrations(Database.dataSource(db), Migrations.LOCATION).migrate();

        assertEquals(
                List.of("gate:1", "T3", "T1"),
                column(db, "SELECT depends_on FROM task_dependency WHERE task_id = 'T5' ORDER BY ord"));
        assertEquals(
                List.of("3", "2"),
                column(
                        db,
                        "SELECT count(DISTINCT ord) FROM task_dependency UNION ALL "
                                + "SELECT count(DISTINCT ord) FROM gate_block"),
                "each row has a place of its own, not the column's default");
        assertEquals(
                List.of("T9", "all-other-work"),
                column(db, "SELECT blocks FROM gate_block WHERE gate_number = 1 ORDER BY ord"));
    }

    private static String last(List<String> list) {
        return list.get(list.size() - 1);
    }

    private static List<String> columns(Path db, String table) throws SQLException {
        return column(db, "SELECT name FROM pragma_table_info('" + table + "')");
    }

    private static List<String> column(Path db, String sql) throws SQLException {
        try (Connection connection = Database.dataSource(db).getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
