package dev.phasebot.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks that a signed request has the shape our handlers rely on, before Bolt parses it:
 * a slip in a body (a proxy's, a test's, or Slack's) is the sender's input error and gets a
 * 400 naming what is wrong, instead of an exception deep in Bolt or in a handler. Only what
 * the handlers read is required; anything else Slack adds is left alone.
 */
final class RequestShape {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INCIDENT_BUTTON = Pattern.compile("incident_[a-z]+");
    private static final Pattern INCIDENT_ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern ACT_METADATA =
            Pattern.compile("(assess|plan|implemented|escalate|resolve):[1-9][0-9]{0,17}");

    private RequestShape() {}

    /** Why the request cannot be handled, or empty when it has the shape we need. */
    static Optional<String> problem(String contentType, String body) {
        try {
            check(contentType, body);
            return Optional.empty();
        } catch (Malformed e) {
            return Optional.of(e.getMessage());
        }
    }

    private static void check(String contentType, String body) throws Malformed {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            checkEvent(json(body, "the body"));
            return;
        }
        Map<String, String> form = form(body);
        if (form.containsKey("payload")) {
            checkInteraction(json(form.get("payload"), "the payload"));
        } else if (form.containsKey("command")) {
            checkCommand(form);
        } else if (!form.containsKey("ssl_check")) {
            throw new Malformed("the form has neither a command nor a payload");
        }
    }

    private static void checkCommand(Map<String, String> form) throws Malformed {
        if (blank(form.get("user_id"))) {
            throw new Malformed("the command has no user_id");
        }
        if (!form.get("command").startsWith("/")) {
            throw new Malformed("the command does not start with /");
        }
        if (!form.containsKey("text")) {
            throw new Malformed("the command has no text field");
        }
    }

    private static void checkInteraction(JsonNode payload) throws Malformed {
        String type = text(payload, "type");
        if (type == null) {
            throw new Malformed("the payload has no type");
        }
        if (text(payload.path("user"), "id") == null) {
            throw new Malformed("the payload has no user.id");
        }
        switch (type) {
            case "block_actions" -> checkActions(payload.get("actions"));
            case "view_submission", "view_closed" -> checkView(payload.get("view"));
            default -> {
                // shortcuts and the like: we register no handler, and Bolt answers 404 for them
            }
        }
    }

    private static void checkActions(JsonNode actions) throws Malformed {
        if (actions == null || !actions.isArray() || actions.isEmpty()) {
            throw new Malformed("the payload has no actions");
        }
        for (JsonNode action : actions) {
            String id = text(action, "action_id");
            if (id == null) {
                throw new Malformed("an action has no action_id");
            }
            String value = text(action, "value");
            if (INCIDENT_BUTTON.matcher(id).matches()
                    && (value == null || !INCIDENT_ID.matcher(value).matches())) {
                throw new Malformed("the value of " + id + " is not an incident number");
            }
        }
    }

    private static void checkView(JsonNode view) throws Malformed {
        if (view == null || !view.isObject()) {
            throw new Malformed("the payload has no view");
        }
        String callback = text(view, "callback_id");
        if (callback == null) {
            throw new Malformed("the view has no callback_id");
        }
        JsonNode values = view.path("state").path("values");
        if (!values.isMissingNode() && !values.isObject()) {
            throw new Malformed("the view's state.values is not an object");
        }
        String metadata = text(view, "private_metadata");
        metadata = metadata == null ? "" : metadata;
        if (SlackViews.INCIDENT_ACT_MODAL.equals(callback)
                && !ACT_METADATA.matcher(metadata).matches()) {
            throw new Malformed("the view's private_metadata is not an incident act");
        }
        if (SlackViews.INCIDENT_MODAL.equals(callback) && !metadata.isEmpty() && !"security".equals(metadata)) {
            throw new Malformed("the view's private_metadata is not one phasebot wrote");
        }
    }

    private static void checkEvent(JsonNode body) throws Malformed {
        String type = text(body, "type");
        if (type == null) {
            throw new Malformed("the body has no type");
        }
        if ("url_verification".equals(type) && text(body, "challenge") == null) {
            throw new Malformed("the url_verification has no challenge");
        }
        if ("event_callback".equals(type) && text(body.path("event"), "type") == null) {
            throw new Malformed("the event_callback has no event.type");
        }
    }

    private static JsonNode json(String text, String what) throws Malformed {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new Malformed(what + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Malformed(what + " is not valid JSON");
        }
    }

    private static Map<String, String> form(String body) throws Malformed {
        Map<String, String> fields = new HashMap<>();
        try {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (fields.putIfAbsent(key, value) != null) {
                    throw new Malformed("the form repeats " + key);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new Malformed("the body is not a URL-encoded form");
        }
        return fields;
    }

    /** A string field, or null when it is missing, not a string, or blank. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The reason a request is malformed; never leaves this class. */
    private static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }
}
