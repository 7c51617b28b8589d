package dev.phasebot.review;

import java.time.Instant;

/** A performance metric: its first value is its baseline; {@code lowerIsBetter} says which way is a regression. */
public record Metric(String name, String unit, boolean lowerIsBetter, double baseline, Instant baselineAt) {}
