package dev.phasebot.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasebot.mcp.PhasebotClient.ApiAnswer;
import dev.phasebot.mcp.PhasebotClient.ApiRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a tool: its arguments become one API call, whose JSON answer is the tool's result twice
 * over, as text (what a client from before structured output reads) and as {@code
 * structuredContent} (what the tool's output schema describes). An answer other than 2xx is a
 * tool error carrying the API's {@code error} and {@code field} (and the status), in both forms
 * too, so the model can correct the argument named; nothing here ever hands the model a stack
 * trace.
 */
final class ToolCalls {

    private static final Logger log = LoggerFactory.getLogger(ToolCalls.class);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final PhasebotClient client;
    private final ObjectMapper json;

    ToolCalls(PhasebotClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    CallToolResult call(PhasebotTool tool, Map<String, Object> arguments) {
        ApiRequest request;
        try {
            request = tool.request().apply(new ToolArgs(arguments));
        } catch (ToolInputException e) {
            return error(json.createObjectNode().put("error", e.getMessage()).put("field", e.field()));
        }
        ApiAnswer answer;
        try {
            answer = client.send(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(json.createObjectNode().put("error", "the call to phasebot was interrupted"));
        } catch (IOException e) {
            log.warn("{} {} failed: {}", request.method(), request.path(), e.toString());
            return error(json.createObjectNode()
                    .put(
                            "error",
                            "cannot reach phasebot at " + client.url() + " ("
                                    + e.getClass().getSimpleName()
                                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                                    + "); is it running, and is PHASEBOT_URL right?"));
        }
        if (!answer.ok()) {
            return error(apiError(answer));
        }
        Map<String, Object> structured = object(answer.body());
        if (structured == null) {
            return error(json.createObjectNode()
                    .put("status", answer.status())
                    .put("error", "phasebot answered with something other than a JSON object"));
        }
        return CallToolResult.builder()
                .addTextContent(answer.body())
                .structuredContent(structured)
                .isError(false)
                .build();
    }

    /** The body as a JSON object, or null when it is none. */
    private Map<String, Object> object(String body) {
        try {
            JsonNode tree = json.readTree(body == null ? "" : body);
            return tree instanceof ObjectNode ? json.convertValue(tree, OBJECT) : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /** The API's error object with its status added; a body that is no such object (a proxy's page) becomes its error text. */
    private ObjectNode apiError(ApiAnswer answer) {
        ObjectNode error = json.createObjectNode().put("status", answer.status());
        try {
            JsonNode body = json.readTree(answer.body());
            if (body instanceof ObjectNode object && object.has("error")) {
                error.setAll(object);
                return error;
            }
        } catch (IOException notJson) {
            // said below, as the body's text
        }
        String text = answer.body() == null ? "" : answer.body().strip();
        return error.put(
                "error",
                "HTTP " + answer.status()
                        + (text.isEmpty() ? "" : ": " + text.substring(0, Math.min(text.length(), 300))));
    }

    private CallToolResult error(ObjectNode error) {
        return CallToolResult.builder()
                .addTextContent(error.toString())
                .structuredContent(json.convertValue(error, OBJECT))
                .isError(true)
                .build();
    }
}
