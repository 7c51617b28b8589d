package dev.phasebot.store;

/** A database failure: the transaction it happened in was rolled back. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
