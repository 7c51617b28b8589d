/**
 * What an operator reads about a running phasebot: the log format ({@link dev.phasebot.ops.LogFormat}),
 * the start and stop lines ({@link dev.phasebot.ops.RunLog}), and the health, readiness and metrics
 * pages ({@link dev.phasebot.ops.OpsPages}, over {@link dev.phasebot.ops.BotChecks} and
 * {@link dev.phasebot.ops.BotMetrics}), served on Slack's request port or on
 * {@link dev.phasebot.ops.AdminServer}; and the Jetty server every port shares, which names nothing
 * of itself ({@link dev.phasebot.ops.QuietHttpServer}). Only the wiring and the adapters (Slack, the
 * API) use this package; no feature code does: the parts that count take a Micrometer registry.
 */
package dev.phasebot.ops;
