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
    private final PlanReload reload;
    private final String lead;

    public PhaseCommands(Dashboard dashboard, NextUp next, NextUpDocs nextDocs, PlanReload reload, String lead) {
        this.dashboard = dashboard;
        this.next = next;
        this.nextDocs = nextDocs;
        this.reload = reload;
        this.lead = lead;
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
                .sub(Subcommand.of("reload")
                        .who(Access.lead(lead, "reload the config"))
                        .does(
                                "re-reads the config file and applies its plan, dropped items archived; other settings wait for a restart")
                        .run(inv -> CommandReply.of(reload.reload())))
                .build();
    }
}
