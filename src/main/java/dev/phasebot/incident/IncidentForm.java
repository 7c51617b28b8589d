package dev.phasebot.incident;

import dev.phasebot.command.CommandReply;

/**
 * Ask for an incident's title, severity, area and description. {@code incomplete} says the
 * caller typed flags but no title ({@code /incident security}): Slack opens the form with
 * them set; the console, which cannot open one, answers the usage and raises nothing.
 */
public record IncidentForm(boolean security, String severity, boolean incomplete) implements CommandReply {}
