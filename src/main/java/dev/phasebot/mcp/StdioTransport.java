package dev.phasebot.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * MCP's stdio transport: one JSON-RPC message per line on stdin, one per line on stdout, for
 * the one session a stdio server has. The SDK ships one, but it ends the session at the first
 * line it cannot read (checked on SDK 2.2.0: its reader breaks out of its loop and stops
 * reading, so later requests go unanswered and the end of input is never seen). Here such a
 * line is answered with JSON-RPC's parse error (or invalid request) and reading goes on; the
 * session's protocol work (initialize, version negotiation, tools) stays the SDK's.
 */
final class StdioTransport implements McpServerTransportProvider {

    static final int PARSE_ERROR = McpSchema.ErrorCodes.PARSE_ERROR;
    static final int INVALID_REQUEST = McpSchema.ErrorCodes.INVALID_REQUEST;

    private static final Logger log = LoggerFactory.getLogger(StdioTransport.class);

    private final McpJsonMapper mapper;
    private final ObjectMapper json;
    private final InputStream in;
    private final OutputStream out;
    private volatile McpServerSession session;

    StdioTransport(ObjectMapper json, McpJsonMapper mapper, InputStream in, OutputStream out) {
        this.json = json;
        this.mapper = mapper;
        this.in = in;
        this.out = out;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory sessions) {
        this.session = sessions.create(new Lines());
    }

    /**
     * Reads and dispatches messages until stdin ends, then returns at once: tool calls still
     * waiting on phasebot are left to the caller, which ends the process.
     *
     * @throws IOException when stdin cannot be read (a broken pipe ends the session as a closed one does)
     */
    void serve() throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (!line.isBlank()) {
                dispatch(line);
            }
        }
    }

    private void dispatch(String line) {
        JsonNode tree;
        try {
            tree = json.readTree(line);
        } catch (JsonProcessingException e) {
            // JSON-RPC 2.0, 5.1: invalid JSON is a parse error, answered with a null id.
            refuse(null, PARSE_ERROR, "Parse error: the line is not JSON (" + e.getOriginalMessage() + ")");
            return;
        }
        JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mapper, line);
        } catch (IOException | RuntimeException e) {
            refuse(
                    tree.get("id") != null && tree.get("id").isValueNode() ? tree.get("id") : null,
                    INVALID_REQUEST,
                    "Invalid Request: not a JSON-RPC 2.0 request, notification or response");
            return;
        }
        session.handle(message).subscribe(null, e -> log.warn("an MCP message could not be handled: {}", e.toString()));
    }

    /** An error answer written here: the SDK's response record leaves a null id out, and JSON-RPC wants it written. */
    private void refuse(JsonNode id, int code, String message) {
        ObjectNode error = json.createObjectNode().put("jsonrpc", McpSchema.JSONRPC_VERSION);
        error.set("id", id == null ? json.nullNode() : id);
        error.putObject("error").put("code", code).put("message", message);
        try {
            write(json.writeValueAsString(error));
        } catch (IOException e) {
            log.warn("the error answer could not be written: {}", e.toString());
        }
    }

    private void write(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession current = session;
        return current == null ? Mono.empty() : current.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        McpServerSession current = session;
        return current == null ? Mono.empty() : current.closeGracefully();
    }

    @Override
    public void close() {
        McpServerSession current = session;
        if (current != null) {
            current.close();
        }
    }

    /** The session's side: what it sends goes out as one line each. */
    private final class Lines implements McpServerTransport {

        @Override
        public Mono<Void> sendMessage(JSONRPCMessage message) {
            return Mono.fromCallable(() -> {
                // Compact JSON escapes every newline inside a string, so one message is one line.
                write(mapper.writeValueAsString(message));
                return null;
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return mapper.convertValue(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }
}
