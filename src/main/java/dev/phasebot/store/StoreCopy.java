package dev.phasebot.store;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;

/**
 * {@code phasebot.jar copy-to <jdbc-url>}: moves a team from the SQLite file to PostgreSQL.
 * The file ({@code PHASEBOT_DB}) is migrated to the newest schema first, so an old one copies
 * too; the target gets its schema from its own migrations, then every row of every table in
 * one transaction, each table's count checked, and every identity sequence set past the
 * copied ids, so the next incident number follows the last copied one.
 *
 * <p>Only an empty target is written to: one that holds any row, or a schema newer than this
 * build's, is refused before anything is written, so a copy can never mix two teams' state or
 * overwrite a database already in use. The file must not be in use either: the copy takes its
 * {@link InstanceLock}, as a starting phasebot does, and a bot writing while it is read would
 * leave PostgreSQL behind.
 */
public final class StoreCopy {

    public static final String USAGE = "usage: java -jar phasebot.jar copy-to jdbc:postgresql://host:5432/name";

    /** Main's exit codes: a copy is one more way the jar can stop. */
    static final int FAILED = 1;

    static final int BAD_SETUP = 2;
    static final int DATABASE_IN_USE = 3;

    /** Flyway's bookkeeping: the target has its own, written by its own migrations. */
    private static final String HISTORY = "flyway_schema_history";

    private static final int BATCH = 500;

    private final Path source;
    private final Target target;

    /** Where to copy to: the URL as given (it may carry user and password), or them beside it. */
    public record Target(String url, String user, String password) {

        /** The URL without its parameters, which may hold a password: how messages name it. */
        String name() {
            return url.replaceAll("\\?.*$", "");
        }
    }

    /** Why a copy was not made, in one line, and the exit code that says so. */
    public static final class Refused extends RuntimeException {

        private final int exitCode;

        Refused(int exitCode, String message) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    public StoreCopy(Path source, Target target) {
        this.source = source;
        this.target = target;
    }

    /**
     * The command: {@code args} are the words after {@code copy-to}, {@code env} names the file
     * and the role. Prints one line per table with its count and returns 0, or says in one line
     * on {@code err} why not and returns Main's exit code for it.
     */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.size() != 1 || !args.get(0).startsWith("jdbc:postgresql:")) {
            err.println("phasebot: " + USAGE);
            return BAD_SETUP;
        }
        String where = env.getOrDefault("PHASEBOT_DB", "data/phasebot.db");
        if (where.startsWith("jdbc:")) {
            err.println("phasebot: copy-to copies the SQLite file that PHASEBOT_DB names, and PHASEBOT_DB is a URL");
            return BAD_SETUP;
        }
        Target target = new Target(args.get(0), env.get("PHASEBOT_DB_USER"), env.get("PHASEBOT_DB_PASSWORD"));
        try {
            Map<String, Long> counts = new StoreCopy(Path.of(where), target).copy();
            counts.forEach((table, rows) -> out.println(String.format("%-24s %d", table, rows)));
            return 0;
        } catch (Refused e) {
            err.println("phasebot: " + e.getMessage());
            return e.exitCode();
        } catch (InstanceLockedException e) {
            err.println("phasebot: " + e.getMessage());
            return DATABASE_IN_USE;
        } catch (RuntimeException e) {
            // MigrationException, StoreException, UncheckedIOException: each says what in its message.
            err.println("phasebot: copy-to " + target.name() + " failed: " + oneLine(e));
            return FAILED;
        }
    }

    /**
     * Copies the file into the target and returns each table's row count, by table name.
     *
     * @throws Refused when the file is missing or the target is not empty, with nothing written
     * @throws InstanceLockedException when a phasebot runs on the file
     */
    // The lock is held for the length of the copy and never referenced in it.
    @SuppressWarnings("try")
    public Map<String, Long> copy() {
        if (!Files.isRegularFile(source)) {
            // Database.open would create an empty file, and copy nothing without a word.
            throw new Refused(
                    BAD_SETUP, source + " does not exist: set PHASEBOT_DB to the SQLite file of the phasebot to copy");
        }
        try (InstanceLock held = InstanceLock.acquire(source)) {
            // Brings an old file to the newest schema, which is the one the target is given.
            Database.open(source).close();
            PGSimpleDataSource pg = dataSource(target);
            try (Connection to = pg.getConnection()) {
                refuseUnlessEmpty(to, pg);
                new Migrations(pg, Dialect.POSTGRESQL.migrations).migrate();
                return copyRows(to);
            }
        } catch (SQLException e) {
            throw new Refused(FAILED, "cannot copy to " + target.name() + ": " + oneLine(e));
        } catch (UncheckedIOException e) {
            throw new Refused(FAILED, oneLine(e));
        }
    }

    private static PGSimpleDataSource dataSource(Target target) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(target.url());
        // Only when given: a null here would drop what the URL says.
        if (target.user() != null) {
            pg.setUser(target.user());
        }
        if (target.password() != null) {
            pg.setPassword(target.password());
        }
        pg.setApplicationName("phasebot copy-to");
        return pg;
    }

    /**
     * Refuses a target that holds a row in any table, foreign tables in a schema phasebot did not
     * make, or a schema newer than this build's; reads only, so a refusal writes nothing.
     */
    private void refuseUnlessEmpty(Connection to, PGSimpleDataSource pg) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Statement sql = to.createStatement();
                ResultSet rs = sql.executeQuery("SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (tables.isEmpty()) {
            return;
        }
        if (!tables.contains(HISTORY)) {
            throw new Refused(
                    FAILED,
                    target.name() + " already holds tables that phasebot did not create (" + String.join(", ", tables)
                            + "): copy-to writes only into an empty database");
        }
        for (MigrationInfo applied : Flyway.configure()
                .dataSource(pg)
                .locations(Dialect.POSTGRESQL.migrations)
                .load()
                .info()
                .applied()) {
            if (applied.getState() == MigrationState.FUTURE_SUCCESS
                    || applied.getState() == MigrationState.FUTURE_FAILED) {
                throw new Refused(
                        FAILED,
                        target.name() + " has a newer schema (V" + applied.getVersion()
                                + ") than this phasebot: copy with the phasebot that made it, into an empty database");
            }
        }
        tables.remove(HISTORY);
        for (String table : tables) {
            long rows = count(to, table);
            if (rows > 0) {
                throw new Refused(FAILED, notEmpty(table, rows));
            }
        }
    }

    private String notEmpty(String table, long rows) {
        return target.name() + " is not empty (" + table + " holds " + rows + (rows == 1 ? " row" : " rows")
                + "): copy-to writes only into an empty database, so nothing was copied";
    }

    /** The copy itself: one transaction on the target, all of it or none of it. */
    private Map<String, Long> copyRows(Connection to) throws SQLException {
        SQLiteConfig.TransactionMode deferred = SQLiteConfig.TransactionMode.DEFERRED;
        try (Connection from = Database.dataSource(source, deferred).getConnection()) {
            // One read transaction: every table as of one moment.
            from.setAutoCommit(false);
            to.setAutoCommit(false);
            try {
                try (Statement lock = to.createStatement()) {
                    // A phasebot started on the target meanwhile writes after the copy, or not at all.
                    lock.execute(Dialect.POSTGRESQL.lockWrites);
                }
                Map<String, Long> counts = new TreeMap<>();
                for (String table : inForeignKeyOrder(from)) {
                    counts.put(table, copyTable(from, to, table));
                }
                to.commit();
                return counts;
            } catch (SQLException | RuntimeException e) {
                to.rollback();
                throw e;
            } finally {
                from.rollback();
            }
        }
    }

    /** The file's tables, each after every table its foreign keys name, so the target's checks pass. */
    private static List<String> inForeignKeyOrder(Connection from) throws SQLException {
        Map<String, Set<String>> references = new TreeMap<>();
        try (Statement sql = from.createStatement();
                ResultSet rs = sql.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                        + "AND name NOT LIKE 'sqlite_%' AND name <> '" + HISTORY + "' ORDER BY name")) {
            while (rs.next()) {
                references.put(rs.getString(1), new TreeSet<>());
            }
        }
        for (Map.Entry<String, Set<String>> table : references.entrySet()) {
            try (Statement sql = from.createStatement();
                    ResultSet rs = sql.executeQuery("PRAGMA foreign_key_list(" + quote(table.getKey()) + ")")) {
                while (rs.next()) {
                    String parent = rs.getString("table");
                    if (!parent.equals(table.getKey()) && references.containsKey(parent)) {
                        table.getValue().add(parent);
                    }
                }
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        while (ordered.size() < references.size()) {
            int before = ordered.size();
            references.forEach((table, parents) -> {
                if (!ordered.contains(table) && ordered.containsAll(parents)) {
                    ordered.add(table);
                }
            });
            if (ordered.size() == before) {
                // SQLite would not let such a file be written with its foreign keys enforced.
                throw new Refused(FAILED, "the tables' foreign keys form a cycle: " + references);
            }
        }
        return new ArrayList<>(ordered);
    }

    /** A column of the target: its type decides how the file's value is bound. */
    private record Column(String name, String type, boolean identity) {}

    private long copyTable(Connection from, Connection to, String table) throws SQLException {
        Map<String, Column> targetColumns = targetColumns(to, table);
        if (targetColumns.isEmpty()) {
            throw new Refused(
                    FAILED,
                    "the PostgreSQL schema has no table " + table + " although the file's has: nothing was copied");
        }
        long already = count(to, table);
        if (already > 0) {
            // Written since the first look, by a phasebot started on the target meanwhile.
            throw new Refused(FAILED, notEmpty(table, already));
        }
        List<Column> columns = new ArrayList<>();
        try (Statement sql = from.createStatement();
                ResultSet rs = sql.executeQuery("PRAGMA table_info(" + quote(table) + ")")) {
            while (rs.next()) {
                String name = rs.getString("name");
                Column column = targetColumns.get(name);
                if (column == null) {
                    throw new Refused(
                            FAILED,
                            "the PostgreSQL schema has no column " + table + "." + name
                                    + " although the file's has: nothing was copied");
                }
                columns.add(column);
            }
        }
        List<String> names = columns.stream().map(c -> quote(c.name())).toList();
        boolean identity = columns.stream().anyMatch(Column::identity);
        String insert = "INSERT INTO " + quote(table) + " (" + String.join(", ", names) + ")"
                // An identity column GENERATED ALWAYS takes the copied id only when told to.
                + (identity ? " OVERRIDING SYSTEM VALUE" : "")
                + " VALUES (" + String.join(", ", names.stream().map(n -> "?").toList()) + ")";
        long copied = 0;
        try (Statement select = from.createStatement();
                ResultSet rows = select.executeQuery("SELECT " + String.join(", ", names) + " FROM " + quote(table));
                PreparedStatement into = to.prepareStatement(insert)) {
            while (rows.next()) {
                for (int i = 0; i < columns.size(); i++) {
                    bind(into, i + 1, columns.get(i), rows.getObject(i + 1), table);
                }
                into.addBatch();
                if (++copied % BATCH == 0) {
                    into.executeBatch();
                }
            }
            into.executeBatch();
        }
        long inFile = count(from, table);
        long inTarget = count(to, table);
        if (inFile != copied || inTarget != copied) {
            throw new Refused(
                    FAILED,
                    table + ": the file holds " + inFile + " rows, " + copied + " were read and the target holds "
                            + inTarget + "; nothing was copied");
        }
        for (Column column : columns) {
            continueSequence(to, table, column);
        }
        return copied;
    }

    private static Map<String, Column> targetColumns(Connection to, String table) throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        try (PreparedStatement sql =
                to.prepareStatement("SELECT column_name, data_type, is_identity FROM information_schema.columns "
                        + "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")) {
            sql.setString(1, table);
            try (ResultSet rs = sql.executeQuery()) {
                while (rs.next()) {
                    columns.put(
                            rs.getString(1),
                            new Column(rs.getString(1), rs.getString(2), "YES".equals(rs.getString(3))));
                }
            }
        }
        return columns;
    }

    /**
     * Binds a value as the target column's type. SQLite keeps whatever was written, so a value of
     * another kind than the column's is refused rather than guessed at: nothing is copied wrong.
     */
    private static void bind(PreparedStatement into, int index, Column column, Object value, String table)
            throws SQLException {
        switch (column.type()) {
            case "bigint", "integer", "smallint" -> {
                if (value == null) {
                    into.setNull(index, Types.BIGINT);
                } else if (value instanceof Integer || value instanceof Long) {
                    into.setLong(index, ((Number) value).longValue());
                } else {
                    throw unlike(table, column, value);
                }
            }
            case "double precision", "real", "numeric" -> {
                if (value == null) {
                    into.setNull(index, Types.DOUBLE);
                } else if (value instanceof Number number) {
                    into.setDouble(index, number.doubleValue());
                } else {
                    throw unlike(table, column, value);
                }
            }
            // Flags are 0 and 1 on both stores (see Tx); a boolean column, should one appear, takes them too.
            case "boolean" -> {
                if (value == null) {
                    into.setNull(index, Types.BOOLEAN);
                } else if (value instanceof Integer || value instanceof Long) {
                    into.setBoolean(index, ((Number) value).longValue() != 0);
                } else {
                    throw unlike(table, column, value);
                }
            }
            case "text", "character varying", "character" -> {
                if (value == null) {
                    into.setNull(index, Types.VARCHAR);
                } else if (value instanceof String text) {
                    into.setString(index, text);
                } else {
                    throw unlike(table, column, value);
                }
            }
            case "bytea" -> {
                if (value == null) {
                    into.setNull(index, Types.BINARY);
                } else if (value instanceof byte[] bytes) {
                    into.setBytes(index, bytes);
                } else {
                    throw unlike(table, column, value);
                }
            }
            default ->
                throw new Refused(
                        FAILED,
                        "copy-to does not know how to copy " + table + "." + column.name() + " (" + column.type()
                                + "): nothing was copied");
        }
    }

    private static Refused unlike(String table, Column column, Object value) {
        String shown = String.valueOf(value);
        return new Refused(
                FAILED,
                table + "." + column.name() + " holds " + (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown)
                        + " (" + value.getClass().getSimpleName() + "), which is no " + column.type()
                        + ": nothing was copied");
    }

    /** Sets a generated column's sequence past the copied ids, so the next row gets the next number. */
    private static void continueSequence(Connection to, String table, Column column) throws SQLException {
        String sequence;
        try (PreparedStatement find = to.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
            find.setString(1, quote(table));
            find.setString(2, column.name());
            try (ResultSet rs = find.executeQuery()) {
                rs.next();
                sequence = rs.getString(1);
            }
        }
        if (sequence == null) {
            return;
        }
        // setval(.., false): the next value is this one, 1 for an empty table, as the file would give.
        try (PreparedStatement set = to.prepareStatement("SELECT setval(?::regclass, coalesce(max("
                + quote(column.name()) + "), 0) + 1, false) FROM " + quote(table))) {
            set.setString(1, sequence);
            set.executeQuery().close();
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement sql = connection.createStatement();
                ResultSet rs = sql.executeQuery("SELECT count(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.strip().lines().findFirst().orElse("");
    }
}
