package dev.phasebot.plan;

import java.util.List;

/** One task as {@code /task show} shows it: the task, its state, and what blocks it now. */
public record TaskView(Task task, String status, List<String> blockers) {}
