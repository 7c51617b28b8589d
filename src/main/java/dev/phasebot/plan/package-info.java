/**
 * The plan: tasks with deliverables and dependencies, quality gates with criteria, the daily
 * overdue check and the dashboard. Entry: {@link dev.phasebot.plan.PlanService}, which answers
 * in values ({@link dev.phasebot.plan.TaskResult}, {@link dev.phasebot.plan.GateResult},
 * {@link dev.phasebot.plan.GateProgress}, {@link dev.phasebot.plan.TaskRow}) and refuses with
 * {@link dev.phasebot.message.Refusal}. How they read: {@link dev.phasebot.plan.PlanDocs} (posts),
 * {@link dev.phasebot.plan.TaskDocs} and {@link dev.phasebot.plan.GateDocs} (answers),
 * {@link dev.phasebot.plan.DashboardDocs}. The command tables are in {@code slash/PlanCommands}.
 */
package dev.phasebot.plan;
