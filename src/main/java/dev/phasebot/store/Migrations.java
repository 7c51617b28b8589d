package dev.phasebot.store;

import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the SQLite file to the newest schema with Flyway. Every {@code V<n>__<name>.sql} in
 * {@code db/migration} is found by scanning the folder, so a new migration is a new file and
 * nothing else; each runs in its own transaction and is recorded with its checksum in
 * {@code flyway_schema_history}. Released migrations are never edited: at every start Flyway
 * checks the files against those checksums, and an edited one stops the bot.
 *
 * <p>SQLite support is built into flyway-core (its {@code internal.database.sqlite} plugin,
 * found through {@code META-INF/services}); no other Flyway artifact is needed.
 */
final class Migrations {

    static final String LOCATION = "classpath:db/migration";
    /**
     * The same versions for PostgreSQL (the store of teams that run replicas): each file the
     * twin of SQLite's, held to it by PostgresMigrationsTest. Not under {@code db/migration}, whose
     * scan would find it.
     */
    static final String POSTGRESQL_LOCATION = "classpath:db/postgresql";

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private final DataSource dataSource;
    private final String[] locations;

    /** Migrations from {@code locations} (Flyway's syntax: {@code classpath:...}, {@code filesystem:...}). */
    Migrations(DataSource dataSource, String... locations) {
        this.dataSource = dataSource;
        this.locations = locations.clone();
    }

    /** What a run did, for the log and for tests. */
    record Outcome(List<String> applied, String version) {}

    Outcome migrate() {
        Flyway flyway = configure().load();
        MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (FlywayValidateException e) {
            log.error("{}", e.getMessage());
            throw refusal(flyway, e);
        } catch (FlywayException e) {
            log.error("{}", e.getMessage());
            throw new MigrationException("cannot migrate the database: " + firstLine(e.getMessage()) + rootCause(e));
        }
        List<String> applied = result.migrations.stream().map(m -> m.version).toList();
        for (MigrateOutput migration : result.migrations) {
            log.info(
                    "applied migration V{} ({}) in {} ms",
                    migration.version,
                    migration.description,
                    migration.executionTime);
        }
        String version = applied.isEmpty() ? result.initialSchemaVersion : result.targetSchemaVersion;
        if (applied.isEmpty()) {
            log.info("schema up to date at V{}", version);
        }
        return new Outcome(applied, version);
    }

    private FluentConfiguration configure() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(locations)
                // Already Flyway's default; said here because clean would drop every table of the bot's state.
                .cleanDisabled(true)
                .validateOnMigrate(true);
    }

    /** Says in one line which released migration no longer matches this database, and what to do. */
    private static MigrationException refusal(Flyway flyway, FlywayValidateException e) {
        List<ValidateOutput> invalid = flyway.validateWithResult().invalidMigrations.stream()
                // Pending migrations show up here too; migrate applies them, they are no fault.
                .filter(m -> m.errorDetails.errorCode != CoreErrorCode.RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED)
                .toList();
        if (invalid.isEmpty()) {
            return new MigrationException("migrations failed validation: " + firstLine(e.getMessage()));
        }
        ValidateOutput first = invalid.get(0);
        String file = first.filepath == null || first.filepath.isBlank()
                ? "its file"
                : first.filepath.substring(first.filepath.lastIndexOf('/') + 1);
        String what;
        if (first.errorDetails.errorCode == CoreErrorCode.CHECKSUM_MISMATCH) {
            what = "was changed after it was applied: " + file + " no longer matches the checksum this database "
                    + "recorded; put the released file back and make the change in a new migration";
        } else if (first.errorDetails.errorCode == CoreErrorCode.APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED) {
            what = "was applied to this database but is missing from this build; put the released file back";
        } else if (first.errorDetails.errorCode == CoreErrorCode.DESCRIPTION_MISMATCH) {
            what = "was renamed after it was applied (now " + file + "); put the released name back";
        } else {
            what = "does not match this database: " + firstLine(first.errorDetails.errorMessage);
        }
        String more = invalid.size() == 1
                ? ""
                : " (also " + invalid.stream().skip(1).map(m -> "V" + m.version).collect(Collectors.joining(", "))
                        + ")";
        return new MigrationException("migration V" + first.version + " " + what + more);
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("");
    }

    /** The database's own words for what failed, which Flyway buries below its banner. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? "" : ": " + firstLine(root.getMessage());
    }
}
