package dev.phasebot.incident;

/** What someone raising an incident says: text as typed, not yet escaped. */
public record RaiseRequest(String title, String severity, boolean security, String description, String affects) {}
