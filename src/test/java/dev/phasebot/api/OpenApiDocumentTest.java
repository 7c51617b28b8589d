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

    private static JsonNode document() throws Exception {
        try (InputStream in = ApiHandler.class.getResourceAsStream("openapi.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
