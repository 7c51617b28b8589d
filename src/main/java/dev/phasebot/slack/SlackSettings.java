package dev.phasebot.slack;

import java.util.Map;

/**
 * Slack's settings, from the environment only (Bolt's names): secrets never live in the
 * config file. With {@code SLACK_APP_TOKEN} the bot connects out over Socket Mode and needs
 * no public request URL; otherwise Slack calls it over HTTP, and every request must be signed.
 */
public record SlackSettings(
        String botToken, String signingSecret, String appToken, String apiUrl, String host, int port) {

    /** Over HTTP, as tests and most deployments run it. */
    public static SlackSettings http(String botToken, String signingSecret, String apiUrl, String host, int port) {
        return new SlackSettings(botToken, signingSecret, null, apiUrl, host, port);
    }

    public boolean socketMode() {
        return appToken != null;
    }

    /** Null when there is no bot token: the bot then runs on the console. */
    public static SlackSettings fromEnvironment(Map<String, String> env) {
        String token = blankToNull(env.get("SLACK_BOT_TOKEN"));
        if (token == null) {
            return null;
        }
        String secret = blankToNull(env.get("SLACK_SIGNING_SECRET"));
        String appToken = blankToNull(env.get("SLACK_APP_TOKEN"));
        if (appToken != null && !appToken.startsWith("xapp-")) {
            throw new IllegalStateException("SLACK_APP_TOKEN must be an app-level token (xapp-...) with the "
                    + "connections:write scope, from Basic Information > App-Level Tokens.");
        }
        if (secret == null && appToken == null) {
            throw new IllegalStateException("SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is not: phasebot "
                    + "refuses to accept unsigned requests. Set SLACK_SIGNING_SECRET to your app's signing secret "
                    + "(Basic Information > App Credentials), or SLACK_APP_TOKEN for Socket Mode, or unset "
                    + "SLACK_BOT_TOKEN to use the console.");
        }
        int port;
        try {
            port = Integer.parseInt(env.getOrDefault("PORT", "3000").strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("PORT must be a number, got '" + env.get("PORT") + "'");
        }
        return new SlackSettings(
                token,
                secret,
                appToken,
                blankToNull(env.get("SLACK_API_URL")),
                env.getOrDefault("PHASEBOT_HOST", "0.0.0.0"),
                port);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
