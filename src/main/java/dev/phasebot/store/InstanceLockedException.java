package dev.phasebot.store;

import java.nio.file.Path;

/** Another phasebot runs on this database; the message names it and what to do. */
public final class InstanceLockedException extends RuntimeException {

    public InstanceLockedException(Path databaseFile, String holder) {
        this(databaseFile.toString(), holder);
    }

    /** {@code database} as the operator named it: a file, or a PostgreSQL database without its password. */
    public InstanceLockedException(String database, String holder) {
        super(
                database + " is in use by another phasebot (" + holder + "). Stop that one first, "
                        + "or start this one with PHASEBOT_STANDBY=true to take over when it stops.",
                null,
                false,
                false);
    }
}
