package dev.phasebot.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanRefsTest {

    @Test
    void aTaskOrGateIsReadHoweverItIsWrittenAndWrittenBackOneWay() {
        for (String task : List.of("T3", "t3", "#T3", "T03", " T3 ")) {
            assertEquals(Optional.of("T3"), PlanRefs.parse(task), task);
        }
        for (String gate : List.of("gate:2", "Gate:2", "gate 2", "gate2", "GATE #2")) {
            assertEquals(Optional.of("gate:2"), PlanRefs.parse(gate), gate);
        }
    }

    @Test
    void anythingElseIsNoReference() {
        for (String word : List.of("", "T", "3", "#3", "Task3", "gate", "gate:x", "T12345", "T3x")) {
            assertEquals(Optional.empty(), PlanRefs.parse(word), word);
        }
    }

    @Test
    void referencesInsideTextAreFoundInOrderEachOnceAndNotInsideWords() {
        assertEquals(
                List.of("gate:2", "T3", "T5"),
                PlanRefs.inText("Interfaces frozen for gate 2 after T3 (see #T3, t5); ST3 and T3-b are not refs"));
        assertEquals(List.of("T3", "T5"), PlanRefs.tasksInText("waiting on T3 and gate:1, then T5"));
        assertEquals(List.of(), PlanRefs.inText("nothing to link, not even ST4 or T4x or gateway 2"));
    }
}
