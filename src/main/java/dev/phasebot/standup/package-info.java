/**
 * The daily standup: opening, updates, reminder, summary, out of office. Entry point
 * {@link dev.phasebot.standup.StandupService}, a facade over the session (open, remind, close),
 * the updates and the reports; its results are records, and {@link dev.phasebot.standup.StandupDocs}
 * says how its messages read. {@code /standup} lives in {@code dev.phasebot.slash}. Owns the
 * tables standup, standup_update and out_of_office. No Slack or command types.
 */
package dev.phasebot.standup;
