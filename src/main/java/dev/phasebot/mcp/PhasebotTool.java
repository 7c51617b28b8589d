package dev.phasebot.mcp;

import dev.phasebot.mcp.PhasebotClient.ApiRequest;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.function.Function;

/**
 * One MCP tool: what the model is told about it, the shape of what a successful call returns
 * (the API's JSON answer, as {@code structuredContent}), and the API call its arguments make.
 */
record PhasebotTool(
        String name,
        String description,
        Map<String, Object> inputSchema,
        Map<String, Object> outputSchema,
        Function<ToolArgs, ApiRequest> request) {

    McpSchema.Tool definition() {
        return McpSchema.Tool.builder(name, inputSchema)
                .description(description)
                .outputSchema(outputSchema)
                .build();
    }
}
