package dev.phasebot.mcp;

import java.util.Map;

/** One call to the agent API: {@code path} is under {@code /api/v1}; {@code body} is null for a GET. */
record ApiRequest(String method, String path, Map<String, Object> body) {

    static ApiRequest get(String path) {
        return new ApiRequest("GET", path, null);
    }

    static ApiRequest post(String path, Map<String, Object> body) {
        return new ApiRequest("POST", path, Map.copyOf(body));
    }
}
