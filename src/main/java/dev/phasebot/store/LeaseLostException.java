package dev.phasebot.store;

/**
 * Work only the leader may do was refused: this replica is not the leader (any more). Its
 * transaction rolls back, and the leader does the work instead.
 */
public final class LeaseLostException extends RuntimeException {

    public LeaseLostException(String database) {
        super(
                "this replica does not hold the lease on " + database + ": the leader does this work",
                null,
                false,
                false);
    }
}
