package dev.phasebot.oncall;

import dev.phasebot.command.Access;
import dev.phasebot.command.CommandReply;
import dev.phasebot.command.SlashCommand;
import dev.phasebot.command.Subcommand;
import java.time.Clock;

/** {@code /oncall}: who takes each role's pages now, and who is next. */
public final class OnCallCommands {

    private final OnCall onCall;
    private final OnCallDocs docs;
    private final Clock clock;

    public OnCallCommands(OnCall onCall, OnCallDocs docs, Clock clock) {
        this.onCall = onCall;
        this.docs = docs;
        this.clock = clock;
    }

    public SlashCommand table() {
        return SlashCommand.named("/oncall")
                .summary("who is on call.")
                .whenEmpty(Subcommand.of()
                        .who(Access.linked())
                        .does(
                                "each role a milestone pages (lead, contact): who is on call now, until when, who is next")
                        .run(inv -> CommandReply.of(docs.doc(onCall.now(), clock.instant()))))
                .build();
    }
}
