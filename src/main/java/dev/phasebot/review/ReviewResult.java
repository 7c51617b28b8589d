package dev.phasebot.review;

import java.time.Instant;

/**
 * What a change to the review answers: one record per kind. {@link ReviewDocs#result} words
 * every kind (a test walks the permitted kinds, so a new one cannot go without its words).
 */
public sealed interface ReviewResult {

    /** {@code /decision}: the decision's id and the task or gate it links to (null when it names none). */
    record DecisionLogged(long id, String link) implements ReviewResult {}

    /** {@code /metric}: a value recorded; {@code baseline} when it was the metric's first, which set its unit and direction. */
    record MetricRecorded(String name, double value, String unit, boolean lowerIsBetter, boolean baseline)
            implements ReviewResult {}

    /** {@code /review item}: the topic's id and the agenda heading it will be under. */
    record TopicAdded(long id, String heading) implements ReviewResult {}

    /** {@code /review notes}: a note, or an action item for {@code actionOwner} (null for a plain note). */
    record NoteTaken(String actionOwner) implements ReviewResult {

        public boolean isAction() {
            return actionOwner != null;
        }
    }

    /** {@code /review open}: the review runs until {@code until}; its agenda is in {@code channel} (a channel name). */
    record ReviewOpened(String day, Instant until, String channel) implements ReviewResult {}

    /**
     * {@code /review close}: closed now, or already closed at {@code closedAt} ({@code already});
     * the record and action items go to {@code channel}.
     */
    record ReviewClosed(String day, Instant closedAt, boolean already, String channel) implements ReviewResult {}
}
