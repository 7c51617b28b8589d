/**
 * The plan: tasks with deliverables and dependencies, quality gates with criteria, the daily
 * overdue check and the dashboard. {@link dev.phasebot.plan.PlanCommands} holds the
 * {@code /task} and {@code /gate} tables. {@link dev.phasebot.plan.PlanService} loads the plan
 * from the config, reads it for every feature and runs the overdue check;
 * {@link dev.phasebot.plan.TaskChanges} and {@link dev.phasebot.plan.GateChanges} change it,
 * each change through {@link dev.phasebot.plan.PlanWriter} (one transaction, then the change
 * listeners). Changes answer in one sealed {@link dev.phasebot.plan.PlanResult} and refuse with
 * {@link dev.phasebot.message.Refusal}. How they read: {@link dev.phasebot.plan.PlanDocs}
 * (posts), {@link dev.phasebot.plan.AnswerDocs} (answers), {@link dev.phasebot.plan.DashboardDocs}.
 */
package dev.phasebot.plan;
