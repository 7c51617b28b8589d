package dev.phasebot.incident;

/**
 * An open CRITICAL incident as any channel may mention it: {@code title} is null for a
 * security incident, whose details stay in the security channel.
 */
public record OpenIncident(long id, boolean security, String title) {}
