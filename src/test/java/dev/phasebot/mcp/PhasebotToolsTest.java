package dev.phasebot.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.phasebot.mcp.PhasebotClient.ApiRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a tool's arguments become the API call; the calls themselves are McpServerIT's. */
class PhasebotToolsTest {

    @Test
    void resolveIsTheResolveEndpointWithTheTextAsItsResolution() {
        assertEquals(
                ApiRequest.post("/incidents/3/resolve", Map.of("resolution", "runners replaced")),
                request("act_on_incident", Map.of("id", 3, "act", "resolve", "text", "runners replaced")));
    }

    @Test
    void everyOtherActIsNamedInThePathWithItsText() {
        assertEquals(
                ApiRequest.post("/incidents/3/acts/assess", Map.of("text", "disk full")),
                request("act_on_incident", Map.of("id", 3.0, "act", "assess", "text", "disk full")));
    }

    @Test
    void aMissingPathArgumentIsRefusedNamingIt() {
        ToolInputException no =
                assertThrows(ToolInputException.class, () -> request("check_deliverable", Map.of("n", 2)));
        assertEquals("task", no.field());
    }

    @Test
    void bodyArgumentsPassThroughSoTheApiNamesAMisspeltOne() {
        assertEquals(
                ApiRequest.post("/standup/update", Map.of("todya", "x")),
                request("post_standup_update", Map.of("todya", "x")));
    }

    @Test
    void theFilterIsEncodedIntoTheQuery() {
        assertEquals(
                ApiRequest.get("/tasks?filter=qa%20engineer"), request("list_tasks", Map.of("filter", "qa engineer")));
        assertEquals(ApiRequest.get("/tasks"), request("list_tasks", Map.of()));
    }

    private static ApiRequest request(String tool, Map<String, Object> arguments) {
        return PhasebotTools.all().stream()
                .filter(t -> t.name().equals(tool))
                .findFirst()
                .orElseThrow()
                .request()
                .apply(new ToolArgs(arguments));
    }
}
