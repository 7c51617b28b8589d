/**
 * Each feature's slash commands: its table for the {@link dev.phasebot.command} grammar, and
 * how its answers read (the feature's records as docs). The only place that knows both the
 * grammar and the features, so neither imports the other.
 */
package dev.phasebot.slash;
