package dev.phasebot.plan;

import dev.phasebot.command.Access;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.command.Param;
import dev.phasebot.command.SlashCommand;
import dev.phasebot.command.Subcommand;
import dev.phasebot.command.Subcommand.Invocation;
import dev.phasebot.command.Typos;
import dev.phasebot.config.BotConfig;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Span;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /task} and {@code /gate}: their tables, and the reading of what was typed into calls
 * of the plan; the plan's values are answered as {@link AnswerDocs} says.
 */
public final class PlanCommands {

    private static final Pattern EDIT = Pattern.compile("(?is)^(\\w+)\\s*:?\\s*(.*)$");
    private static final List<String> FIELDS = List.of("title", "priority", "risk", "owner", "due");
    private static final Pattern LABEL = Pattern.compile("(?i)^(priority|risk|owner|due|deliverables?)\\s*:\\s*(.*)$");
    private static final String ADD_SPEC =
            "title; priority: HIGH; risk: LOW; owner: agent; due: Week 2; deliverables: a, b";

    private final BotConfig config;
    private final PlanService plan;
    private final TaskChanges tasks;
    private final GateChanges gates;
    private final AnswerDocs docs;

    public PlanCommands(BotConfig config, PlanService plan, TaskChanges tasks, GateChanges gates, Clock clock) {
        this.config = config;
        this.plan = plan;
        this.tasks = tasks;
        this.gates = gates;
        this.docs = new AnswerDocs(config.phase().zone(), clock);
    }

    /** {@code /task}. */
    public SlashCommand taskTable() {
        Access linked = Access.linked();
        Access ownerOrLead = Access.rule("owner, lead", (agent, args) -> Optional.empty());
        return SlashCommand.named("/task")
                .summary("the plan's tasks: priority, risk, owner, due, deliverables and what blocks them.")
                .whenEmpty(Subcommand.of()
                        .who(linked)
                        .does("lists every task, as `/task list`")
                        .run(inv -> reply(docs.taskList(plan.list(filter(inv.agent(), null))))))
                .reference(Subcommand.of()
                        .params(Param.task("id"))
                        .who(linked)
                        .does("shows that task, as `/task show`")
                        .example("/task T3")
                        .run(inv -> reply(docs.showTask(plan.task(inv.args().task("id"))))))
                .sub(Subcommand.of("list")
                        .params(Param.word("filter").orLeftOut())
                        .who(linked)
                        .does(
                                "tasks with priority, owner, state and due; filter by mine, an agent, blocked, overdue or a priority")
                        .example("/task list blocked")
                        .run(inv -> reply(docs.taskList(plan.list(filter(
                                inv.agent(), inv.args().optionalText("filter").orElse(null)))))))
                .sub(Subcommand.of("show")
                        .params(Param.task("id"))
                        .who(linked)
                        .does("deliverables checklist, dependencies, what blocks it")
                        .example("/task show T3")
                        .run(inv -> reply(docs.showTask(plan.task(inv.args().task("id"))))))
                .sub(Subcommand.of("add")
                        .params(Param.text(ADD_SPEC))
                        .who(Access.rule("lead, or anyone for their own", (agent, args) -> Optional.empty()))
                        .does("a new task (T8, T9, ...)")
                        .example(
                                "/task add Fuzz the YAML loader; priority: HIGH; due: Week 2; deliverables: corpus, CI job")
                        .run(inv -> add(inv.agent(), inv.args().text(ADD_SPEC))))
                .sub(Subcommand.of("edit")
                        .params(Param.task("id"), Param.text("field: value"))
                        .who(ownerOrLead)
                        .does("changes one field: title, priority, risk, owner or due")
                        .example("/task edit T3 priority: CRITICAL")
                        .run(this::edit))
                .sub(Subcommand.of("start")
                        .params(Param.task("id"))
                        .who(ownerOrLead)
                        .does("refused while blocked, with the reason")
                        .example("/task start T3")
                        .run(inv -> reply(
                                docs.answer(tasks.start(inv.agent(), inv.args().task("id"))))))
                .sub(Subcommand.of("done")
                        .params(Param.task("id"), Param.literal("force").orLeftOut())
                        .who(ownerOrLead)
                        .does(
                                "needs every deliverable checked; `force` is the lead's override, written to the audit log")
                        .example("/task done T3")
                        .run(inv -> reply(docs.answer(tasks.done(
                                inv.agent(), inv.args().task("id"), inv.args().has("force"))))))
                .sub(Subcommand.of("reopen")
                        .params(Param.task("id"))
                        .who(ownerOrLead)
                        .does("a done task goes back in progress; what depends on it is blocked again")
                        .example("/task reopen T3")
                        .run(inv -> reply(
                                docs.answer(tasks.reopen(inv.agent(), inv.args().task("id"))))))
                .sub(Subcommand.of("deliverable")
                        .params(Param.task("id"), Param.choice("action", "check", "uncheck"), Param.integer("n"))
                        .who(ownerOrLead)
                        .does("ticks (or unticks) a deliverable")
                        .example("/task deliverable T2 check 2")
                        .run(inv -> reply(docs.answer(tasks.checkDeliverable(
                                inv.agent(),
                                inv.args().task("id"),
                                inv.args().integer("n"),
                                inv.args().text("action").equals("check"))))))
                .sub(Subcommand.of("depends")
                        .params(Param.task("id"), Param.literal("on"), Param.planRef("ref"))
                        .who(ownerOrLead)
                        .does("adds a dependency on a task or gate; a cycle is refused")
                        .example("/task depends T5 on T3")
                        .run(inv -> reply(docs.answer(tasks.depend(
                                inv.agent(), inv.args().task("id"), inv.args().planRef("ref"))))))
                .sub(Subcommand.of("depends")
                        .params(Param.task("id"), Param.literal("remove"), Param.planRef("ref"))
                        .who(ownerOrLead)
                        .does("removes one")
                        .example("/task depends T5 remove T3")
                        .run(inv -> reply(docs.answer(tasks.removeDependency(
                                inv.agent(), inv.args().task("id"), inv.args().planRef("ref"))))))
                .build();
    }

    /** {@code /gate}. */
    public SlashCommand gateTable() {
        Access linked = Access.linked();
        Access ownerOrLead = Access.rule("gate owner, lead", (agent, args) -> Optional.empty());
        return SlashCommand.named("/gate")
                .summary("the quality gates: a gate passes only when every criterion is met and its owner passes it.")
                .whenEmpty(Subcommand.of()
                        .who(linked)
                        .does("lists the gates, as `/gate list`")
                        .run(inv -> reply(docs.gateList(plan.gateProgress()))))
                .reference(Subcommand.of()
                        .params(Param.gate("n"))
                        .who(linked)
                        .does("shows that gate, as `/gate show`")
                        .example("/gate 1")
                        .run(inv -> reply(docs.showGate(plan.gate(inv.args().gate("n"))))))
                .sub(Subcommand.of("list")
                        .who(linked)
                        .does("criteria met / total, owner, due")
                        .run(inv -> reply(docs.gateList(plan.gateProgress()))))
                .sub(Subcommand.of("show")
                        .params(Param.gate("n"))
                        .who(linked)
                        .does("each criterion, what the gate blocks, its impact")
                        .example("/gate show 1")
                        .run(inv -> reply(docs.showGate(plan.gate(inv.args().gate("n"))))))
                .sub(Subcommand.of("check")
                        .params(Param.gate("n"), Param.text("criterion"))
                        .who(ownerOrLead)
                        .does("checks a criterion by number or words; posted to the coordination channel")
                        .example("/gate check 1 2")
                        .run(inv -> reply(docs.answer(gates.checkCriterion(
                                inv.agent(), inv.args().gate("n"), inv.args().text("criterion"), true)))))
                .sub(Subcommand.of("uncheck")
                        .params(Param.gate("n"), Param.text("criterion"))
                        .who(ownerOrLead)
                        .does("unchecks one")
                        .example("/gate uncheck 1 security audit")
                        .run(inv -> reply(docs.answer(gates.checkCriterion(
                                inv.agent(), inv.args().gate("n"), inv.args().text("criterion"), false)))))
                .sub(Subcommand.of("pass")
                        .params(Param.gate("n"))
                        .who(Access.rule("gate owner", (agent, args) -> Optional.empty()))
                        .does(
                                "only when every criterion is met (otherwise the unmet ones are named); says what it unblocked")
                        .example("/gate pass 1")
                        .run(inv -> reply(
                                docs.answer(gates.pass(inv.agent(), inv.args().gate("n"))))))
                .sub(Subcommand.of("reopen")
                        .params(Param.gate("n"))
                        .who(Access.lead(config.lead().id(), "reopen a gate"))
                        .does("blocks again what the gate blocks")
                        .example("/gate reopen 1")
                        .run(inv -> reply(
                                docs.answer(gates.reopen(inv.agent(), inv.args().gate("n"))))))
                .build();
    }

    private TaskFilter filter(String agent, String word) {
        if (word == null) {
            return TaskFilter.all();
        }
        return TaskFilter.parse(word, agent, config).orElseThrow(() -> {
            List<String> close = Typos.suggestions(word, TaskFilter.words(config));
            return new CommandException(
                    "filter",
                    Doc.of(
                            Span.code(word),
                            " is not a filter: use mine, an agent, " + "blocked, overdue, or a priority."
                                    + (close.isEmpty() ? "" : " Did you mean "),
                            Span.code(close.isEmpty() ? "" : "/task list " + close.get(0)),
                            close.isEmpty() ? "" : "?"));
        });
    }

    private CommandReply edit(Invocation inv) {
        String task = inv.args().task("id");
        Matcher m = EDIT.matcher(inv.args().text("field: value"));
        String field = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : "";
        if (!FIELDS.contains(field)) {
            List<String> close = Typos.suggestions(field, FIELDS);
            throw new CommandException(
                    "field: value",
                    Doc.of(
                            Span.code(field),
                            " is not a field of a task; edit one of " + String.join(", ", FIELDS) + "."
                                    + (close.isEmpty() ? "" : " Did you mean "),
                            Span.code(
                                    close.isEmpty()
                                            ? ""
                                            : "/task edit " + task + " " + close.get(0) + ": "
                                                    + m.group(2).strip()),
                            (close.isEmpty() ? "" : "?") + " Nothing was changed."));
        }
        String value = m.group(2).strip();
        if (value.isEmpty()) {
            throw new CommandException(
                    "field: value",
                    Doc.of(
                            "Give the new " + field + ": ",
                            Span.code("/task edit " + task + " " + field + ": ..."),
                            ". Nothing was changed."));
        }
        return reply(docs.answer(tasks.edit(inv.agent(), task, field, value)));
    }

    /** "title; priority: HIGH; risk: LOW; owner: agent; due: Week 2; deliverables: a, b". */
    private CommandReply add(String agent, String spec) {
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
                throw new CommandException(
                        ADD_SPEC,
                        Doc.of(
                                "I could not read ",
                                Span.code(piece),
                                ": after the title use ",
                                Span.code("priority:"),
                                ", ",
                                Span.code("risk:"),
                                ", ",
                                Span.code("owner:"),
                                ", ",
                                Span.code("due:"),
                                " or ",
                                Span.code("deliverables:"),
                                ", separated by ",
                                Span.code(";"),
                                "."));
            }
            String value = m.group(2).strip();
            switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "priority" -> priority = value.toUpperCase(Locale.ROOT);
                case "risk" -> risk = value.toUpperCase(Locale.ROOT);
                case "owner" -> owner = value;
                case "due" -> due = value;
                default ->
                    deliverables = Arrays.stream(value.split("\\s*,\\s*"))
                            .filter(s -> !s.isBlank())
                            .toList();
            }
        }
        return reply(docs.answer(tasks.add(agent, title, priority, risk, owner, due, deliverables)));
    }

    private static CommandReply reply(Doc doc) {
        return CommandReply.of(doc);
    }
}
