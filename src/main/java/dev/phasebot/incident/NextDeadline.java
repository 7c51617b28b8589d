package dev.phasebot.incident;

import java.time.Instant;

/**
 * An open incident's next deadline as one reader may see it: {@code title} is null when the
 * reader may not see a security incident's details.
 */
public record NextDeadline(long id, String severity, boolean security, String title, String milestone, Instant due) {}
