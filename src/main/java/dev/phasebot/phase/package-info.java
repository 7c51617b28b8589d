/**
 * The phase at a glance, across features: {@link dev.phasebot.phase.PhaseCommands} holds the
 * {@code /phase} table; {@link dev.phasebot.phase.NextUp} answers {@code /phase next} as a
 * {@link dev.phasebot.phase.NextUpView}, worded by {@link dev.phasebot.phase.NextUpDocs};
 * {@link dev.phasebot.phase.PlanOutlook} holds the rest of the plan (success metrics, risks,
 * contingency plans, handoff requirements: {@code /phase metrics}, {@code risks},
 * {@code contingencies}, {@code handoff}), worded by {@code PlanOutlookDocs}. The dashboard
 * itself is the plan's ({@link dev.phasebot.plan.Dashboard}).
 *
 * <p>Phases one after another: {@link dev.phasebot.phase.Phases} keeps them (which is current,
 * which phase a moment belongs to, beginning the config's phase at start-up);
 * {@link dev.phasebot.phase.PhaseLifecycle} is what the team sees of it ({@code /phase close},
 * {@code /phase report}, {@code /phase list}, the start-up step's messages);
 * {@link dev.phasebot.phase.HandoffReports} builds a phase's {@link dev.phasebot.phase.HandoffReport}
 * from the store, worded by {@link dev.phasebot.phase.HandoffReportDocs} (summary and Markdown
 * file); {@link dev.phasebot.phase.PhaseHistory} gives the history commands their phase.
 */
package dev.phasebot.phase;
