package dev.phasebot.review;

/** {@code /metric}: a value recorded; {@code baseline} when it was the metric's first, which set its unit and direction. */
public record MetricRecorded(String name, double value, String unit, boolean lowerIsBetter, boolean baseline) {}
