package dev.phasebot.config;

import java.util.List;

/**
 * The plan as the config file states it: the priority matrix as tasks, and the quality gates;
 * optionally its success metrics, risks, contingency plans and handoff requirements.
 */
public record PlanSpec(
        List<TaskSpec> tasks,
        List<GateSpec> gates,
        List<ChecklistGroupSpec> successMetrics,
        List<RiskSpec> risks,
        List<ContingencySpec> contingencies,
        List<ChecklistGroupSpec> handoff) {

    public PlanSpec {
        // Optional sections: a plan without them has none.
        successMetrics = successMetrics == null ? List.of() : successMetrics;
        risks = risks == null ? List.of() : risks;
        contingencies = contingencies == null ? List.of() : contingencies;
        handoff = handoff == null ? List.of() : handoff;
    }

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

    /**
     * A named checklist with an owner (who checks its items, besides the lead): a group of
     * success metrics or of handoff requirements.
     */
    public record ChecklistGroupSpec(String name, String owner, List<String> items) {

        /** How commands name the group: the first word of its name, in lower case ("knowledge"). */
        public String key() {
            return name.strip().split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A high-risk dependency: {@code risk} is its short name, {@code detail} what may happen. */
    public record RiskSpec(String id, String risk, String detail, String mitigation, String owner) {}

    /** A contingency plan: when {@code trigger} happens, do {@code action}. */
    public record ContingencySpec(String trigger, String action) {}

    public static final List<String> PRIORITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW");
    public static final List<String> RISKS = List.of("HIGH", "MEDIUM", "LOW");
}
