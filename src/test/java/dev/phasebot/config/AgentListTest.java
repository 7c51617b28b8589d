package dev.phasebot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentListTest {

    @Test
    void anAgentIsFoundByIdWithItsPlaceAndTheListReadsAsTheOneGiven() {
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            agents.add(new Agent("agent-" + i, i % 2 == 0 ? "qa" : "security", i == 7, null, null));
        }
        agents.add(new Agent("agent-3", "other", false, null, null));
        AgentList list = AgentList.of(agents);

        assertEquals(agents, list);
        assertEquals(3, list.placeOf("agent-3"), "the first of two with one id, as a scan finds it");
        assertEquals(499, list.placeOf("agent-499"));
        assertEquals(-1, list.placeOf("nobody"));
        assertEquals(-1, list.placeOf(null));
        assertThrows(UnsupportedOperationException.class, () -> list.add(agents.get(0)));
    }
}
