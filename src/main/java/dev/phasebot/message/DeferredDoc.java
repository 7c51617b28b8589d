package dev.phasebot.message;

/**
 * A doc an outbox row names instead of holding: the {@link DocSource} registered as
 * {@code source} renders it from {@code argument} (such as a day) when the row is delivered.
 */
public record DeferredDoc(String source, String argument) {}
