package dev.phasebot.mcp;

import dev.phasebot.mcp.PhasebotClient.ApiRequest;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.function.Function;

/** One MCP tool: what the model is told about it, and the API call its arguments make. */
record PhasebotTool(
        String name, String description, McpSchema.JsonSchema inputSchema, Function<ToolArgs, ApiRequest> request) {

    McpSchema.Tool definition() {
        return McpSchema.Tool.builder()
                .name(name)
                .description(description)
                .inputSchema(inputSchema)
                .build();
    }
}
