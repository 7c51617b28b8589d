package dev.phasebot.config;

import java.util.List;

/** The plan as the config file states it: the priority matrix as tasks, and the quality gates. */
public record PlanSpec(List<TaskSpec> tasks, List<GateSpec> gates) {

    /** A row of the priority matrix with its deliverables and dependencies ("T3" or "gate:1"). */
    public record TaskSpec(
            String id,
            String title,
            String priority,
            String risk,
            String owner,
            String due,
            List<String> deliverables,
            List<String> dependsOn) {}

    /** A quality gate. {@code blocks} lists task ids, "gate:N", or "all-other-work". */
    public record GateSpec(
            int number,
            String name,
            String owner,
            String due,
            List<String> criteria,
            List<String> blocks,
            String impact) {}

    public static final List<String> PRIORITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW");
    public static final List<String> RISKS = List.of("HIGH", "MEDIUM", "LOW");
}
