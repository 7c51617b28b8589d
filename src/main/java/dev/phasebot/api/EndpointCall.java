package dev.phasebot.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;
import java.util.Optional;

/**
 * One authenticated call as an endpoint sees it: the agent the token belongs to, the path's
 * parameters, the query and the JSON body. Its readers answer 400 naming the field when a
 * value is missing or of the wrong type.
 */
record EndpointCall(String agent, Map<String, String> path, Map<String, String> query, JsonNode body) {

    EndpointCall {
        path = Map.copyOf(path);
        query = Map.copyOf(query);
        body = body == null ? JsonNodeFactory.instance.objectNode() : body;
    }

    String pathText(String name) {
        return path.get(name);
    }

    /** A path parameter that must be a whole number ({@code /incidents/3}). */
    long pathNumber(String name) {
        String value = path.get(name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badInput(name, name + " must be a whole number, got '" + value + "'");
        }
    }

    Optional<String> queryText(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isBlank());
    }

    String text(String name) {
        return optionalText(name).orElseThrow(() -> ApiException.badInput(name, name + " is required (a string)"));
    }

    Optional<String> optionalText(String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.badInput(name, name + " must be a string");
        }
        return Optional.of(value.asText()).filter(v -> !v.isBlank());
    }

    boolean flag(String name, boolean otherwise) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isBoolean()) {
            throw ApiException.badInput(name, name + " must be true or false");
        }
        return value.asBoolean();
    }

    double number(String name) {
        JsonNode value = body.get(name);
        if (value == null || !value.isNumber()) {
            throw ApiException.badInput(name, name + " is required (a number)");
        }
        return value.asDouble();
    }
}
