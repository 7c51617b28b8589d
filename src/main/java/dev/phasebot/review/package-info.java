/**
 * The weekly technical review: decisions, metrics and topics logged during the week
 * ({@link dev.phasebot.review.ReviewLog}), the agenda built from them and from what the other
 * features report through {@link dev.phasebot.review.ReviewInputs}
 * ({@link dev.phasebot.review.ReviewAgenda}), and the review as it runs: agenda posted before
 * it, open, notes, record and action items at the close ({@link dev.phasebot.review.ReviewSession}).
 * Entry class: {@link dev.phasebot.review.ReviewService}, which returns values;
 * {@link dev.phasebot.review.ReviewDocs} turns them into docs. Nothing here knows Slack or the
 * command layer.
 */
package dev.phasebot.review;
