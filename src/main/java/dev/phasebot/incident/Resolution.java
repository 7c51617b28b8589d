package dev.phasebot.incident;

/** An incident resolved; its post-incident summary goes to {@code channel} (its name). */
public record Resolution(long id, String channel) {}
