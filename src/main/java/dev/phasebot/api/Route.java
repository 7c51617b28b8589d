package dev.phasebot.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One endpoint: its method and path under {@code /api/v1} (with {@code {name}} segments), its
 * OpenAPI operation id, the body fields it accepts, and what it does.
 */
record Route(String method, String path, String operationId, List<String> bodyFields, Endpoint endpoint) {

    Route {
        bodyFields = List.copyOf(bodyFields);
    }

    /** What an endpoint does with a call it may serve; the value is answered as JSON. */
    @FunctionalInterface
    interface Endpoint {
        Object serve(EndpointCall call);
    }

    /** The path parameters when {@code path} (under the prefix) is this route's, e.g. {@code {id=3}}. */
    Optional<Map<String, String>> match(String requested) {
        String[] want = path.split("/");
        String[] got = requested.split("/", -1);
        if (want.length != got.length) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (got[i].isEmpty()) {
                    return Optional.empty();
                }
                params.put(want[i].substring(1, want[i].length() - 1), decoded(got[i]));
            } else if (!want[i].equals(got[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /**
     * A path segment as its sender meant it: {@code AlphaPy%20Phase%202} is a phase's full name.
     * A {@code +} stays itself (that is a query's space, not a path's); a malformed escape is
     * kept as sent, so the endpoint says what it cannot read.
     */
    private static String decoded(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    /** The path's parameter names, in order. */
    List<String> pathParameters() {
        List<String> names = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.startsWith("{")) {
                names.add(segment.substring(1, segment.length() - 1));
            }
        }
        return names;
    }
}
