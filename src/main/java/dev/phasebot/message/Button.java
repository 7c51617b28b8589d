package dev.phasebot.message;

/** An action a reader can take on a message; {@code command} is what the console shows instead. */
public record Button(String actionId, String label, String value, String command) {}
