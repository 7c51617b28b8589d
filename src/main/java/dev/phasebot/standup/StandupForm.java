package dev.phasebot.standup;

import dev.phasebot.command.CommandReply;

/** Ask for a standup update section by section; {@code current} pre-fills it. */
public record StandupForm(String agent, boolean securityRequired, StandupUpdate current) implements CommandReply {}
