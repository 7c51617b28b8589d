/**
 * The weekly technical review: decisions, metrics and topics logged during the week
 * ({@link dev.phasebot.review.ReviewLog}), the agenda built from them and from what the other
 * features report through {@link dev.phasebot.review.ReviewInputs}
 * ({@link dev.phasebot.review.ReviewAgenda}), and the review as it runs: agenda posted before
 * it, open, notes, record and action items at the close ({@link dev.phasebot.review.ReviewSession}).
 * {@link dev.phasebot.review.ReviewCommands} holds the tables of {@code /decision}, {@code /metric}
 * and {@code /review}, which call the log and the session; their answers are values
 * ({@link dev.phasebot.review.ReviewResult} for changes) and {@link dev.phasebot.review.ReviewDocs}
 * turns them into docs. The tables use phasebot's own command grammar; nothing here knows Slack.
 */
package dev.phasebot.review;
