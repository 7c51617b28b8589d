package dev.phasebot.review;

import java.time.Instant;

/** {@code /review open}: the review runs until {@code until}; its agenda is in {@code channel} (a channel name). */
public record ReviewOpened(String day, Instant until, String channel) {}
