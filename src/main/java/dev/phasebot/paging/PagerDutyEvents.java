package dev.phasebot.paging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasebot.message.Page;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;

/**
 * PagerDuty's Events API v2: a page is a {@code trigger}, then {@code acknowledge} and
 * {@code resolve}, all under one dedup key per incident, so PagerDuty keeps one alert for it
 * however often phasebot pages (a reminder is a new entry in that alert's log, not a new alert).
 * Who is called is PagerDuty's own escalation policy; the agent phasebot has on call goes in the
 * custom details.
 */
final class PagerDutyEvents implements Pagers.Pager {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The Events API's limit on a summary. */
    static final int MAX_SUMMARY = 1024;

    private final URI url;
    private final String routingKey;
    private final Duration timeout;

    PagerDutyEvents(URI url, String routingKey, Duration timeout) {
        this.url = url;
        this.routingKey = routingKey;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "PagerDuty";
    }

    @Override
    public HttpRequest request(long deliveryId, Page page) {
        return HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "phasebot")
                .POST(HttpRequest.BodyPublishers.ofString(body(page)))
                .build();
    }

    String body(Page page) {
        ObjectNode event = JSON.createObjectNode();
        event.put("routing_key", routingKey);
        event.put("event_action", action(page.event()));
        event.put("dedup_key", page.dedupKey());
        if (page.event() == Page.Event.PAGE) {
            event.put("client", "phasebot");
            ObjectNode payload = event.putObject("payload");
            String summary = page.summary();
            payload.put("summary", summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) : summary);
            payload.put("source", "phasebot");
            payload.put("severity", severity(page.severity()));
            payload.put("timestamp", page.at().toString());
            payload.put("class", page.security() ? "security incident" : "incident");
            if (page.milestone() != null) {
                payload.put("component", page.milestone());
            }
            ObjectNode details = payload.putObject("custom_details");
            details.put("incident", page.incident());
            if (page.title() != null) {
                details.put("title", page.title());
            }
            if (page.milestone() != null) {
                details.put("milestone", page.milestone());
                details.put("due", page.due().toString());
            }
            if (page.person() != null) {
                details.put("on_call", page.person());
            }
            if (page.email() != null) {
                details.put("on_call_email", page.email());
            }
            details.put("where", page.where());
        }
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String action(Page.Event event) {
        return switch (event) {
            case PAGE -> "trigger";
            case ACKNOWLEDGE -> "acknowledge";
            case RESOLVE -> "resolve";
        };
    }

    /** The plan's priorities on PagerDuty's four severities. */
    static String severity(String priority) {
        return switch (priority.toUpperCase(Locale.ROOT)) {
            case "CRITICAL" -> "critical";
            case "HIGH" -> "error";
            case "MEDIUM" -> "warning";
            default -> "info";
        };
    }
}
