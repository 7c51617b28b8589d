package dev.phasebot.mcp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tool call's arguments as the model sent them. Only what goes into the URL is read here;
 * body fields pass through untouched, so the API judges them and names the field it refuses
 * (a misspelt argument included), exactly as it does for any other caller.
 */
record ToolArgs(Map<String, Object> values) {

    ToolArgs {
        values = values == null ? Map.of() : new LinkedHashMap<>(values);
    }

    /** A required part of the path ({@code id} in {@code /incidents/{id}}), encoded for it. */
    String segment(String name) {
        return encode(optional(name).orElseThrow(() -> new ToolInputException(name, name + " is required")));
    }

    /** An optional value as text, for the query; a whole number is written without a fraction. */
    Optional<String> optional(String name) {
        Object value = values.get(name);
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return Optional.of(Long.toString(number.longValue()));
        }
        return Optional.ofNullable(value)
                .map(String::valueOf)
                .map(String::strip)
                .filter(v -> !v.isEmpty());
    }

    /** The arguments other than {@code inPath}: the JSON body. */
    Map<String, Object> bodyWithout(String... inPath) {
        Map<String, Object> body = new LinkedHashMap<>(values);
        body.keySet().removeAll(List.of(inPath));
        // An argument the model sent as null means "not given", which the API reads the same way.
        body.values().removeIf(v -> v == null);
        return body;
    }

    static String encode(String part) {
        // URLEncoder writes form encoding; in a path a space must be %20, not +.
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
