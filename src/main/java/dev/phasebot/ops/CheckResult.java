package dev.phasebot.ops;

/** One readiness check's answer, as {@code /readyz} lists it. */
public record CheckResult(String name, boolean ok, String reason) {}
