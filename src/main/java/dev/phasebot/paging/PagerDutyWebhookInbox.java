package dev.phasebot.paging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phasebot.incident.Act;
import dev.phasebot.incident.IncidentQueries;
import dev.phasebot.incident.IncidentResult.ActOutcome;
import dev.phasebot.incident.IncidentService;
import dev.phasebot.message.Refusal;
import dev.phasebot.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a PagerDuty webhook event does in phasebot, once its signature has been checked: an
 * incident acknowledged or resolved in PagerDuty is acknowledged or resolved here, by the agent
 * its PagerDuty user is ({@link PagerDutyUsers}), through {@link IncidentService} as if that
 * agent had typed it, so the same rules apply. Every event is answered as handled unless
 * phasebot itself failed: PagerDuty retries anything else, and a refusal will not change on a
 * retry. An event id already handled does nothing, whichever replica saw it first.
 */
public final class PagerDutyWebhookInbox {

    private static final Logger log = LoggerFactory.getLogger(PagerDutyWebhookInbox.class);
    /** The dedup key phasebot triggers each incident with in PagerDuty (dev.phasebot.paging, outbound). */
    static final Pattern INCIDENT_KEY = Pattern.compile("phasebot-incident-(\\d{1,18})");
    /** PagerDuty retries a delivery for far less than this; older event ids are forgotten. */
    static final Duration REMEMBERED = Duration.ofDays(30);

    private final Database database;
    private final IncidentService incidents;
    private final IncidentQueries queries;
    private final PagerDutyUsers users;
    private final MeterRegistry meters;
    private final Clock clock;

    public PagerDutyWebhookInbox(
            Database database,
            IncidentService incidents,
            IncidentQueries queries,
            PagerDutyUsers users,
            MeterRegistry meters,
            Clock clock) {
        this.database = database;
        this.incidents = incidents;
        this.queries = queries;
        this.users = users;
        this.meters = meters;
        this.clock = clock;
    }

    /** What became of one event; counted as {@code phasebot.pagerduty.webhook.events{outcome}}. */
    public enum Outcome {
        /** The incident was acknowledged or resolved in phasebot. */
        ACTED,
        /** Already acknowledged, resolved or cancelled here (phasebot's own acknowledge comes back so). */
        ALREADY_DONE,
        /** An event id handled before: a redelivery. */
        REPEATED,
        /** Another event type, another service's incident, or not done by a user. */
        IGNORED,
        /** Done by a PagerDuty user who is no agent in the config. */
        UNMAPPED,
        /** The agent may not do it (IncidentService refused); said in the log. */
        REFUSED
    }

    /**
     * Handles {@code event}, the payload's {@code event} object.
     *
     * @throws IllegalArgumentException when it lacks an id or an event_type (a malformed request)
     * @throws PagerDutyUsers.Unavailable when PagerDuty's API did not say who the user is: retry
     */
    public Outcome receive(JsonNode event) {
        Outcome outcome = handle(event);
        meters.counter(
                        "phasebot.pagerduty.webhook.events",
                        "outcome",
                        outcome.name().toLowerCase(java.util.Locale.ROOT))
                .increment();
        return outcome;
    }

    private Outcome handle(JsonNode event) {
        String eventId = text(event, "id");
        String type = text(event, "event_type");
        if (eventId == null || type == null) {
            throw new IllegalArgumentException("the event has no id or no event_type");
        }
        boolean acknowledged = "incident.acknowledged".equals(type);
        if (!acknowledged && !"incident.resolved".equals(type)) {
            log.debug(
                    "PagerDuty event {} ({}) ignored: only incident.acknowledged and incident.resolved act",
                    eventId,
                    type);
            return Outcome.IGNORED;
        }
        JsonNode data = event.path("data");
        String incidentKey = text(data, "incident_key");
        Matcher ours = incidentKey == null ? null : INCIDENT_KEY.matcher(incidentKey);
        if (ours == null || !ours.matches()) {
            log.info(
                    "PagerDuty event {} ({}) ignored: incident key {} is not one phasebot triggered",
                    eventId,
                    type,
                    incidentKey);
            return Outcome.IGNORED;
        }
        long id = Long.parseLong(ours.group(1));
        JsonNode agent = event.path("agent");
        String userId = text(agent, "id");
        if (userId == null || !"user_reference".equals(text(agent, "type"))) {
            // A service did it: phasebot's own acknowledge or resolve through the Events API, or an integration.
            log.info(
                    "PagerDuty event {} ({} of incident #{}) ignored: done by {}, not by a user",
                    eventId,
                    type,
                    id,
                    agent.isMissingNode() || agent.isNull() ? "nobody named" : text(agent, "type"));
            return Outcome.IGNORED;
        }
        Optional<String> mapped = users.agentFor(userId);
        if (mapped.isEmpty()) {
            log.warn(
                    "PagerDuty user {} ({}) {} incident #{} in PagerDuty, but is no phasebot agent: add it under "
                            + "paging.pagerduty_users in bot-config.yml (e.g. {}: <agent id>){}; nothing changed here",
                    userId,
                    text(agent, "summary"),
                    acknowledged ? "acknowledged" : "resolved",
                    id,
                    userId,
                    users.byEmail()
                            ? ", or give that agent the user's PagerDuty e-mail as email"
                            : ", or set PHASEBOT_PAGERDUTY_API_TOKEN to match users by e-mail");
            return Outcome.UNMAPPED;
        }
        String by = mapped.get();
        if (!firstSighting(eventId)) {
            log.info("PagerDuty event {} ({} of incident #{}) came again: done already", eventId, type, id);
            return Outcome.REPEATED;
        }
        try {
            return act(id, by, acknowledged, eventId, userId);
        } catch (RuntimeException e) {
            if (!(e instanceof Refusal)) {
                // phasebot failed, not the event: forget it, so PagerDuty's retry is acted on.
                database.run(tx -> tx.update("DELETE FROM pagerduty_webhook_seen WHERE event_id = ?", eventId));
            }
            throw e;
        }
    }

    private Outcome act(long id, String by, boolean acknowledged, String eventId, String userId) {
        String what = acknowledged ? "acknowledged" : "resolved";
        if (!isOpen(id, by)) {
            log.info("PagerDuty: incident #{} {} there by {}: it is not open in phasebot, nothing to do", id, what, by);
            return Outcome.ALREADY_DONE;
        }
        try {
            if (acknowledged) {
                ActOutcome outcome = incidents.act(by, id, Act.ACKNOWLEDGE, "");
                if (outcome instanceof ActOutcome.AlreadyDone done) {
                    log.info(
                            "PagerDuty: incident #{} acknowledged there by {}: already acknowledged here by {}",
                            id,
                            by,
                            done.by());
                    return Outcome.ALREADY_DONE;
                }
            } else {
                incidents.resolve(by, id, "resolved in PagerDuty");
            }
        } catch (Refusal refusal) {
            log.warn(
                    "PagerDuty: incident #{} {} there by {} (PagerDuty user {}), refused here: {}",
                    id,
                    what,
                    by,
                    userId,
                    refusal.getMessage());
            return Outcome.REFUSED;
        }
        log.info("PagerDuty: {} {} incident #{} (PagerDuty user {}, event {})", by, what, id, userId, eventId);
        return Outcome.ACTED;
    }

    /** Open here; a closed or unknown one is phasebot's own change coming back, or nothing of ours. */
    private boolean isOpen(long id, String by) {
        return queries.list(by).open().stream().anyMatch(e -> e.incident().id() == id);
    }

    /** Whether no replica has handled this event id yet; the store's primary key decides. */
    private boolean firstSighting(String eventId) {
        long now = clock.millis();
        return database.inTransaction(tx -> {
            tx.update("DELETE FROM pagerduty_webhook_seen WHERE seen_at < ?", now - REMEMBERED.toMillis());
            return tx.update(
                            "INSERT INTO pagerduty_webhook_seen (event_id, seen_at) VALUES (?, ?) "
                                    + "ON CONFLICT (event_id) DO NOTHING",
                            eventId,
                            now)
                    == 1;
        });
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
