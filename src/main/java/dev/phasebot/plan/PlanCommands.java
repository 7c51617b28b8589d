package dev.phasebot.plan;

import dev.phasebot.command.Access;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.command.Invocation;
import dev.phasebot.command.Param;
import dev.phasebot.command.SlashCommand;
import dev.phasebot.command.Subcommand;
import dev.phasebot.command.Typos;
import dev.phasebot.config.BotConfig;
import dev.phasebot.message.SafeText;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /task} and {@code /gate}: their tables and how they show the plan, the same for Slack and the console. */
public final class PlanCommands {

    private static final Pattern EDIT = Pattern.compile("(?is)^(\\w+)\\s*:?\\s*(.*)$");
    private static final List<String> FIELDS = List.of("title", "priority", "risk", "owner", "due");
    private static final Pattern LABEL = Pattern.compile("(?i)^(priority|risk|owner|due|deliverables?)\\s*:\\s*(.*)$");

    private final BotConfig config;
    private final PlanService plan;
    private final Dashboard dashboard;
    private final Clock clock;

    public PlanCommands(BotConfig config, PlanService plan, Dashboard dashboard, Clock clock) {
        this.config = config;
        this.plan = plan;
        this.dashboard = dashboard;
        this.clock = clock;
    }

    /** {@code /task}. */
    public SlashCommand taskTable() {
        Access linked = Access.linked();
        Access ownerOrLead = Access.rule("owner, lead", (agent, args) -> Optional.empty());
        return SlashCommand.named("/task")
                .summary("the plan's tasks: priority, risk, owner, due, deliverables and what blocks them.")
                .sub(Subcommand.of("list").params(Param.word("filter").orLeftOut()).who(linked)
                        .does("tasks with priority, owner, state and due; filter by mine, an agent, blocked, overdue or a priority")
                        .example("/task list blocked")
                        .run(inv -> text(list(inv.agent(), inv.args().optionalText("filter").orElse(null)))))
                .sub(Subcommand.of("show").params(Param.task("id")).who(linked)
                        .does("deliverables checklist, dependencies, what blocks it").example("/task show T3")
                        .run(inv -> text(show(inv.args().task("id")))))
                .sub(Subcommand.of("add").params(Param.text("title; priority: HIGH; risk: LOW; owner: agent; due: Week 2; deliverables: a, b"))
                        .who(Access.rule("lead, or anyone for their own", (agent, args) -> Optional.empty()))
                        .does("a new task (T8, T9, ...)")
                        .example("/task add Fuzz the YAML loader; priority: HIGH; due: Week 2; deliverables: corpus, CI job")
                        .run(inv -> text(add(inv.agent(), inv.args().text(
                                "title; priority: HIGH; risk: LOW; owner: agent; due: Week 2; deliverables: a, b")))))
                .sub(Subcommand.of("edit").params(Param.task("id"), Param.text("field: value")).who(ownerOrLead)
                        .does("changes one field: title, priority, risk, owner or due").example("/task edit T3 priority: CRITICAL")
                        .run(this::edit))
                .sub(Subcommand.of("start").params(Param.task("id")).who(ownerOrLead)
                        .does("refused while blocked, with the reason").example("/task start T3")
                        .run(inv -> text(plan.start(inv.agent(), inv.args().task("id")))))
                .sub(Subcommand.of("done").params(Param.task("id"), Param.literal("force").orLeftOut()).who(ownerOrLead)
                        .does("needs every deliverable checked; `force` is the lead's override, written to the audit log")
                        .example("/task done T3")
                        .run(inv -> text(plan.done(inv.agent(), inv.args().task("id"), inv.args().has("force")))))
                .sub(Subcommand.of("reopen").params(Param.task("id")).who(ownerOrLead)
                        .does("a done task goes back in progress; what depends on it is blocked again")
                        .example("/task reopen T3").run(inv -> text(plan.reopenTask(inv.agent(), inv.args().task("id")))))
                .sub(Subcommand.of("deliverable").params(Param.task("id"), Param.choice("action", "check", "uncheck"),
                                Param.integer("n")).who(ownerOrLead).does("ticks (or unticks) a deliverable")
                        .example("/task deliverable T2 check 2")
                        .run(inv -> text(plan.checkDeliverable(inv.agent(), inv.args().task("id"), inv.args().integer("n"),
                                inv.args().text("action").equals("check")))))
                .sub(Subcommand.of("depends").params(Param.task("id"), Param.literal("on"), Param.planRef("ref"))
                        .who(ownerOrLead).does("adds a dependency on a task or gate; a cycle is refused")
                        .example("/task depends T5 on T3")
                        .run(inv -> text(plan.depend(inv.agent(), inv.args().task("id"), inv.args().planRef("ref")))))
                .sub(Subcommand.of("depends").params(Param.task("id"), Param.literal("remove"), Param.planRef("ref"))
                        .who(ownerOrLead).does("removes one").example("/task depends T5 remove T3")
                        .run(inv -> text(plan.removeDependency(inv.agent(), inv.args().task("id"), inv.args().planRef("ref")))))
                .build();
    }

    /** {@code /gate}. */
    public SlashCommand gateTable() {
        Access linked = Access.linked();
        Access ownerOrLead = Access.rule("gate owner, lead", (agent, args) -> Optional.empty());
        return SlashCommand.named("/gate")
                .summary("the quality gates: a gate passes only when every criterion is met and its owner passes it.")
                .sub(Subcommand.of("list").who(linked).does("criteria met / total, owner, due")
                        .run(inv -> text(gateList())))
                .sub(Subcommand.of("show").params(Param.gate("n")).who(linked)
                        .does("each criterion, what the gate blocks, its impact").example("/gate show 1")
                        .run(inv -> text(gateShow(inv.args().gate("n")))))
                .sub(Subcommand.of("check").params(Param.gate("n"), Param.text("criterion")).who(ownerOrLead)
                        .does("checks a criterion by number or words; posted to the coordination channel")
                        .example("/gate check 1 2")
                        .run(inv -> text(plan.checkCriterion(inv.agent(), inv.args().gate("n"), inv.args().text("criterion"), true))))
                .sub(Subcommand.of("uncheck").params(Param.gate("n"), Param.text("criterion")).who(ownerOrLead)
                        .does("unchecks one").example("/gate uncheck 1 security audit")
                        .run(inv -> text(plan.checkCriterion(inv.agent(), inv.args().gate("n"), inv.args().text("criterion"), false))))
                .sub(Subcommand.of("pass").params(Param.gate("n")).who(Access.rule("gate owner", (agent, args) -> Optional.empty()))
                        .does("only when every criterion is met (otherwise the unmet ones are named); says what it unblocked")
                        .example("/gate pass 1").run(inv -> text(plan.pass(inv.agent(), inv.args().gate("n")))))
                .sub(Subcommand.of("reopen").params(Param.gate("n")).who(Access.lead(config.lead().id(), "reopen a gate"))
                        .does("blocks again what the gate blocks").example("/gate reopen 1")
                        .run(inv -> text(plan.reopen(inv.agent(), inv.args().gate("n")))))
                .build();
    }

    private CommandReply edit(Invocation inv) {
        String task = inv.args().task("id");
        Matcher m = EDIT.matcher(inv.args().text("field: value"));
        String field = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : "";
        if (!FIELDS.contains(field)) {
            List<String> close = Typos.suggestions(field, FIELDS);
            throw new CommandException("`" + SafeText.escape(field) + "` is not a field of a task; edit one of "
                    + String.join(", ", FIELDS) + "." + (close.isEmpty() ? "" : " Did you mean `/task edit " + task + " "
                    + close.get(0) + ": " + SafeText.escape(m.group(2).strip()) + "`?") + " Nothing was changed.");
        }
        String value = m.group(2).strip();
        if (value.isEmpty()) {
            throw new CommandException("Give the new " + field + ": `/task edit " + task + " " + field + ": ...`. Nothing was changed.");
        }
        return text(plan.editTask(inv.agent(), task, field, value));
    }

    private String list(String agent, String filter) {
        PlanSnapshot snapshot = plan.snapshot();
        Instant now = clock.instant();
        Predicate<Task> keep;
        String title;
        if (filter == null) {
            keep = t -> true;
            title = "All tasks";
        } else {
            String f = filter.toLowerCase(Locale.ROOT);
            if (f.equals("mine")) {
                keep = t -> t.owner().equals(agent);
                title = "Your tasks";
            } else if (f.equals("blocked")) {
                keep = snapshot::isBlocked;
                title = "Blocked tasks";
            } else if (f.equals("overdue")) {
                keep = t -> snapshot.isOverdue(t, now);
                title = "Overdue tasks";
            } else if (List.of("critical", "high", "medium", "low").contains(f)) {
                keep = t -> t.priority().equalsIgnoreCase(f);
                title = f.toUpperCase(Locale.ROOT) + " tasks";
            } else if (config.agent(filter).isPresent()) {
                keep = t -> t.owner().equals(filter);
                title = "Tasks of " + filter;
            } else {
                List<String> filters = new ArrayList<>(List.of("mine", "blocked", "overdue", "CRITICAL", "HIGH", "MEDIUM", "LOW"));
                config.agents().forEach(a -> filters.add(a.id()));
                List<String> close = Typos.suggestions(filter, filters);
                throw new CommandException("`" + SafeText.escape(filter) + "` is not a filter: use mine, an agent, "
                        + "blocked, overdue, or a priority." + (close.isEmpty() ? "" : " Did you mean `/task list "
                        + close.get(0) + "`?"));
            }
        }
        List<Task> tasks = snapshot.tasks().stream().filter(keep).toList();
        if (tasks.isEmpty()) {
            return title + ": none.";
        }
        StringBuilder text = new StringBuilder("*" + title + "*\n");
        tasks.forEach(t -> text.append(plan.line(snapshot, t, now)).append('\n'));
        return text.toString().stripTrailing();
    }

    private String show(String id) {
        PlanSnapshot snapshot = plan.snapshot();
        Task t = snapshot.task(PlanService.normaliseRef(id)).orElseThrow(() -> new CommandException("There is no task `"
                + SafeText.escape(id) + "`. `/task list` shows them."));
        StringBuilder text = new StringBuilder("*" + t.id() + " " + SafeText.escape(t.title()) + "*\n");
        text.append(t.priority()).append(" priority · ").append(t.risk()).append(" risk · owner ").append(t.owner())
                .append(" · due ").append(SafeText.escape(t.due())).append(" · ").append(snapshot.status(t)).append('\n');
        List<String> blockers = snapshot.blockers(t);
        if (!t.isDone() && !blockers.isEmpty()) {
            text.append("*Blocked by:* ").append(String.join("; ", blockers)).append('\n');
        }
        if (!t.dependsOn().isEmpty()) {
            text.append("*Depends on:* ").append(String.join(", ", t.dependsOn())).append('\n');
        }
        text.append("*Deliverables* (").append(t.checkedCount()).append('/').append(t.deliverables().size()).append(")\n");
        for (Task.Deliverable d : t.deliverables()) {
            text.append(d.isChecked() ? ":white_check_mark: " : ":white_square: ").append(d.index()).append(". ")
                    .append(SafeText.escape(d.text())).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private String add(String agent, String spec) {
        List<String> pieces = new ArrayList<>(Arrays.asList(spec.split("\\s*;\\s*")));
        String title = pieces.isEmpty() ? "" : pieces.remove(0);
        String priority = null;
        String risk = null;
        String owner = null;
        String due = null;
        List<String> deliverables = List.of();
        for (String piece : pieces) {
            Matcher m = LABEL.matcher(piece.strip());
            if (!m.matches()) {
                throw new CommandException("I could not read `" + SafeText.escape(piece) + "`: after the title use "
                        + "`priority:`, `risk:`, `owner:`, `due:` or `deliverables:`, separated by `;`.");
            }
            String value = m.group(2).strip();
            switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "priority" -> priority = value.toUpperCase(Locale.ROOT);
                case "risk" -> risk = value.toUpperCase(Locale.ROOT);
                case "owner" -> owner = value;
                case "due" -> due = value;
                default -> deliverables = Arrays.stream(value.split("\\s*,\\s*")).filter(s -> !s.isBlank()).toList();
            }
        }
        return plan.addTask(agent, title, priority, risk, owner, due, deliverables);
    }

    private String deliverable(String agent, List<String> words) {
        if (words.size() != 4 || !(words.get(2).equalsIgnoreCase("check") || words.get(2).equalsIgnoreCase("uncheck"))
                || !words.get(3).matches("\\d{1,3}")) {
            throw new CommandException("Usage: `/task deliverable <id> check <n>` or `uncheck <n>`, e.g. "
                    + "`/task deliverable T1 check 1`.");
        }
        return plan.checkDeliverable(agent, words.get(1), Integer.parseInt(words.get(3)),
                words.get(2).equalsIgnoreCase("check"));
    }

    private String gateList() {
        PlanSnapshot snapshot = plan.snapshot();
        StringBuilder text = new StringBuilder("*Quality gates*\n");
        for (Gate g : snapshot.gates()) {
            text.append("• ").append(g.label()).append(": ").append(g.metCount()).append(" of ")
                    .append(g.criteria().size()).append(" criteria met · owner ").append(g.owner()).append(" · ")
                    .append(g.isPassed() ? "passed" : "due " + SafeText.escape(g.due())).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private String gateShow(int number) {
        PlanSnapshot snapshot = plan.snapshot();
        Gate g = snapshot.gate(number).orElseThrow(() -> new CommandException("There is no gate " + number
                + ". `/gate list` shows them."));
        StringBuilder text = new StringBuilder("*" + g.label() + "* · owner " + g.owner() + " · "
                + (g.isPassed() ? "passed by " + g.passedBy() : "due " + SafeText.escape(g.due())) + "\n");
        for (Gate.Criterion c : g.criteria()) {
            text.append(c.isMet() ? ":white_check_mark: " : ":white_square: ").append(c.index()).append(". ")
                    .append(SafeText.escape(c.text())).append(c.isMet() ? " (" + c.metBy() + ")" : "").append('\n');
        }
        if (!g.blocks().isEmpty()) {
            text.append("*Blocks:* ").append(String.join(", ", g.blocks())).append('\n');
        }
        if (g.impact() != null) {
            text.append("*Impact:* ").append(SafeText.escape(g.impact()));
        }
        return text.toString().stripTrailing();
    }

    private static CommandReply text(String text) {
        return CommandReply.text(text);
    }
}
