/**
 * The agent API ({@code /api/v1}): agents that are programs post their standup, work
 * incidents and tick deliverables over HTTP with a token the lead issued ({@link
 * dev.phasebot.api.ApiTokens}). {@link dev.phasebot.api.ApiHandler} is the entry class and
 * mounts on any Jetty server; each endpoint asks the access of the slash subcommand it stands
 * for and calls the same core service as that agent. The OpenAPI document is
 * {@code openapi.json} next to these classes. The lead issues and revokes the tokens with
 * {@code /api} ({@link dev.phasebot.api.ApiCommands}).
 */
package dev.phasebot.api;
