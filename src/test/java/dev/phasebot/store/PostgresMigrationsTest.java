package dev.phasebot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.phasebot.support.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL's migrations (db/postgresql) are SQLite's (db/migration) in the other dialect: the
 * same versions, tables and columns, so one set of repositories serves both stores. A migration
 * added for one dialect only fails here.
 */
class PostgresMigrationsTest {

    @TempDir
    Path dir;

    @Test
    void postgresMigrationsBuildSQLitesTablesAndColumnsAtTheSameVersions() throws Exception {
        Path file = dir.resolve("phasebot.db");
        Migrations.Outcome sqlite = new Migrations(Database.dataSource(file), Migrations.LOCATION).migrate();
        PostgresServer.Database pg = PostgresServer.freshDatabase();
        Migrations.Outcome postgres = new Migrations(dataSource(pg), Migrations.POSTGRESQL_LOCATION).migrate();

        assertEquals(sqlite.applied(), postgres.applied(), "the same versions, in the same order");
        try (Connection lite = DriverManager.getConnection("jdbc:sqlite:" + file);
                Connection pgsql = DriverManager.getConnection(pg.url(), pg.user(), pg.password())) {
            Map<String, String> liteColumns = columns(lite.getMetaData(), null);
            Map<String, String> pgColumns = columns(pgsql.getMetaData(), "public");
            assertEquals(liteColumns.keySet(), pgColumns.keySet(), "the same tables and columns");
            // Epoch milliseconds do not fit PostgreSQL's 32-bit INTEGER: every SQLite INTEGER is a BIGINT there.
            liteColumns.forEach((column, type) -> {
                if (type.equals("integer")) {
                    assertEquals("int8", pgColumns.get(column), column + " is an integer in SQLite");
                }
            });
        }
    }

    @Test
    void postgresMigrationsRunAsAnOrdinaryRoleThatOwnsTheDatabase() throws Exception {
        PostgresServer.Database pg = PostgresServer.freshDatabase();
        new Migrations(dataSource(pg), Migrations.POSTGRESQL_LOCATION).migrate();

        Migrations.Outcome again = new Migrations(dataSource(pg), Migrations.POSTGRESQL_LOCATION).migrate();
        assertEquals(java.util.List.of(), again.applied(), "a second start applies nothing");
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            assertEquals(false, rs.getBoolean(1), "the role that migrated is no superuser");
        }
    }

    @Test
    void aCopyOfTheMigratedTemplateIsUpToDateAndEveryTableIsItsOrdinaryOwnersOwn() throws Exception {
        PostgresServer.Database pg = PostgresServer.migratedDatabase();

        Migrations.Outcome opened = new Migrations(dataSource(pg), Migrations.POSTGRESQL_LOCATION).migrate();

        assertEquals(java.util.List.of(), opened.applied(), "the history came along: nothing left to apply");
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT r.rolsuper, count(t.tablename), count(*) FILTER (WHERE t.tableowner "
                                + "<> current_user) FROM pg_roles r LEFT JOIN pg_tables t ON t.schemaname = "
                                + "'public' WHERE r.rolname = current_user GROUP BY r.rolsuper")) {
            rs.next();
            assertEquals(false, rs.getBoolean(1), "the owner is no superuser");
            assertEquals(true, rs.getInt(2) > 10, "the bot's tables are there: " + rs.getInt(2));
            assertEquals(0, rs.getInt(3), "every table belongs to the role the bot logs in as");
        }
    }

    private static PGSimpleDataSource dataSource(PostgresServer.Database pg) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(pg.url());
        source.setUser(pg.user());
        source.setPassword(pg.password());
        return source;
    }

    /** "table.column" to its type name, lower case, without Flyway's own table. */
    private static Map<String, String> columns(DatabaseMetaData meta, String schema) throws SQLException {
        Map<String, String> columns = new TreeMap<>();
        try (ResultSet rs = meta.getColumns(null, schema, "%", "%")) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!table.equals("flyway_schema_history") && !table.startsWith("sqlite_")) {
                    columns.put(
                            table + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                            rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return columns;
    }
}
