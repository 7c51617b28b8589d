package dev.phasebot.ops;

import java.util.Map;
import java.util.Optional;

/**
 * Where {@link AdminServer} listens: {@code PHASEBOT_ADMIN_PORT} on {@code PHASEBOT_HOST}.
 * Socket Mode listens on nothing else, so there it defaults to {@code PORT} (the port the
 * Dockerfile's HEALTHCHECK asks); on the console it opens only when asked for, so the
 * one-minute try-out on a laptop opens no port. Over HTTP the request port already serves the
 * pages, and the admin port is an extra (for instance to keep {@code /metrics} off a public URL).
 */
public record AdminSettings(String host, int port) {

    /** Empty when no admin port is wanted in this mode. */
    public static Optional<AdminSettings> fromEnvironment(Map<String, String> env, boolean socketMode) {
        String port = blankToNull(env.get("PHASEBOT_ADMIN_PORT"));
        if (port == null && socketMode) {
            port = blankToNull(env.getOrDefault("PORT", "3000"));
        }
        if (port == null) {
            return Optional.empty();
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("PHASEBOT_ADMIN_PORT must be a port number, got '" + port + "'");
        }
        if (number < 0 || number > 65535) {
            throw new IllegalStateException("PHASEBOT_ADMIN_PORT must be a port number (0-65535), got " + number);
        }
        return Optional.of(new AdminSettings(env.getOrDefault("PHASEBOT_HOST", "0.0.0.0"), number));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
