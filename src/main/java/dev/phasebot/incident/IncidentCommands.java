package dev.phasebot.incident;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.config.BotConfig;
import dev.phasebot.message.SafeText;
import dev.phasebot.team.AgentDirectory;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /incident} and its subcommands, the same for Slack and the console. */
public final class IncidentCommands {

    static final String HELP = String.join("\n",
            "*/incident*: raise and work CRITICAL incidents against the clock (30 min assessment, 60 min mitigation plan, 2 h implementation or escalation).",
            "`/incident [security] [CRITICAL|HIGH|MEDIUM|LOW] <title> [affects T1|gate:1] [-- description]`: raise one (CRITICAL by default; only CRITICAL runs the clock). `security`, or raising it in the security channel, keeps its details in that private channel.",
            "`/incident` alone opens the form.",
            "`/incident list` · `/incident show <id>`: open incidents with countdowns; one incident's card and timeline",
            "`/incident ack <id>`: acknowledge",
            "`/incident assess <id> <text>` · `plan <id> <text>` · `implemented <id> <text>` · `escalate <id> <text>`: meet a deadline (a later one meets the earlier ones)",
            "`/incident assign <id> <agent|@user>`: lead or area owner",
            "`/incident resolve <id> [resolution]`: lead only; posts the post-incident summary",
            "Acts are for the assignee, the area owner and the lead.");

    private static final Pattern ID = Pattern.compile("#?(\\d{1,9})");
    private static final Pattern AFFECTS = Pattern.compile("(?i)\\s+affects:?\\s+(T\\d+|gate:\\d+)\\s*$");

    private final BotConfig config;
    private final IncidentService incidents;
    private final AgentDirectory agents;

    public IncidentCommands(BotConfig config, IncidentService incidents, AgentDirectory agents) {
        this.config = config;
        this.incidents = incidents;
        this.agents = agents;
    }

    public CommandReply handle(Caller caller, String rawText) {
        String text = rawText == null ? "" : rawText.strip();
        String[] parts = text.split("\\s+", 3);
        String first = parts[0].toLowerCase(Locale.ROOT);
        if (first.equals("help")) {
            return new CommandReply.Text(HELP);
        }
        String agent = requireAgent(caller);
        if (text.isEmpty()) {
            return new CommandReply.IncidentForm(isSecurityChannel(caller));
        }
        Optional<Act> act = Act.byCommand(first);
        if (act.isPresent() && parts.length >= 2 && ID.matcher(parts[1]).matches()) {
            return text(incidents.act(agent, id(parts[1]), act.get(), parts.length > 2 ? parts[2] : ""));
        }
        switch (first) {
            case "list":
                if (parts.length == 1) {
                    return text(incidents.list(agent));
                }
                break;
            case "show":
                return text(incidents.show(agent, id(arg(parts, 1, "/incident show <id>"))));
            case "resolve":
                if (parts.length >= 2 && ID.matcher(parts[1]).matches()) {
                    return text(incidents.resolve(agent, id(parts[1]), parts.length > 2 ? parts[2] : ""));
                }
                break;
            case "assign":
                if (parts.length == 3 && ID.matcher(parts[1]).matches()) {
                    return text(incidents.assign(agent, id(parts[1]), assignee(parts[2].strip())));
                }
                throw new CommandException("Usage: `/incident assign <id> <agent|@user>`, e.g. `/incident assign 3 python-ml-fintech-reviewer`.");
            default:
                break;
        }
        if (act.isPresent() || first.equals("resolve")) {
            throw new CommandException("Usage: `/incident " + first + " <id> <text>`, e.g. `/incident " + first
                    + " 3 ...`. `/incident list` shows the ids.");
        }
        return text(incidents.raise(agent, parseRaise(text, isSecurityChannel(caller))));
    }

    /** The raise form's answer (Slack modal or console questions). */
    public String submitForm(Caller caller, RaiseRequest request) {
        return incidents.raise(requireAgent(caller), request);
    }

    /** A button's follow-up: the act with the text from its modal. */
    public String act(Caller caller, long id, String actOrResolve, String text) {
        String agent = requireAgent(caller);
        if ("resolve".equals(actOrResolve)) {
            return incidents.resolve(agent, id, text);
        }
        Act act = Act.byCommand(actOrResolve).orElseThrow(() -> new CommandException("Unknown act " + actOrResolve));
        return incidents.act(agent, id, act, text);
    }

    static RaiseRequest parseRaise(String text, boolean fromSecurityChannel) {
        String rest = text;
        String description = null;
        int dashes = rest.indexOf(" -- ");
        if (dashes >= 0) {
            description = rest.substring(dashes + 4).strip();
            rest = rest.substring(0, dashes);
        }
        boolean security = fromSecurityChannel;
        String severity = null;
        while (true) {
            String[] head = rest.strip().split("\\s+", 2);
            String word = head[0].toUpperCase(Locale.ROOT);
            if (word.equals("SECURITY") && head.length > 1) {
                security = true;
            } else if (severity == null && head.length > 1
                    && (word.equals("CRITICAL") || word.equals("HIGH") || word.equals("MEDIUM") || word.equals("LOW"))) {
                severity = word;
            } else {
                break;
            }
            rest = head[1];
        }
        String affects = null;
        Matcher m = AFFECTS.matcher(rest);
        if (m.find()) {
            affects = m.group(1).toUpperCase(Locale.ROOT).startsWith("GATE") ? m.group(1).toLowerCase(Locale.ROOT)
                    : m.group(1).toUpperCase(Locale.ROOT);
            rest = rest.substring(0, m.start());
        }
        return new RaiseRequest(rest.strip(), severity, security, description, affects);
    }

    private boolean isSecurityChannel(Caller caller) {
        return config.escalation().securityChannel().equals(caller.channelRole());
    }

    private String assignee(String word) {
        Matcher m = AgentDirectory.MENTION.matcher(word);
        if (m.matches()) {
            return agents.agentForSlackUser(m.group(1)).map(a -> a.id()).orElseThrow(() -> new CommandException(
                    "<@" + m.group(1) + "> is not linked to an agent; the lead can link them with `/standup link`."));
        }
        return word;
    }

    private String requireAgent(Caller caller) {
        return caller.requireAgent(config.lead().id());
    }

    private static String arg(String[] parts, int i, String usage) {
        if (parts.length <= i) {
            throw new CommandException("Usage: `" + usage + "`.");
        }
        return parts[i];
    }

    private static long id(String word) {
        Matcher m = ID.matcher(word);
        if (!m.matches()) {
            throw new CommandException("`" + SafeText.escape(word) + "` is not an incident id; ids look like 3 or #3.");
        }
        return Long.parseLong(m.group(1));
    }

    private static CommandReply text(String text) {
        return new CommandReply.Text(text);
    }
}
