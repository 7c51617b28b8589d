/**
 * The daily standup: opening, updates, reminder, summary, out of office. {@link
 * dev.phasebot.standup.StandupCommands} is {@code /standup}'s table; it calls the classes that do
 * the work: {@link dev.phasebot.standup.StandupSession} opens, reminds and closes the day, {@link
 * dev.phasebot.standup.StandupUpdates} takes updates and days away, {@link
 * dev.phasebot.standup.StandupReports} reads what was said, and {@link
 * dev.phasebot.standup.SummaryPoster} queues the summary and builds it at delivery. Changes return
 * a {@link dev.phasebot.standup.StandupResult}; {@link dev.phasebot.standup.StandupDocs} says how
 * every message and answer reads. Owns the tables standup, standup_update and out_of_office. No
 * Slack types, no mrkdwn.
 */
package dev.phasebot.standup;
