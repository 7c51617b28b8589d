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

    public PhaseCommands(Dashboard dashboard, NextUp next) {
        this.dashboard = dashboard;
        this.next = next;
    }

    public SlashCommand table() {
        Access linked = Access.linked();
        return SlashCommand.named("/phase").alias("/plan")
                .summary("the phase at a glance.")
                .whenEmpty(Subcommand.of().who(linked)
                        .does("gates, tasks by priority, overdue, blocked, open CRITICAL incidents")
                        .run(inv -> CommandReply.text(dashboard.render())))
                .sub(Subcommand.of("next").who(linked)
                        .does("what happens next, with times: standup, review, incident deadlines, gates due this week")
                        .run(inv -> CommandReply.text(next.render(inv.agent()))))
                .build();
    }
}
