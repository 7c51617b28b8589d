package dev.phasebot.api;

/** An answer other than 200 that the API gives on purpose: its status, what was wrong, and the field, if one. */
final class ApiException extends RuntimeException {

    private final int status;
    private final String field;

    ApiException(int status, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    static ApiException badInput(String field, String message) {
        return new ApiException(400, message, field);
    }

    int status() {
        return status;
    }

    /** The input it concerns, or null. */
    String field() {
        return field;
    }
}
