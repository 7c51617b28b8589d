/**
 * The phase at a glance, across features: {@link dev.phasebot.phase.PhaseCommands} holds the
 * {@code /phase} table; {@link dev.phasebot.phase.NextUp} answers {@code /phase next} as a
 * {@link dev.phasebot.phase.NextUpView}, worded by {@link dev.phasebot.phase.NextUpDocs};
 * {@link dev.phasebot.phase.PlanOutlook} holds the rest of the plan (success metrics, risks,
 * contingency plans, handoff requirements: {@code /phase metrics}, {@code risks},
 * {@code contingencies}, {@code handoff}), worded by {@code PlanOutlookDocs}. The dashboard
 * itself is the plan's ({@link dev.phasebot.plan.Dashboard}).
 */
package dev.phasebot.phase;
