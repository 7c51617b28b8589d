package dev.phasebot.command;

import dev.phasebot.standup.StandupUpdate;

/** What a command answers the caller: text only they see, or a form to fill in. */
public sealed interface CommandReply {

    /** An ephemeral answer (mrkdwn, user text already escaped). */
    record Text(String text) implements CommandReply {
    }

    /** Ask for a standup update section by section; {@code current} pre-fills it. */
    record StandupForm(String agent, boolean securityRequired, StandupUpdate current) implements CommandReply {
    }

    /** Ask for an incident's title, severity, area, affected task and description. */
    record IncidentForm(boolean security) implements CommandReply {
    }

    static CommandReply text(String text) {
        return new Text(text);
    }
}
