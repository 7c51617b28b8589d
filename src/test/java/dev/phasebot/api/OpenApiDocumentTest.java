package dev.phasebot.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.support.BotTest;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document says what the handler's route table does, endpoint by endpoint. */
class OpenApiDocumentTest extends BotTest {

    OpenApiDocumentTest() {
        super("2026-11-24T09:05");
    }

    @Test
    void theDocumentListsExactlyTheRoutesTheHandlerServes() throws Exception {
        JsonNode doc = document();
        TreeSet<String> documented = new TreeSet<>();
        doc.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .fieldNames()
                        .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        TreeSet<String> served = new TreeSet<>(List.of("GET " + ApiHandler.OPENAPI));
        bot.api().routes().forEach(r -> served.add(r.method() + " " + r.path()));

        assertEquals(served, documented);
    }

    @Test
    void eachOperationHasTheRoutesIdParametersAndBodyFields() throws Exception {
        JsonNode paths = document().path("paths");
        Map<String, String> problems = new TreeMap<>();
        for (Route route : bot.api().routes()) {
            JsonNode op = paths.path(route.path()).path(route.method().toLowerCase());
            if (!route.operationId().equals(op.path("operationId").asText())) {
                problems.put(
                        route.path() + " operationId", op.path("operationId").asText());
            }
            List<String> pathParams = new ArrayList<>();
            op.path("parameters").forEach(p -> {
                if (p.path("in").asText().equals("path")) {
                    pathParams.add(p.path("name").asText());
                }
            });
            if (!route.pathParameters().equals(pathParams)) {
                problems.put(route.path() + " parameters", pathParams.toString());
            }
            List<String> properties = new ArrayList<>();
            Iterator<String> names = op.path("requestBody")
                    .path("content")
                    .path("application/json")
                    .path("schema")
                    .path("properties")
                    .fieldNames();
            names.forEachRemaining(properties::add);
            if (!new TreeSet<>(route.bodyFields()).equals(new TreeSet<>(properties))) {
                problems.put(
                        route.method() + " " + route.path() + " body",
                        properties + " but serves " + route.bodyFields());
            }
            assertFalse(op.path("summary").asText().isBlank(), route.path() + " has no summary");
        }
        assertEquals(Map.of(), problems);
    }

    @Test
    void swaggerParserReadsTheDocumentAsOpenApi3WithNoMessages() {
        assertEquals(List.of(), ApiContract.parserMessages());
    }

    /**
     * What the OpenAPI 3.0 schema asks and swagger-parser lets through (swagger-cli and spectral
     * reject it): a {@code required} list is non-empty with no name twice, an {@code enum} is
     * non-empty, and a name in {@code required} is one of the schema's properties.
     */
    @Test
    void everySchemaKeepsTheRulesOfTheOpenApi30SchemaThatTheParserSkips() throws Exception {
        List<String> problems = new ArrayList<>();
        lint(document(), "#", problems);

        assertEquals(List.of(), problems);
    }

    @Test
    void everySuccessIsATypedSchemaNeverABareObject() throws Exception {
        Map<String, String> bare = new TreeMap<>();
        document()
                .path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    JsonNode schema = op.getValue()
                            .path("responses")
                            .path("200")
                            .path("content")
                            .path("application/json")
                            .path("schema");
                    boolean typed = schema.has("$ref")
                            || schema.path("items").has("$ref")
                            || schema.has("properties")
                            || schema.has("oneOf");
                    if (!typed) {
                        bare.put(op.getKey() + " " + path.getKey(), schema.toString());
                    }
                }));

        assertEquals(Map.of(), bare);
    }

    @Test
    void everyAuthenticatedOperationDeclaresEachErrorItCanAnswer() throws Exception {
        Map<String, List<String>> missing = new TreeMap<>();
        document()
                .path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    if (op.getValue().has("security")) {
                        return; // the document itself: no token, no body, no limit
                    }
                    List<String> want = new ArrayList<>(List.of("400", "401", "403", "404", "405", "429", "500"));
                    if (op.getValue().has("requestBody")) {
                        want.add("413");
                    }
                    want.removeIf(op.getValue().path("responses")::has);
                    if (!want.isEmpty()) {
                        missing.put(op.getKey() + " " + path.getKey(), want);
                    }
                }));

        assertEquals(Map.of(), missing);
    }

    private static void lint(JsonNode node, String at, List<String> problems) {
        if (node.isObject()) {
            JsonNode required = node.get("required");
            if (required != null && required.isArray()) {
                TreeSet<String> names = new TreeSet<>();
                required.forEach(n -> names.add(n.asText()));
                if (required.isEmpty()) {
                    problems.add(at + "/required is empty");
                } else if (names.size() != required.size()) {
                    problems.add(at + "/required names a property twice");
                }
                names.removeIf(n -> node.path("properties").has(n));
                if (!names.isEmpty() && node.has("properties")) {
                    problems.add(at + "/required names " + names + ", which are not its properties");
                }
            }
            JsonNode values = node.get("enum");
            if (values != null && values.isArray() && values.isEmpty()) {
                problems.add(at + "/enum is empty");
            }
            node.properties().forEach(e -> lint(e.getValue(), at + "/" + e.getKey(), problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                lint(node.get(i), at + "/" + i, problems);
            }
        }
    }

    private static JsonNode document() throws Exception {
        try (InputStream in = ApiHandler.class.getResourceAsStream("openapi.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
