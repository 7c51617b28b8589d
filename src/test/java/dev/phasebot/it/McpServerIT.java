package dev.phasebot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code phasebot.jar mcp} as a coding agent runs it: a process driven over stdio by the MCP
 * SDK's own client, calling the API of a console phasebot (the packaged jar too) with the token
 * the lead issued there for qa-engineer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpServerIT {

    private static final Pattern TOKEN = Pattern.compile("pb_[A-Za-z0-9_-]{43}");
    private static final Duration WAIT = Duration.ofSeconds(30);

    // One console for the class, so its directory too: a @TempDir field is filled only per test.
    private Path dir;
    private final ObjectMapper json = new ObjectMapper();
    private Process console;
    private OutputStream typed;
    private String url;
    private String token;

    @BeforeAll
    void startTheConsoleAndIssueQaEngineerAToken(@TempDir Path dir) throws Exception {
        this.dir = dir;
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(List.of(java(), "-jar", jar()));
        pb.environment().remove("SLACK_BOT_TOKEN");
        pb.environment().remove("SLACK_SIGNING_SECRET");
        pb.environment().remove("PHASEBOT_CONFIG");
        pb.environment()
                .putAll(Map.of(
                        "PHASEBOT_DB",
                        dir.resolve("phasebot.db").toString(),
                        "PORT",
                        Integer.toString(port),
                        "PHASEBOT_HOST",
                        "127.0.0.1"));
        Path out = dir.resolve("console-out.txt");
        pb.redirectOutput(out.toFile())
                .redirectError(dir.resolve("console-err.txt").toFile());
        console = pb.start();
        // Kept open until the end: the console stops when its input does.
        typed = console.getOutputStream();
        type("/standup open\n/api token qa-engineer\n");
        url = "http://127.0.0.1:" + port;
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        Matcher issued = TOKEN.matcher("");
        while (!(issued = TOKEN.matcher(Files.readString(out))).find()) {
            if (System.currentTimeMillis() > deadline || !console.isAlive()) {
                throw new AssertionError("the console issued no token: " + Files.readString(out)
                        + Files.readString(dir.resolve("console-err.txt")));
            }
            Thread.sleep(50); // polling another process, not timing
        }
        token = issued.group();
    }

    @AfterAll
    void stopTheConsole() throws Exception {
        if (console != null) {
            type("quit\n");
            typed.close();
            if (!console.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                console.destroyForcibly();
                throw new AssertionError("the console did not stop on quit");
            }
        }
    }

    @Test
    void aCodingAgentFindsTheSixToolsEachWithADescriptionAndAnInputSchema() {
        try (Session mcp = connect()) {
            List<McpSchema.Tool> tools = mcp.client().listTools().tools();
            assertEquals(
                    List.of(
                            "act_on_incident",
                            "check_deliverable",
                            "list_tasks",
                            "post_standup_update",
                            "raise_incident",
                            "standup_status"),
                    tools.stream().map(McpSchema.Tool::name).sorted().toList());
            for (McpSchema.Tool tool : tools) {
                assertTrue(
                        tool.description() != null && tool.description().length() > 40,
                        tool.name() + ": " + tool.description());
                assertEquals("object", tool.inputSchema().get("type"), tool.name());
                assertTrue(tool.inputSchema().get("properties") instanceof Map, tool.name());
            }
            McpSchema.Tool act = tools.stream()
                    .filter(t -> t.name().equals("act_on_incident"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(List.of("id", "act"), act.inputSchema().get("required"));
        }
    }

    @Test
    void anUpdatePostedThroughTheServerShowsInTheStandupStatus() throws Exception {
        try (Session mcp = connect()) {
            JsonNode before = text(call(mcp, "standup_status", Map.of()));
            assertTrue(agents(before.get("missing")).contains("qa-engineer"), before.toString());

            CallToolResult posted = call(
                    mcp,
                    "post_standup_update",
                    Map.of("today", "fuzz the YAML loader", "blockers", "waiting on software-architect for T3"));
            assertFalse(Boolean.TRUE.equals(posted.isError()), posted.toString());

            JsonNode after = text(call(mcp, "standup_status", Map.of()));
            List<String> postedBy = new ArrayList<>();
            after.get("posted").forEach(p -> postedBy.add(p.get("agent").asText()));
            assertTrue(postedBy.contains("qa-engineer"), after.toString());
            assertFalse(agents(after.get("missing")).contains("qa-engineer"), after.toString());
        }
    }

    @Test
    void anActOnAMissingIncidentIsAToolErrorCarryingTheApisErrorAndField() throws Exception {
        HttpResponse<String> direct = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url + "/api/v1/incidents/999/acts/assess"))
                                .timeout(WAIT)
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"looked at it\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode api = json.readTree(direct.body());
        assertTrue(direct.statusCode() >= 400 && api.hasNonNull("error"), direct.body());

        try (Session mcp = connect()) {
            CallToolResult result =
                    call(mcp, "act_on_incident", Map.of("id", 999, "act", "assess", "text", "looked at it"));
            assertEquals(Boolean.TRUE, result.isError(), result.toString());
            JsonNode error = text(result);
            assertEquals(direct.statusCode(), error.get("status").asInt(), error.toString());
            assertEquals(api.get("error"), error.get("error"), error.toString());
            assertEquals(api.get("field"), error.get("field"), error.toString());
            assertFalse(error.toString().contains("Exception"), "no stack trace: " + error);
        }
    }

    @Test
    void stdoutCarriesOnlyProtocolMessagesAndTheServerStopsWhenTheClientClosesStdin() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(java(), "-jar", jar(), "mcp"));
        pb.environment().putAll(Map.of("PHASEBOT_URL", url, "PHASEBOT_TOKEN", token));
        Path out = dir.resolve("raw-out.txt");
        pb.redirectOutput(out.toFile()).redirectError(dir.resolve("raw-err.txt").toFile());
        Process raw = pb.start();
        try (OutputStream in = raw.getOutputStream()) {
            in.write(
                    ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2024-11-05\","
                                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}\n"
                                    + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"standup_status\",\"arguments\":{}}}\n")
                            .getBytes(StandardCharsets.UTF_8));
            in.flush();
            awaitLines(out, 2, raw);
        }
        assertTrue(raw.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "closing stdin ends the session and the process");
        assertEquals(0, raw.exitValue(), Files.readString(dir.resolve("raw-err.txt")));
        List<String> lines = Files.readAllLines(out);
        assertEquals(2, lines.size(), lines.toString());
        for (String line : lines) {
            assertEquals("2.0", json.readTree(line).get("jsonrpc").asText(), line);
        }
        assertEquals(2, json.readTree(lines.get(1)).get("id").asInt());
    }

    @Test
    void theSdkClientNegotiatesTheNewestProtocolAndFindsAnOutputSchemaOnEveryTool() {
        try (Session mcp = connect()) {
            assertEquals(ProtocolVersions.MCP_2025_11_25, mcp.initialized().protocolVersion());
            for (McpSchema.Tool tool : mcp.client().listTools().tools()) {
                assertTrue(tool.outputSchema() != null, tool.name());
                assertEquals("object", tool.outputSchema().get("type"), tool.name());
            }
        }
    }

    @Test
    void eachToolsStructuredResultIsTheApisAnswerAndValidatesAgainstItsOutputSchema() throws Exception {
        try (Session mcp = connect()) {
            Map<String, Map<String, Object>> schemas = new java.util.HashMap<>();
            mcp.client().listTools().tools().forEach(t -> schemas.put(t.name(), t.outputSchema()));
            DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator(json);

            Map<String, CallToolResult> results = new java.util.LinkedHashMap<>();
            results.put("standup_status", call(mcp, "standup_status", Map.of()));
            results.put("post_standup_update", call(mcp, "post_standup_update", Map.of("today", "structured output")));
            results.put("list_tasks", call(mcp, "list_tasks", Map.of()));
            results.put(
                    "raise_incident",
                    call(mcp, "raise_incident", Map.of("title", "CI runners are down", "severity", "HIGH")));
            results.forEach((tool, result) -> {
                assertFalse(Boolean.TRUE.equals(result.isError()), tool + ": " + result);
                assertEquals(text(result), json.valueToTree(result.structuredContent()), tool);
                var valid = validator.validate(schemas.get(tool), result.structuredContent());
                assertTrue(valid.valid(), tool + ": " + valid.errorMessage() + " in " + result.structuredContent());
            });

            // qa-engineer may not acknowledge: a tool error carries the API's error object both ways too.
            long id = text(results.get("raise_incident")).get("id").asLong();
            CallToolResult refused = call(mcp, "act_on_incident", Map.of("id", id, "act", "ack"));
            assertEquals(Boolean.TRUE, refused.isError(), refused.toString());
            assertEquals(text(refused), json.valueToTree(refused.structuredContent()));
        }
    }

    @Test
    void aMalformedLineIsAnsweredWithAParseErrorTheSessionGoesOnAndEndsWithinASecondOfStdinClosing() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(java(), "-jar", jar(), "mcp"));
        pb.environment().putAll(Map.of("PHASEBOT_URL", url, "PHASEBOT_TOKEN", token));
        Path out = dir.resolve("malformed-out.txt");
        pb.redirectOutput(out.toFile())
                .redirectError(dir.resolve("malformed-err.txt").toFile());
        Process raw = pb.start();
        long closed;
        try (OutputStream in = raw.getOutputStream()) {
            in.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\n"
                            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}\n")
                    .getBytes(StandardCharsets.UTF_8));
            in.flush();
            awaitLines(out, 2, raw);
            closed = System.nanoTime();
        }
        boolean exited = raw.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - closed) / 1_000_000;
        assertTrue(exited, "closing stdin ends the process");
        assertTrue(tookMillis <= 1000, "the process exited " + tookMillis + " ms after stdin closed");
        assertEquals(0, raw.exitValue(), Files.readString(dir.resolve("malformed-err.txt")));
        List<String> lines = Files.readAllLines(out);
        JsonNode parseError = json.readTree(lines.get(0));
        assertEquals(-32700, parseError.path("error").path("code").asInt(), lines.get(0));
        assertTrue(parseError.has("id") && parseError.get("id").isNull(), lines.get(0));
        JsonNode initialized = json.readTree(lines.get(1));
        assertEquals(2, initialized.path("id").asInt(), lines.get(1));
        assertEquals(
                "2025-11-25", initialized.path("result").path("protocolVersion").asText(), lines.get(1));
    }

    @Test
    void withoutAUrlTheServerSaysSoInOneLineAndExitsWithTwo() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(java(), "-jar", jar(), "mcp"));
        pb.environment().remove("PHASEBOT_URL");
        pb.environment().put("PHASEBOT_TOKEN", "pb_x");
        Path out = dir.resolve("nourl-out.txt");
        Path err = dir.resolve("nourl-err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the server without a URL did not exit");
        }
        assertEquals(2, p.exitValue());
        assertEquals(
                List.of("phasebot: PHASEBOT_URL is not set: the phasebot to talk to, e.g. http://127.0.0.1:3000"),
                Files.readAllLines(err));
        assertEquals("", Files.readString(out));
    }

    /** A client session over the SDK's stdio transport, with the server's stderr kept for failure messages. */
    private record Session(McpSyncClient client, McpSchema.InitializeResult initialized, List<String> stderr)
            implements AutoCloseable {
        @Override
        public void close() {
            client.closeGracefully();
        }
    }

    private Session connect() {
        ServerParameters server = ServerParameters.builder(java())
                .args("-jar", jar(), "mcp")
                .env(Map.of("PHASEBOT_URL", url, "PHASEBOT_TOKEN", token))
                .build();
        StdioClientTransport transport = new StdioClientTransport(server, new JacksonMcpJsonMapper(new ObjectMapper()));
        List<String> stderr = Collections.synchronizedList(new ArrayList<>());
        transport.setStdErrorHandler(stderr::add);
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(WAIT)
                .initializationTimeout(WAIT)
                .build();
        McpSchema.InitializeResult initialized;
        try {
            initialized = client.initialize();
        } catch (RuntimeException e) {
            client.close();
            throw new AssertionError("the MCP server did not start: " + stderr, e);
        }
        return new Session(client, initialized, stderr);
    }

    private static CallToolResult call(Session mcp, String tool, Map<String, Object> arguments) {
        return mcp.client()
                .callTool(McpSchema.CallToolRequest.builder(tool)
                        .arguments(arguments)
                        .build());
    }

    /** The tool's one text content, the API's JSON. */
    private JsonNode text(CallToolResult result) {
        assertEquals(1, result.content().size(), result.toString());
        try {
            return json.readTree(((McpSchema.TextContent) result.content().get(0)).text());
        } catch (IOException e) {
            throw new AssertionError("the text is not JSON: " + result, e);
        }
    }

    private static List<String> agents(JsonNode array) {
        List<String> agents = new ArrayList<>();
        array.forEach(a -> agents.add(a.asText()));
        return agents;
    }

    private void type(String lines) throws IOException {
        typed.write(lines.getBytes(StandardCharsets.UTF_8));
        typed.flush();
    }

    private static void awaitLines(Path out, int n, Process p) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (Files.readAllLines(out).size() < n) {
            if (System.currentTimeMillis() > deadline || !p.isAlive()) {
                throw new AssertionError("the server answered " + Files.readAllLines(out));
            }
            Thread.sleep(50); // polling another process, not timing
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return Path.of("target/phasebot.jar").toAbsolutePath().toString();
    }
}
