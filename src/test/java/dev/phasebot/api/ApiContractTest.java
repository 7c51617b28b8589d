package dev.phasebot.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract ApiClient holds every API test to finds what the checkers found: a test
 * that it can fail, on exchanges made up here against the real document.
 */
class ApiContractTest {

    private static final String GATE = "{\"number\": 1, \"name\": \"Security Clearance\", \"owner\": \"qa-engineer\","
            + " \"met\": 0, \"total\": 4, \"due\": \"Week 1\", \"dueAt\": null, \"passedAt\": null,"
            + " \"passedBy\": null, \"waitingOnAnotherGate\": false, \"passed\": false}";
    private static final Map<String, List<String>> TOKEN = Map.of("Authorization", List.of("Bearer pb_x"));
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));

    private final ApiContract contract = new ApiContract();

    @Test
    void theGatesListedAsAnArrayKeepTheContract() {
        assertEquals(List.of(), contract.problems(get("/gates", 200, JSON, "[" + GATE + "]")));
    }

    @Test
    void theGatesListedAsAnObjectBreakIt() {
        List<String> problems = contract.problems(get("/gates", 200, JSON, "{\"gates\": [" + GATE + "]}"));

        assertTrue(problems.toString().contains("type"), problems.toString());
    }

    @Test
    void aFieldTheDocumentDoesNotDeclareBreaksIt() {
        String gate = GATE.replace("}", ", \"secret\": 1}");

        List<String> problems = contract.problems(get("/gates", 200, JSON, "[" + gate + "]"));

        assertTrue(problems.toString().contains("secret"), problems.toString());
    }

    @Test
    void a401WithoutWwwAuthenticateBreaksIt() {
        List<String> problems =
                contract.problems(get("/gates", 401, JSON, "{\"error\": \"no token\", \"field\": null}"));

        assertTrue(problems.toString().contains("WWW-Authenticate"), problems.toString());
    }

    @Test
    void a405WhoseAllowIsNotTheDocumentsMethodsBreaksIt() {
        Map<String, List<String>> headers =
                Map.of("Content-Type", List.of("application/json"), "allow", List.of("GET"));
        ApiContract.Exchange put = new ApiContract.Exchange(
                "PUT",
                URI.create("http://127.0.0.1/api/v1/standup/update"),
                TOKEN,
                "",
                405,
                headers,
                "{\"error\": \"PUT is not allowed here\", \"field\": null}");

        List<String> problems = contract.problems(put);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("Allow: 'GET'"), problems.toString());
    }

    @Test
    void aRequestTheDocumentRejectsButTheApiServesBreaksIt() {
        ApiContract.Exchange misspelt = new ApiContract.Exchange(
                "POST",
                URI.create("http://127.0.0.1/api/v1/decisions"),
                Map.of("Authorization", List.of("Bearer pb_x"), "Content-Type", List.of("application/json")),
                "{\"txt\": \"typo\"}",
                200,
                JSON,
                "{\"kind\": \"DecisionLogged\", \"id\": 1, \"link\": null}");

        List<String> problems = contract.problems(misspelt);

        assertTrue(problems.toString().contains("the document rejects this request"), problems.toString());
    }

    private static ApiContract.Exchange get(String path, int status, Map<String, List<String>> headers, String body) {
        return new ApiContract.Exchange(
                "GET", URI.create("http://127.0.0.1/api/v1" + path), TOKEN, "", status, headers, body);
    }
}
