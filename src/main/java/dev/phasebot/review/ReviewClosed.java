package dev.phasebot.review;

import java.time.Instant;

/**
 * {@code /review close}: closed now, or already closed at {@code closedAt} ({@code already});
 * the record and action items go to {@code channel}.
 */
public record ReviewClosed(String day, Instant closedAt, boolean already, String channel) {}
