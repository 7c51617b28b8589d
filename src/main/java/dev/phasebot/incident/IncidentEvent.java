package dev.phasebot.incident;

import java.time.Instant;

/** A line of an incident's timeline: append-only. */
public record IncidentEvent(Instant at, String actor, String kind, String detail) {}
