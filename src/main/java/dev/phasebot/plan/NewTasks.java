package dev.phasebot.plan;

import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.plan.TaskResult.TaskAdded;
import dev.phasebot.store.Tx;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Tasks added after the config: by an agent in Slack (T8, T9, ...) and from the review's action items. */
final class NewTasks {

    private final PlanContext ctx;

    NewTasks(PlanContext ctx) {
        this.ctx = ctx;
    }

    TaskAdded add(
            String agent,
            String title,
            String priority,
            String risk,
            String owner,
            String due,
            List<String> deliverables) {
        String taskOwner = owner == null ? agent : owner;
        if (!ctx.isLead(agent) && !taskOwner.equals(agent)) {
            throw Refusal.of(
                    "owner",
                    "Only the lead (" + ctx.config.lead().id() + ") may add tasks for others; "
                            + "leave out owner: to add one of your own.");
        }
        if (ctx.config.agent(taskOwner).isEmpty()) {
            throw Refusal.of("owner", Span.code(taskOwner), " is not an agent of this phase.");
        }
        if (title == null || title.isBlank() || title.length() > 150) {
            throw Refusal.of(
                    "title",
                    "Give the task a title of at most 150 characters: ",
                    Span.code("/task add Fuzz the YAML loader; priority: HIGH; due: Week 2"),
                    ".");
        }
        String p = TaskFields.priority(priority == null ? "MEDIUM" : priority);
        String r = TaskFields.risk(risk == null ? "MEDIUM" : risk);
        String d = due == null || due.isBlank() ? "none" : due.strip();
        Instant now = ctx.clock.instant();
        String id = ctx.change(tx -> {
            String newId = insert(tx, title.strip(), p, r, taskOwner, d);
            for (int i = 0; i < deliverables.size(); i++) {
                Checklists.add(tx, Checklists.Kind.DELIVERABLES, newId, i + 1, deliverables.get(i));
            }
            ctx.audit.record(tx, now, agent, "task.add", newId + " " + title);
            return newId;
        });
        return new TaskAdded(id, title.strip(), p, taskOwner, d);
    }

    /** Due a week after the review, owned by the named agent; joins the caller's transaction when there is one. */
    String addActionItem(String title, String owner, String reviewDay) {
        Instant now = ctx.clock.instant();
        String text = title.length() > 150 ? title.substring(0, 149) + "…" : title;
        return ctx.change(tx -> {
            String newId = insert(
                    tx,
                    text,
                    "MEDIUM",
                    "LOW",
                    owner,
                    LocalDate.parse(reviewDay).plusDays(7).toString());
            ctx.audit.record(
                    tx, now, ctx.config.review().leader(), "task.add", newId + " from the review of " + reviewDay);
            return newId;
        });
    }

    private String insert(Tx tx, String title, String priority, String risk, String owner, String due) {
        String id = "T" + ctx.repository.nextTaskNumber(tx);
        ctx.repository.upsertTask(
                tx,
                id,
                title,
                priority,
                risk,
                owner,
                due,
                ctx.dueDates.dueAt(due),
                "slack",
                ctx.repository.nextPosition(tx));
        return id;
    }
}
