package dev.phasebot.mcp;

/** A tool's arguments cannot be made into an API call (a path part is missing); names the argument. */
final class ToolInputException extends RuntimeException {

    private final String field;

    ToolInputException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
