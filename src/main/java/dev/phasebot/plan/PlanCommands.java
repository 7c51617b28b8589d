package dev.phasebot.plan;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.config.BotConfig;
import dev.phasebot.message.SafeText;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /task}, {@code /gate} and {@code /phase}, the same for Slack and the console. */
public final class PlanCommands {

    static final String TASK_HELP = String.join("\n",
            "*/task*: the plan's tasks.",
            "`/task list [mine|<agent>|blocked|overdue|CRITICAL|HIGH|MEDIUM|LOW]` · `/task show <id>`",
            "`/task add <title>; priority: HIGH; risk: LOW; owner: <agent>; due: Week 2; deliverables: a, b, c` (lead, or your own task)",
            "`/task start <id>` · `/task done <id>` (every deliverable checked; the lead may add `force`)",
            "`/task deliverable <id> check <n>` · `/task deliverable <id> uncheck <n>`",
            "`/task depends <id> on <id|gate:N>` (a cycle is refused)");
    static final String GATE_HELP = String.join("\n",
            "*/gate*: the quality gates.",
            "`/gate list` · `/gate show <n>`",
            "`/gate check <n> <criterion number or words>` · `/gate uncheck <n> <criterion>` (owner or lead)",
            "`/gate pass <n>` (owner, when every criterion is met) · `/gate reopen <n>` (lead)");
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

    public CommandReply phase(Caller caller) {
        caller.requireAgent(config.lead().id());
        return text(dashboard.render());
    }

    public CommandReply task(Caller caller, String rawText) {
        String text = rawText == null ? "" : rawText.strip();
        List<String> words = text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s+"));
        String sub = words.isEmpty() ? "help" : words.get(0).toLowerCase(Locale.ROOT);
        if (sub.equals("help")) {
            return text(TASK_HELP);
        }
        String agent = caller.requireAgent(config.lead().id());
        return switch (sub) {
            case "list" -> text(list(agent, words.size() > 1 ? words.get(1) : null));
            case "show" -> text(show(arg(words, 1, "/task show <id>")));
            case "add" -> text(add(agent, text.substring(3).strip()));
            case "start" -> text(plan.start(agent, arg(words, 1, "/task start <id>")));
            case "done" -> text(plan.done(agent, arg(words, 1, "/task done <id> [force]"),
                    words.size() > 2 && words.get(2).equalsIgnoreCase("force")));
            case "deliverable" -> text(deliverable(agent, words));
            case "depends" -> {
                if (words.size() != 4 || !words.get(2).equalsIgnoreCase("on")) {
                    throw new CommandException("Usage: `/task depends <id> on <id|gate:N>`, e.g. `/task depends T5 on T3`.");
                }
                yield text(plan.depend(agent, words.get(1), words.get(3)));
            }
            default -> throw new CommandException("Unknown `/task " + SafeText.escape(sub) + "`.\n" + TASK_HELP);
        };
    }

    public CommandReply gate(Caller caller, String rawText) {
        String text = rawText == null ? "" : rawText.strip();
        String[] words = text.isEmpty() ? new String[0] : text.split("\\s+", 3);
        String sub = words.length == 0 ? "help" : words[0].toLowerCase(Locale.ROOT);
        if (sub.equals("help")) {
            return text(GATE_HELP);
        }
        String agent = caller.requireAgent(config.lead().id());
        if (sub.equals("list")) {
            return text(gateList());
        }
        if (words.length < 2) {
            throw new CommandException("Usage: `/gate " + SafeText.escape(sub) + " <n>`.\n" + GATE_HELP);
        }
        int number = gateNumber(words[1]);
        return switch (sub) {
            case "show" -> text(gateShow(number));
            case "check", "uncheck" -> {
                if (words.length < 3) {
                    throw new CommandException("Name the criterion: `/gate " + sub + " " + number + " 2` or a unique "
                            + "part of its text.");
                }
                yield text(plan.checkCriterion(agent, number, words[2], sub.equals("check")));
            }
            case "pass" -> text(plan.pass(agent, number));
            case "reopen" -> text(plan.reopen(agent, number));
            default -> throw new CommandException("Unknown `/gate " + SafeText.escape(sub) + "`.\n" + GATE_HELP);
        };
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
                throw new CommandException("`" + SafeText.escape(filter) + "` is not a filter: use mine, an agent, "
                        + "blocked, overdue, or a priority.");
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

    private static int gateNumber(String word) {
        String w = word.toLowerCase(Locale.ROOT).replace("gate:", "").replace("#", "");
        if (!w.matches("\\d{1,3}")) {
            throw new CommandException("`" + SafeText.escape(word) + "` is not a gate number; gates are 1, 2, ...");
        }
        return Integer.parseInt(w);
    }

    private static String arg(List<String> words, int i, String usage) {
        if (words.size() <= i) {
            throw new CommandException("Usage: `" + usage + "`.");
        }
        return words.get(i);
    }

    private static CommandReply text(String text) {
        return new CommandReply.Text(text);
    }
}
