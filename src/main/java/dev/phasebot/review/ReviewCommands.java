package dev.phasebot.review;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.config.BotConfig;
import dev.phasebot.message.SafeText;
import dev.phasebot.team.AgentDirectory;
import java.util.Locale;

/** {@code /decision}, {@code /metric} and {@code /review}, the same for Slack and the console. */
public final class ReviewCommands {

    static final String HELP = String.join("\n",
            "*The weekly technical review* (Friday 14:00, agenda posted an hour before in the architecture channel):",
            "`/decision <text>`: log an architectural decision (name a task or gate, e.g. T3 or gate:2, to link it) · `/decision list [this|last|<date>]`",
            "`/metric <name> <value> [unit] [lower|higher]`: record a performance metric; its first value is the baseline · `/metric list`",
            "`/review item <text>`: a Phase 3 planning item or any topic for Friday",
            "`/review preview`: the agenda as it would be posted now · `/review open`: run it now (the leader)",
            "`/review notes <text>` during the review; `/review notes action: <agent> <what>` becomes a task at the end");

    private final BotConfig config;
    private final ReviewService reviews;
    private final AgentDirectory agents;

    public ReviewCommands(BotConfig config, ReviewService reviews, AgentDirectory agents) {
        this.config = config;
        this.reviews = reviews;
        this.agents = agents;
    }

    public CommandReply decision(Caller caller, String rawText) {
        String text = rawText == null ? "" : rawText.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("help") || text.isEmpty()) {
            return text(HELP);
        }
        String agent = caller.requireAgent(config.lead().id());
        if (lower.equals("list") || lower.startsWith("list ")) {
            return text(reviews.decisions(text.substring(4).strip()));
        }
        return text(reviews.decide(agent, text));
    }

    public CommandReply metric(Caller caller, String rawText) {
        String text = rawText == null ? "" : rawText.strip();
        String[] words = text.isEmpty() ? new String[0] : text.split("\\s+");
        if (words.length == 0 || words[0].equalsIgnoreCase("help")) {
            return text(HELP);
        }
        String agent = caller.requireAgent(config.lead().id());
        if (words[0].equalsIgnoreCase("list") && words.length == 1) {
            return text(reviews.metrics());
        }
        if (words.length < 2 || words.length > 4) {
            throw new CommandException("Usage: `/metric <name> <value> [unit] [lower|higher]`, e.g. `/metric predict_p99_ms 41 ms`.");
        }
        double value;
        try {
            value = Double.parseDouble(words[1].replace(",", ""));
        } catch (NumberFormatException e) {
            throw new CommandException("`" + SafeText.escape(words[1]) + "` is not a number. Usage: `/metric <name> <value> [unit]`.");
        }
        String unit = null;
        Boolean lowerIsBetter = null;
        for (int i = 2; i < words.length; i++) {
            String w = words[i].toLowerCase(Locale.ROOT);
            if (w.equals("lower") || w.equals("higher")) {
                lowerIsBetter = w.equals("lower");
            } else if (unit == null) {
                unit = words[i];
            } else {
                throw new CommandException("Usage: `/metric <name> <value> [unit] [lower|higher]`.");
            }
        }
        return text(reviews.recordMetric(agent, words[0], value, unit, lowerIsBetter));
    }

    public CommandReply review(Caller caller, String rawText) {
        String text = rawText == null ? "" : rawText.strip();
        String[] parts = text.split("\\s+", 2);
        String sub = parts[0].toLowerCase(Locale.ROOT);
        if (sub.isEmpty() || sub.equals("help")) {
            return text(HELP);
        }
        String agent = caller.requireAgent(config.lead().id());
        String rest = parts.length > 1 ? parts[1] : "";
        return switch (sub) {
            case "item" -> text(reviews.addItem(agent, rest));
            case "notes", "note" -> text(reviews.note(agent, agents.mentionsToAgents(rest)));
            case "preview" -> text(reviews.preview());
            case "open" -> text(reviews.openNow(agent));
            default -> throw new CommandException("Unknown `/review " + SafeText.escape(sub) + "`.\n" + HELP);
        };
    }

    private static CommandReply text(String text) {
        return new CommandReply.Text(text);
    }
}
