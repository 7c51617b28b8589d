package dev.phasebot.plan;

import java.util.List;

/** The tasks a filter kept, under the filter's title. */
public record TaskList(String title, List<TaskRow> tasks) {}
