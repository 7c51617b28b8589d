package dev.phasebot.ops;

/** An answer of the operations endpoints: status, content type and body, ready to write. */
public record Page(int status, String contentType, String body) {

    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";
    /** Prometheus's text exposition format, version 0.0.4. */
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
}
