package dev.phasebot.review;

import dev.phasebot.review.ReviewLog.Metric;

/**
 * A metric as it stands: its latest value, and the value a week before (null when it had
 * none yet, then the week's change is measured from the baseline).
 */
public record MetricReading(Metric metric, double latest, Double weekAgo) {

    /** Change since the baseline in percent; empty when the baseline is 0 and the value is not. */
    public java.util.OptionalDouble sinceBaseline() {
        return percent(metric.baseline(), latest);
    }

    /** Change over the week (or since the baseline when there was no value a week ago), in percent. */
    public java.util.OptionalDouble weekChange() {
        return percent(previous(), latest);
    }

    /** Worse than a week ago, the way this metric counts: higher when lower is better, and the other way. */
    public boolean isRegression() {
        return metric.lowerIsBetter() ? latest > previous() : latest < previous();
    }

    private double previous() {
        return weekAgo == null ? metric.baseline() : weekAgo;
    }

    private static java.util.OptionalDouble percent(double from, double to) {
        if (from == 0) {
            return to == 0 ? java.util.OptionalDouble.of(0) : java.util.OptionalDouble.empty();
        }
        return java.util.OptionalDouble.of((to - from) / Math.abs(from) * 100);
    }
}
