package dev.phasebot.api;

import java.util.Map;

/**
 * An answer other than 200 that the API gives on purpose: its status, what was wrong, the
 * field, if one, and the headers HTTP asks of that status ({@code Allow} on a 405,
 * {@code WWW-Authenticate} on a 401).
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final String field;
    private final Map<String, String> headers;

    ApiException(int status, String message, String field) {
        this(status, message, field, Map.of());
    }

    ApiException(int status, String message, String field, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.headers = Map.copyOf(headers);
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

    /** Header name to value, sent with the answer. */
    Map<String, String> headers() {
        return headers;
    }
}
