package dev.phasebot.plan;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.PlanSpec;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import java.util.Locale;
import java.util.stream.Collectors;

/** The rules for a task's editable fields: which there are, and what each may hold. */
final class TaskFields {

    private final BotConfig config;

    TaskFields(BotConfig config) {
        this.config = config;
    }

    static String value(Task task, String field) {
        return switch (field) {
            case "title" -> task.title();
            case "priority" -> task.priority();
            case "risk" -> task.risk();
            case "owner" -> task.owner();
            default -> task.due();
        };
    }

    /** The value as stored, or a refusal naming the field that says why it cannot be. */
    String valid(String field, String value) {
        switch (field) {
            case "title" -> {
                if (value.isEmpty() || value.length() > 150) {
                    throw Refusal.of(
                            "title", "A task's title is 1 to 150 characters; this one has " + value.length() + ".");
                }
                return value;
            }
            case "priority" -> {
                return priority(value);
            }
            case "risk" -> {
                return risk(value);
            }
            case "owner" -> {
                if (config.agent(value).isEmpty()) {
                    throw Refusal.of(
                            "owner",
                            Span.code(value),
                            " is not an agent of this phase; agents: "
                                    + config.agents().stream().map(a -> a.id()).collect(Collectors.joining(", "))
                                    + ".");
                }
                return value;
            }
            case "due" -> {
                if (value.isEmpty()) {
                    throw Refusal.of(
                            "due",
                            "Give a due: a date (2025-09-01), a window of the plan (Week 2, "
                                    + "48 hours), or none to clear it.");
                }
                return value.equalsIgnoreCase("none") ? "none" : value;
            }
            default ->
                throw Refusal.of(
                        "field",
                        Span.code(field),
                        " is not a field of a task; edit one of " + String.join(", ", PlanRepository.EDITABLE) + ".");
        }
    }

    static String priority(String value) {
        String p = value.toUpperCase(Locale.ROOT);
        if (!PlanSpec.PRIORITIES.contains(p)) {
            throw Refusal.of("priority", "Priority must be one of " + String.join(", ", PlanSpec.PRIORITIES) + ".");
        }
        return p;
    }

    static String risk(String value) {
        String r = value.toUpperCase(Locale.ROOT);
        if (!PlanSpec.RISKS.contains(r)) {
            throw Refusal.of("risk", "Risk must be one of " + String.join(", ", PlanSpec.RISKS) + ".");
        }
        return r;
    }
}
