/**
 * What an operator reads about a running phasebot: the log format it writes
 * ({@link dev.phasebot.ops.LogFormat}) and the lines it logs when it starts and stops
 * ({@link dev.phasebot.ops.RunLog}). Main calls both; no feature code depends on this package.
 */
package dev.phasebot.ops;
