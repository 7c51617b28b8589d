package dev.phasebot.paging;

import dev.phasebot.message.Destination;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pagers outside Slack, from the environment only (secrets never live in the config file):
 * PagerDuty's Events API v2 when {@code PHASEBOT_PAGERDUTY_ROUTING_KEY} is set, a signed webhook
 * when {@code PHASEBOT_WEBHOOK_URL} and {@code PHASEBOT_WEBHOOK_SECRET} are. A half set-up stops
 * the bot at start-up rather than leave pages silently unsent.
 */
public record PagingSettings(String routingKey, URI pagerDutyUrl, URI webhookUrl, String webhookSecret) {

    public static final URI PAGERDUTY_EVENTS = URI.create("https://events.pagerduty.com/v2/enqueue");
    /** Short secrets can be guessed offline from one signed delivery. */
    static final int MIN_SECRET_LENGTH = 16;

    /** No pager: pages go to Slack only. */
    public static PagingSettings none() {
        return new PagingSettings(null, PAGERDUTY_EVENTS, null, null);
    }

    public static PagingSettings fromEnvironment(Map<String, String> env) {
        String key = blankToNull(env.get("PHASEBOT_PAGERDUTY_ROUTING_KEY"));
        String pagerDutyUrl = blankToNull(env.get("PHASEBOT_PAGERDUTY_URL"));
        if (pagerDutyUrl != null && key == null) {
            throw new IllegalStateException("PHASEBOT_PAGERDUTY_URL is set but PHASEBOT_PAGERDUTY_ROUTING_KEY is not: "
                    + "set the routing key of your PagerDuty service's Events API v2 integration, or unset the URL.");
        }
        String webhook = blankToNull(env.get("PHASEBOT_WEBHOOK_URL"));
        String secret = blankToNull(env.get("PHASEBOT_WEBHOOK_SECRET"));
        if (webhook != null && secret == null) {
            throw new IllegalStateException("PHASEBOT_WEBHOOK_URL is set but PHASEBOT_WEBHOOK_SECRET is not: phasebot "
                    + "signs every page it sends; set a secret of at least " + MIN_SECRET_LENGTH
                    + " characters, shared with the receiver.");
        }
        if (secret != null && webhook == null) {
            throw new IllegalStateException(
                    "PHASEBOT_WEBHOOK_SECRET is set but PHASEBOT_WEBHOOK_URL is not: set the URL pages go to.");
        }
        if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException(
                    "PHASEBOT_WEBHOOK_SECRET must be at least " + MIN_SECRET_LENGTH + " characters long.");
        }
        return new PagingSettings(
                key,
                pagerDutyUrl == null ? PAGERDUTY_EVENTS : url("PHASEBOT_PAGERDUTY_URL", pagerDutyUrl),
                webhook == null ? null : url("PHASEBOT_WEBHOOK_URL", webhook),
                secret);
    }

    /** The pagers set up, in the order they are told. */
    public List<Destination.Pager> pagers() {
        List<Destination.Pager> pagers = new ArrayList<>();
        if (routingKey != null) {
            pagers.add(Destination.pager(Destination.Pager.PAGERDUTY));
        }
        if (webhookUrl != null) {
            pagers.add(Destination.pager(Destination.Pager.WEBHOOK));
        }
        return List.copyOf(pagers);
    }

    /** Never the routing key or the secret: this may end up in a log. */
    @Override
    public String toString() {
        return "PagingSettings[pagers=" + pagers() + "]";
    }

    private static URI url(String name, String value) {
        try {
            URI uri = new URI(value);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalStateException(name + " must be an http(s) URL, got '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(name + " must be an http(s) URL, got '" + value + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
