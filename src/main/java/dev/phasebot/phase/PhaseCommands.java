package dev.phasebot.phase;

import dev.phasebot.command.Access;
import dev.phasebot.command.CommandReply;
import dev.phasebot.command.Param;
import dev.phasebot.command.SlashCommand;
import dev.phasebot.command.Subcommand;
import dev.phasebot.config.PlanSpec;
import dev.phasebot.message.Doc;
import dev.phasebot.phase.PlanOutlook.Checklist;
import dev.phasebot.plan.CurrentPlan;
import dev.phasebot.plan.Dashboard;
import java.util.Optional;

/** {@code /phase} (or {@code /plan}): the whole phase at a glance, and what happens next. */
public final class PhaseCommands {

    private final Dashboard dashboard;
    private final NextUp next;
    private final NextUpDocs nextDocs;
    private final PlanReload reload;
    private final String lead;
    private final CurrentPlan plan;
    private final PlanOutlook outlook;
    private final PlanOutlookDocs outlookDocs = new PlanOutlookDocs();
    private final PhaseLifecycle lifecycle;
    private final PhaseDocs phaseDocs;

    public PhaseCommands(
            Dashboard dashboard,
            NextUp next,
            NextUpDocs nextDocs,
            PlanReload reload,
            String lead,
            CurrentPlan plan,
            PlanOutlook outlook,
            PhaseLifecycle lifecycle) {
        this.dashboard = dashboard;
        this.next = next;
        this.nextDocs = nextDocs;
        this.reload = reload;
        this.lead = lead;
        this.plan = plan;
        this.outlook = outlook;
        this.lifecycle = lifecycle;
        this.phaseDocs = lifecycle.docs();
    }

    public SlashCommand table() {
        Access linked = Access.linked();
        return SlashCommand.named("/phase")
                .alias("/plan")
                .summary("the phase at a glance.")
                .whenEmpty(Subcommand.of()
                        .who(linked)
                        .does(
                                "gates, tasks by priority, overdue, blocked, open CRITICAL incidents; success metrics met, open risks, handoff done")
                        .run(inv -> CommandReply.of(withEnding(dashboard.doc()))))
                .sub(Subcommand.of("next")
                        .who(linked)
                        .does("what happens next, with times: standup, review, incident deadlines, gates due this week")
                        .run(inv -> CommandReply.of(nextDocs.doc(next.next(inv.agent())))))
                .sub(Subcommand.of("reload")
                        .who(Access.lead(lead, "reload the config"))
                        .does(
                                "re-reads the config file and applies its plan, dropped items archived; other settings wait for a restart")
                        .run(inv -> CommandReply.of(reload.reload())))
                .sub(Subcommand.of("list")
                        .who(linked)
                        .does(
                                "every phase this install has run, by its full name: first day, current, closed or superseded")
                        .run(inv -> CommandReply.of(phaseDocs.list(lifecycle.list()))))
                .sub(Subcommand.of("close")
                        .params(Param.text("reason").orLeftOut())
                        .who(Access.lead(lead, "close the phase"))
                        .does(
                                "ends the phase and posts its handoff report (and its Markdown file) to the coordination channel; with a gate not passed, only given a reason")
                        .example("/phase close Gate 4 moves to phase 3: its plan is approved there")
                        .run(inv -> CommandReply.of(phaseDocs.closed(
                                lifecycle.close(inv.agent(), inv.args().text("reason"))))))
                .sub(Subcommand.of("report")
                        .params(Param.text("phase").orLeftOut())
                        .who(linked)
                        .does(
                                "a phase's handoff report (this one as of now; an ended one as it ended): by full name or number, see /phase list")
                        .example("/phase report 1")
                        .run(inv -> CommandReply.of(lifecycle
                                .reportDocs()
                                .doc(lifecycle.report(inv.args().text("phase"))))))
                .sub(Subcommand.of("metrics")
                        .who(linked)
                        .does("the success metrics by group: met / total, who checked each")
                        .run(inv -> CommandReply.of(outlookDocs.groups(
                                Checklist.SUCCESS_METRICS, outlook.groups(Checklist.SUCCESS_METRICS)))))
                .sub(checkRow(Checklist.SUCCESS_METRICS, true, "/phase metric check security 1"))
                .sub(checkRow(Checklist.SUCCESS_METRICS, false, "/phase metric uncheck quality existing tests"))
                .sub(Subcommand.of("risks")
                        .who(linked)
                        .does("the high-risk dependencies: mitigation, owner, open or closed and why")
                        .run(inv -> CommandReply.of(outlookDocs.risks(outlook.risks()))))
                .sub(Subcommand.of("risk", "close")
                        .params(riskParam(), Param.text("why"))
                        .who(Access.rule("risk owner, lead", (agent, args) -> Optional.empty()))
                        .does("closes a risk, saying why; posted to the coordination channel")
                        .example("/phase risk close R3 no regression in two weeks of benchmarks")
                        .run(inv -> CommandReply.of(outlookDocs.riskChanged(outlook.close(
                                inv.agent(), inv.args().text("risk"), inv.args().text("why"))))))
                .sub(Subcommand.of("risk", "reopen")
                        .params(riskParam())
                        .who(Access.rule("risk owner, lead", (agent, args) -> Optional.empty()))
                        .does("opens a closed risk again")
                        .example("/phase risk reopen R3")
                        .run(inv -> CommandReply.of(outlookDocs.riskChanged(
                                outlook.reopen(inv.agent(), inv.args().text("risk"))))))
                .sub(Subcommand.of("contingencies")
                        .who(linked)
                        .does("the contingency plans: trigger → action")
                        .run(inv -> CommandReply.of(outlookDocs.contingencies(outlook.contingencies()))))
                .sub(Subcommand.of("handoff")
                        .who(linked)
                        .does("the next phase's handoff requirements by group: done / total")
                        .run(inv -> CommandReply.of(
                                outlookDocs.groups(Checklist.HANDOFF, outlook.groups(Checklist.HANDOFF)))))
                .sub(checkRow(Checklist.HANDOFF, true, "/phase handoff check documentation 1"))
                .sub(checkRow(Checklist.HANDOFF, false, "/phase handoff uncheck documentation rollback plans"))
                .build();
    }

    /** The dashboard, and once the phase has ended, how and what comes next. */
    private Doc withEnding(Doc dashboardDoc) {
        Phases.Phase current = lifecycle.current();
        return current.ended()
                ? Doc.builder()
                        .line(phaseDocs.ended(current))
                        .addAll(dashboardDoc)
                        .build()
                : dashboardDoc;
    }

    /** {@code /phase metric check <group> <n|words>} and its kin: one row per checklist and direction. */
    private Subcommand checkRow(Checklist checklist, boolean check, String example) {
        String verb = check ? "check" : "uncheck";
        return Subcommand.of(checklist.command(), verb)
                .params(
                        Param.choiceOf(
                                "group",
                                () -> checklist.groups(plan.spec()).stream()
                                        .map(PlanSpec.ChecklistGroupSpec::key)
                                        .toList()),
                        Param.text("n|words"))
                .who(Access.rule("group owner, lead", (agent, args) -> Optional.empty()))
                .does(
                        check
                                ? "checks a " + checklist.noun()
                                        + " by number or words; posted to the coordination channel"
                                : "unchecks one")
                .example(example)
                .run(inv -> CommandReply.of(outlookDocs.itemChecked(outlook.check(
                        inv.agent(),
                        checklist,
                        inv.args().text("group"),
                        inv.args().text("n|words"),
                        check))));
    }

    /** One of the current plan's risks, so a typo gets "did you mean"; any word when it has none (then refused). */
    private Param riskParam() {
        return Param.choiceOf(
                "risk",
                () -> plan.spec().risks().stream().map(PlanSpec.RiskSpec::id).toList());
    }
}
