package dev.phasebot.incident;

/** An incident's assignee after {@code assign}; {@code changed} is false when it was already theirs. */
public record Assignment(long id, String assignee, boolean changed) {}
