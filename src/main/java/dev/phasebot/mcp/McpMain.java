package dev.phasebot.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * {@code phasebot.jar mcp}: serves the tools over stdio until the client closes stdin. Needs
 * only {@code PHASEBOT_URL} and {@code PHASEBOT_TOKEN}; reads no config and opens no database,
 * so it runs beside the bot it calls, or on another machine.
 */
public final class McpMain {

    static final int BAD_SETUP = 2;
    static final int FAILED = 1;

    private McpMain() {}

    /**
     * Serves until stdin ends, and returns within a moment of that whatever is still running
     * (a tool call waiting on phasebot answers no one once the client has gone); the exit code:
     * 0, 2 for a missing or wrong setting, 1 for anything else.
     */
    public static int run(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        McpSettings settings;
        try {
            settings = McpSettings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            err.println("phasebot: " + e.getMessage());
            return BAD_SETUP;
        }
        // stdout carries only the protocol: whatever else prints (a library's println) goes to stderr
        // instead of breaking the client's reading of the next message.
        PrintStream stdout = System.out;
        System.setOut(err);
        try {
            serve(settings, in, out);
            return 0;
        } catch (IOException e) {
            // A broken pipe ends the session as surely as a closed one.
            LoggerFactory.getLogger(McpMain.class)
                    .info("stdin could not be read, so the session ends: {}", e.toString());
            return 0;
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(McpMain.class).error("the MCP server stopped", e);
            err.println("phasebot: the MCP server stopped: " + e);
            return FAILED;
        } finally {
            System.setOut(stdout);
        }
    }

    private static void serve(McpSettings settings, InputStream in, PrintStream out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(json);
        ToolCalls calls = new ToolCalls(new PhasebotClient(settings, json), json);
        List<SyncToolSpecification> tools = PhasebotTools.all().stream()
                .map(tool -> SyncToolSpecification.builder()
                        .tool(tool.definition())
                        .callHandler((exchange, request) -> calls.call(tool, request.arguments()))
                        .build())
                .toList();
        String version = McpMain.class.getPackage().getImplementationVersion();
        StdioTransport stdio = new StdioTransport(json, mapper, in, out);
        McpSyncServer server = McpServer.sync(stdio)
                .serverInfo("phasebot", version == null ? "dev" : version)
                .instructions("Take part in a phasebot-run delivery phase as one of its agents: post your daily "
                        + "standup update, raise and work incidents, and tick your tasks' deliverables. Every call "
                        + "acts as the agent whose token this server holds, with that agent's permissions.")
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .jsonMapper(mapper)
                // Checks each structured result against its tool's output schema before it goes out.
                .jsonSchemaValidator(new DefaultJsonSchemaValidator(json))
                // The API judges the arguments and names the field it refuses, as for any caller.
                .validateToolInputs(false)
                .tools(tools)
                .build();
        try {
            stdio.serve();
        } finally {
            // Not closeGracefully: that waits for calls in flight, whose answers no one would read.
            server.close();
        }
    }
}
