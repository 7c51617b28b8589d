package dev.phasebot.phase;

import dev.phasebot.command.Access;
import dev.phasebot.command.CommandReply;
import dev.phasebot.command.SlashCommand;
import dev.phasebot.command.Subcommand;
import dev.phasebot.plan.Dashboard;

/** {@code /phase} (or {@code /plan}): the whole phase at a glance, and what happens next. */
public final class PhaseCommands {

    private final Dashboard dashboard;
    private final NextUp next;
    private final NextUpDocs nextDocs;

    public PhaseCommands(Dashboard dashboard, NextUp next, NextUpDocs nextDocs) {
        this.dashboard = dashboard;
        this.next = next;
        this.nextDocs = nextDocs;
    }

    public SlashCommand table() {
        Access linked = Access.linked();
        return SlashCommand.named("/phase")
                .alias("/plan")
                .summary("the phase at a glance.")
                .whenEmpty(Subcommand.of()
                        .who(linked)
                        .does("gates, tasks by priority, overdue, blocked, open CRITICAL incidents")
                        .run(inv -> CommandReply.of(dashboard.doc())))
                .sub(Subcommand.of("next")
                        .who(linked)
                        .does("what happens next, with times: standup, review, incident deadlines, gates due this week")
                        .run(inv -> CommandReply.of(nextDocs.doc(next.next(inv.agent())))))
                .build();
    }
}
