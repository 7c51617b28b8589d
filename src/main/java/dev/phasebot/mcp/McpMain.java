package dev.phasebot.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
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

    /** Serves until stdin ends; the exit code: 0, 2 for a missing or wrong setting, 1 for anything else. */
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
        System.setOut(err);
        try {
            serve(settings, new EndOfInput(in), out);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(McpMain.class).error("the MCP server stopped", e);
            err.println("phasebot: the MCP server stopped: " + e);
            return FAILED;
        }
    }

    private static void serve(McpSettings settings, EndOfInput in, PrintStream out) throws InterruptedException {
        ObjectMapper json = new ObjectMapper();
        ToolCalls calls = new ToolCalls(new PhasebotClient(settings, json), json);
        List<SyncToolSpecification> tools = PhasebotTools.all().stream()
                .map(tool -> SyncToolSpecification.builder()
                        .tool(tool.definition())
                        .callHandler((exchange, request) -> calls.call(tool, request.arguments()))
                        .build())
                .toList();
        String version = McpMain.class.getPackage().getImplementationVersion();
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(new JacksonMcpJsonMapper(json), in, out))
                .serverInfo("phasebot", version == null ? "dev" : version)
                .instructions("Take part in a phasebot-run delivery phase as one of its agents: post your daily "
                        + "standup update, raise and work incidents, and tick your tasks' deliverables. Every call "
                        + "acts as the agent whose token this server holds, with that agent's permissions.")
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .tools(tools)
                .build();
        try {
            in.await();
        } finally {
            server.closeGracefully();
        }
    }
}
