/**
 * The daily standup: opening, updates, reminder, summary, out of office; entry points
 * {@link dev.phasebot.standup.StandupService} (behaviour) and {@link dev.phasebot.standup.StandupCommands}
 * ({@code /standup}). Owns the tables standup, standup_update and out_of_office. No Slack types.
 */
package dev.phasebot.standup;
