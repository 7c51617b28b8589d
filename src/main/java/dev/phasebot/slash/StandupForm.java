package dev.phasebot.slash;

import dev.phasebot.command.CommandReply;
import dev.phasebot.standup.StandupUpdate;

/** Ask for a standup update section by section; {@code current} pre-fills it. */
public record StandupForm(String agent, boolean securityRequired, StandupUpdate current) implements CommandReply {}
