package dev.phasebot.standup;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.config.BotConfig;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import dev.phasebot.team.AgentDirectory;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /standup} and its subcommands, the same for Slack and the console. */
public final class StandupCommands {

    static final String HELP = String.join("\n",
            "*/standup*: post your daily standup update (the form opens when you give no text).",
            "Inline, sections start with a label and a colon, in any order; text with no label counts as today's commitments:",
            "`/standup security: patch merged; blockers: waiting on software-architect for T3; today: audit report; coordination: qa-engineer to re-run fuzzers`",
            "Labels: `security:` (required of the security team) · `blockers:` or `deps:` · `today:` or `commitments:` · `coordination:` or `needs:`.",
            "Posting again the same day replaces your update; after the close it is added to the summary as late.",
            "`/standup status`: who has posted today",
            "`/standup history [agent] [days]`: past updates (default: everyone, 5 days, at most 60)",
            "`/standup ooo <from> <to> [reason]`: out of office, dates as 2026-12-24, `today` or `tomorrow` (the lead may add an agent first)",
            "`/standup open` · `/standup close`: run today's standup now (lead only)",
            "`/standup link <agent> @user`: link an agent to a Slack user (lead only)",
            "`/standup help`: this help");

    private static final List<String> SINGLE_WORD = List.of("status", "open", "close");
    private static final Pattern SLACK_USER = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>|([UW][A-Z0-9]{2,20})");

    private final BotConfig config;
    private final StandupService standups;
    private final AgentDirectory agents;
    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final UpdateParser parser = new UpdateParser();

    public StandupCommands(BotConfig config, StandupService standups, AgentDirectory agents, Database database,
                           AuditLog audit, Clock clock) {
        this.config = config;
        this.standups = standups;
        this.agents = agents;
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    public CommandReply handle(Caller caller, String rawText) {
        String text = rawText == null ? "" : rawText.strip();
        String[] words = text.isEmpty() ? new String[0] : text.split("\\s+");
        String first = words.length == 0 ? "" : words[0].toLowerCase(Locale.ROOT);
        if (first.equals("help")) {
            return new CommandReply.Text(HELP);
        }
        String agent = requireAgent(caller);
        List<String> args = Arrays.asList(words).subList(Math.min(1, words.length), words.length);
        if (text.contains(":") || (SINGLE_WORD.contains(first) && words.length > 1)) {
            // "/standup open: the PR for T3" or "/standup close the audit" are updates, not subcommands.
            first = text.isEmpty() ? "" : "update";
        }
        return switch (first) {
            case "" -> new CommandReply.StandupForm(agent, config.isSecurityTeam(agent),
                    standups.currentUpdate(agent).orElse(new StandupUpdate("", "", "", "")));
            case "status" -> text(standups.status());
            case "history" -> text(history(args));
            case "ooo" -> text(ooo(agent, args));
            case "open" -> text(standups.openNow(agent));
            case "close" -> text(standups.closeNow(agent));
            case "link" -> text(link(agent, args));
            default -> text(standups.submit(agent, parser.parse(text)));
        };
    }

    /** The form's answer, from the Slack modal or the console's questions. */
    public String submitForm(Caller caller, StandupUpdate update) {
        return standups.submit(requireAgent(caller), update);
    }

    private String requireAgent(Caller caller) {
        return caller.requireAgent(config.lead().id());
    }

    private String history(List<String> args) {
        String agent = null;
        int days = 5;
        for (String arg : args) {
            if (arg.matches("\\d{1,4}")) {
                days = Integer.parseInt(arg);
                if (days < 1 || days > 60) {
                    throw new CommandException("Days must be between 1 and 60, got " + days + ".");
                }
            } else {
                agent = knownAgent(arg);
            }
        }
        return standups.history(agent, days);
    }

    private String ooo(String caller, List<String> args) {
        List<String> rest = args;
        String agent = caller;
        if (!rest.isEmpty() && config.agent(rest.get(0)).isPresent()) {
            agent = rest.get(0);
            rest = rest.subList(1, rest.size());
        }
        if (rest.size() < 2) {
            throw new CommandException("Usage: `/standup ooo <from> <to> [reason]`, e.g. "
                    + "`/standup ooo 2026-12-24 2026-12-31 holidays` or `/standup ooo today today sick`.");
        }
        LocalDate from = date(rest.get(0));
        LocalDate to = date(rest.get(1));
        String reason = String.join(" ", rest.subList(2, rest.size()));
        if (reason.length() > 200) {
            throw new CommandException("Keep the reason under 200 characters.");
        }
        return standups.outOfOffice(caller, agent, from, to, reason);
    }

    private String link(String caller, List<String> args) {
        if (!config.lead().id().equals(caller)) {
            throw new CommandException("Only the lead (" + config.lead().id() + ") may link agents to Slack users.");
        }
        if (args.size() != 2) {
            throw new CommandException("Usage: `/standup link <agent> @user`, e.g. `/standup link qa-engineer @dana`.");
        }
        String agent = knownAgent(args.get(0));
        Matcher m = SLACK_USER.matcher(args.get(1));
        if (!m.matches()) {
            throw new CommandException("`" + dev.phasebot.message.SafeText.escape(args.get(1))
                    + "` is not a Slack user mention; pick the user from the @ menu so Slack sends their id.");
        }
        String user = m.group(1) != null ? m.group(1) : m.group(2);
        database.run(tx -> {
            agents.link(tx, agent, user, caller, clock.instant());
            audit.record(tx, clock.instant(), caller, "agent.link", agent + " -> " + user);
        });
        return agent + " is now linked to <@" + user + ">.";
    }

    private String knownAgent(String id) {
        if (config.agent(id).isEmpty()) {
            throw new CommandException("`" + dev.phasebot.message.SafeText.escape(id) + "` is not an agent of this phase. Agents: "
                    + String.join(", ", config.agents().stream().map(a -> a.id()).toList()) + ".");
        }
        return id;
    }

    private LocalDate date(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        LocalDate today = standups.today();
        if (w.equals("today")) {
            return today;
        }
        if (w.equals("tomorrow")) {
            return today.plusDays(1);
        }
        try {
            return LocalDate.parse(w);
        } catch (DateTimeParseException e) {
            throw new CommandException("`" + dev.phasebot.message.SafeText.escape(word)
                    + "` is not a date; write it as 2026-12-24, `today` or `tomorrow`.");
        }
    }

    private static CommandReply text(String text) {
        return new CommandReply.Text(text);
    }
}
