package dev.phasebot.store;

/**
 * The schema cannot be brought up to date, so the bot must not start. The message is one line
 * that says which migration and what to do; it carries no cause on purpose, because the start-up
 * line would print every cause after it, and Flyway's own text runs to a dozen lines (it is
 * logged once where it is caught instead).
 */
public final class MigrationException extends RuntimeException {

    public MigrationException(String message) {
        super(message, null, false, false);
    }
}
