package dev.phasebot.incident;

import java.time.Instant;

/** A milestone and when it falls: what an answer lists after the clock starts. */
public record Deadline(String name, Instant due) {}
