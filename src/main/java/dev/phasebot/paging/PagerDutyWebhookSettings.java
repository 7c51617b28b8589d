package dev.phasebot.paging;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * PagerDuty's webhooks into phasebot, from the environment only (secrets never live in the
 * config file). {@code PHASEBOT_PAGERDUTY_WEBHOOK_SECRET} (the v3 subscription's signing secret)
 * turns {@code POST /pagerduty/webhook} on; {@code PHASEBOT_PAGERDUTY_API_TOKEN} lets a PagerDuty
 * user be matched to an agent by e-mail through PagerDuty's REST API at
 * {@code PHASEBOT_PAGERDUTY_API_URL} (PagerDuty's own by default).
 *
 * @param apiToken null when users are mapped by config only
 */
public record PagerDutyWebhookSettings(String secret, String apiToken, URI apiUrl) {

    public static final String DEFAULT_API_URL = "https://api.pagerduty.com";

    /** Empty when no webhook secret is set: the path then answers 404, as any unknown one. */
    public static Optional<PagerDutyWebhookSettings> fromEnvironment(Map<String, String> env) {
        String secret = blankToNull(env.get("PHASEBOT_PAGERDUTY_WEBHOOK_SECRET"));
        if (secret == null) {
            return Optional.empty();
        }
        String url = Optional.ofNullable(blankToNull(env.get("PHASEBOT_PAGERDUTY_API_URL")))
                .orElse(DEFAULT_API_URL);
        URI apiUrl;
        try {
            apiUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            apiUrl = null;
        }
        if (apiUrl == null
                || apiUrl.getHost() == null
                || !("https".equals(apiUrl.getScheme()) || "http".equals(apiUrl.getScheme()))) {
            throw new IllegalStateException("PHASEBOT_PAGERDUTY_API_URL must be an http(s) URL like " + DEFAULT_API_URL
                    + ", got '" + url + "'");
        }
        return Optional.of(
                new PagerDutyWebhookSettings(secret, blankToNull(env.get("PHASEBOT_PAGERDUTY_API_TOKEN")), apiUrl));
    }

    /** Names no secret: settings end up in logs and exception messages. */
    @Override
    public String toString() {
        return "PagerDutyWebhookSettings[apiUrl=" + apiUrl + ", apiToken " + (apiToken == null ? "unset" : "set") + "]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
