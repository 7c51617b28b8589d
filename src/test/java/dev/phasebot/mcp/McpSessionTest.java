package dev.phasebot.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One MCP session over stdio, in-process: {@link McpMain#run} reading a pipe and writing
 * another, against a stand-in phasebot on a local port (an HTTP server answering set JSON).
 * The real API behind each tool is McpServerIT's.
 */
class McpSessionTest {

    private static final String NEWEST = "2025-11-25";
    private static final String STATUS = "{\"day\":\"2025-03-14\",\"state\":\"OPEN\",\"at\":\"2025-03-14T09:00:00Z\","
            + "\"posted\":[{\"agent\":\"qa-engineer\",\"at\":\"2025-03-14T09:05:00Z\",\"late\":false}],"
            + "\"missing\":[\"software-architect\"],\"out\":[]}";

    private final ObjectMapper json = new ObjectMapper();
    private final CountDownLatch phasebotAsked = new CountDownLatch(1);
    private final CountDownLatch releasePhasebot = new CountDownLatch(1);
    private HttpServer phasebot;
    private PipedOutputStream stdin;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private CompletableFuture<Integer> session;

    @BeforeEach
    void startAStandInPhasebotAndTheSession() throws IOException {
        phasebot = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        phasebot.createContext("/api/v1/standup/status", exchange -> {
            byte[] body = STATUS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // A phasebot that takes the call and does not answer until the test is over.
        phasebot.createContext("/api/v1/tasks", exchange -> {
            phasebotAsked.countDown();
            try {
                releasePhasebot.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        phasebot.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        phasebot.start();

        stdin = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(stdin, 1 << 16);
        PipedInputStream clientIn = new PipedInputStream(1 << 16);
        PrintStream serverOut = new PrintStream(new PipedOutputStream(clientIn), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    stdout.add(line);
                }
            } catch (IOException ended) {
                // the server's side closed: nothing more to read
            }
        });
        reader.setDaemon(true);
        reader.start();
        Map<String, String> env = Map.of(
                "PHASEBOT_URL", "http://127.0.0.1:" + phasebot.getAddress().getPort(), "PHASEBOT_TOKEN", "pb_test");
        PrintStream stderr = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        session = CompletableFuture.supplyAsync(() -> McpMain.run(env, serverIn, serverOut, stderr));
    }

    @AfterEach
    void stopThePhasebot() throws IOException {
        releasePhasebot.countDown();
        stdin.close();
        phasebot.stop(0);
    }

    @Test
    void aMalformedLineIsAnsweredWithAParseErrorAndTheSessionGoesOn() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\n");
        JsonNode parseError = answer();
        assertEquals(-32700, parseError.path("error").path("code").asInt(), parseError.toString());
        assertTrue(parseError.has("id") && parseError.get("id").isNull(), parseError.toString());

        send(initialize(2, NEWEST));
        JsonNode initialized = answer();
        assertEquals(2, initialized.path("id").asInt(), initialized.toString());
        assertEquals(NEWEST, initialized.path("result").path("protocolVersion").asText(), initialized.toString());
    }

    @Test
    void aLineThatIsJsonButNoJsonRpcMessageIsAnInvalidRequestAndTheSessionGoesOn() throws Exception {
        send("{\"hello\":\"world\"}");
        assertEquals(-32600, answer().path("error").path("code").asInt());
        send(initialize(1, NEWEST));
        assertEquals(1, answer().path("id").asInt());
    }

    @Test
    void initializeAnswersTheVersionTheClientAsksForWhenItIsSupported() throws Exception {
        send(initialize(1, "2025-06-18"));
        assertEquals(
                "2025-06-18", answer().path("result").path("protocolVersion").asText());
    }

    @Test
    void aClientAskingForAnUnknownVersionIsOfferedTheNewest() throws Exception {
        send(initialize(1, "2099-01-01"));
        assertEquals(NEWEST, answer().path("result").path("protocolVersion").asText());
    }

    @Test
    void everyToolDeclaresAValidOutputSchemaForAnObject() throws Exception {
        startSession();
        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        JsonNode tools = answer().path("result").path("tools");
        assertEquals(6, tools.size(), tools.toString());
        DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator(json);
        for (JsonNode tool : tools) {
            JsonNode schema = tool.get("outputSchema");
            assertNotNull(schema, tool.path("name").asText());
            assertEquals(
                    "object", schema.path("type").asText(), tool.path("name").asText());
            ValidationResponse valid = validator.validateSchema(map(schema));
            assertTrue(valid.valid(), tool.path("name").asText() + ": " + valid.errorMessage());
        }
    }

    @Test
    void aToolResultCarriesTheApisAnswerAsStructuredContentValidAgainstItsOutputSchema() throws Exception {
        startSession();
        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        JsonNode schema = null;
        for (JsonNode tool : answer().path("result").path("tools")) {
            if (tool.path("name").asText().equals("standup_status")) {
                schema = tool.get("outputSchema");
            }
        }
        send(
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"standup_status\",\"arguments\":{}}}");
        JsonNode result = answer().path("result");
        assertEquals(json.readTree(STATUS), result.get("structuredContent"), result.toString());
        assertEquals(STATUS, result.path("content").path(0).path("text").asText(), "the same JSON as text");
        ValidationResponse valid =
                new DefaultJsonSchemaValidator(json).validate(map(schema), result.get("structuredContent"));
        assertTrue(valid.valid(), valid.errorMessage());
    }

    @Test
    void theEndOfInputEndsTheSessionWithinASecondWhileACallIsStillWaitingOnPhasebot() throws Exception {
        startSession();
        send(
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"list_tasks\",\"arguments\":{}}}");
        assertTrue(phasebotAsked.await(10, TimeUnit.SECONDS), "the call reached phasebot");

        stdin.close();

        assertEquals(0, session.get(1, TimeUnit.SECONDS));
    }

    @Test
    void theEndOfInputAfterAMalformedLineStillEndsTheSession() throws Exception {
        // The SDK's own transport stopped reading at such a line, so it never saw the end of input.
        send("not json at all");

        stdin.close();

        assertEquals(0, session.get(1, TimeUnit.SECONDS));
    }

    private void startSession() throws Exception {
        send(initialize(1, NEWEST));
        assertEquals(1, answer().path("id").asInt());
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    private static String initialize(int id, String version) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + version + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
    }

    private void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private JsonNode answer() throws Exception {
        String line = stdout.poll(10, TimeUnit.SECONDS);
        assertNotNull(line, "the server answered nothing");
        return json.readTree(line);
    }

    private Map<String, Object> map(JsonNode node) {
        return json.convertValue(node, new TypeReference<Map<String, Object>>() {});
    }
}
