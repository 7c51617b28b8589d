package dev.phasebot.mcp;

import java.net.URI;
import java.util.Map;

/** Where the phasebot API is and whose token to present there. */
record McpSettings(URI url, String token) {

    /**
     * From {@code PHASEBOT_URL} and {@code PHASEBOT_TOKEN}.
     *
     * @throws IllegalArgumentException naming the variable that is missing or wrong
     */
    static McpSettings fromEnvironment(Map<String, String> env) {
        String url = env.getOrDefault("PHASEBOT_URL", "").strip();
        String token = env.getOrDefault("PHASEBOT_TOKEN", "").strip();
        if (url.isEmpty()) {
            throw new IllegalArgumentException(
                    "PHASEBOT_URL is not set: the phasebot to talk to, e.g. http://127.0.0.1:3000");
        }
        if (token.isEmpty()) {
            throw new IllegalArgumentException("PHASEBOT_TOKEN is not set: the agent's token, from /api token <agent>");
        }
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PHASEBOT_URL is not a URL: '" + url + "'");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "PHASEBOT_URL must be an http or https URL like http://127.0.0.1:3000, got '" + url + "'");
        }
        return new McpSettings(uri, token);
    }
}
