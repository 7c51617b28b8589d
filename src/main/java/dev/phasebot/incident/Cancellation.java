package dev.phasebot.incident;

/** An incident cancelled as raised in error, and why. */
public record Cancellation(long id, String reason) {}
