package dev.phasebot.console;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandDispatcher;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.command.SlashCommand;
import dev.phasebot.config.Agent;
import dev.phasebot.config.BotConfig;
import dev.phasebot.incident.IncidentCommands;
import dev.phasebot.incident.IncidentForm;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.message.PlainText;
import dev.phasebot.standup.StandupCommands;
import dev.phasebot.standup.StandupForm;
import dev.phasebot.standup.StandupUpdate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The console: type commands exactly as in Slack ({@code /standup ...}), acting as an agent
 * of your choice ({@code as qa-engineer}). Same core, store and scheduler as in Slack; what
 * the bot posts is printed as it is delivered.
 */
public final class ConsoleAdapter {

    /** The console knows no Slack users: a mention shows the id it names. */
    private static final PlainText PLAIN = PlainText.withUserIds();

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConsoleAdapter.class);

    private final BufferedReader in;
    private final PrintStream out;
    private final CommandDispatcher dispatcher;
    private final StandupCommands standupForm;
    private final IncidentCommands incidentForm;
    private final BotConfig config;
    private final Runnable flush;
    private String agent;

    /** @param flush delivers what the last command enqueued, so it prints before the next prompt */
    public ConsoleAdapter(
            BufferedReader in,
            PrintStream out,
            CommandDispatcher dispatcher,
            StandupCommands standupForm,
            IncidentCommands incidentForm,
            BotConfig config,
            Runnable flush) {
        this.in = in;
        this.out = out;
        this.dispatcher = dispatcher;
        this.standupForm = standupForm;
        this.incidentForm = incidentForm;
        this.config = config;
        this.flush = flush;
        this.agent = config.lead().id();
    }

    /** Reads commands until end of input or {@code quit}. */
    public void run() throws IOException {
        out.println("phasebot console: " + config.phase().name());
        out.println("No SLACK_BOT_TOKEN, so posts are printed here. You are " + agent + " (the lead).");
        out.println("Try: /standup open · as qa-engineer · /standup today: write the fuzz tests · /standup close");
        out.println("     /phase · /incident security Token in logs · /task list blocked · /review preview");
        out.println(
                "Agents that are programs: the API listens on PORT (3000) at /api/v1; /api token <agent> issues a token.");
        out.println("Type help for console commands, /standup help for the standup, quit to leave.");
        while (true) {
            prompt();
            String line = in.readLine();
            if (line == null) {
                out.println();
                return;
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("quit") || line.equals("exit")) {
                return;
            }
            handle(line);
            flush.run();
        }
    }

    void handle(String line) throws IOException {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.equals("help")) {
            out.println("as <agent>    act as another agent: " + agentList());
            out.println("agents        list the agents and their teams");
            out.println("quit          leave (state is kept in the database)");
            out.println("Slash commands, typed as in Slack (/<command> help for each one's subcommands):");
            for (SlashCommand command : dispatcher.commands()) {
                out.println(String.format("%-13s %s", command.name(), PLAIN.render(command.summaryLine())));
            }
            return;
        }
        if (lower.equals("agents")) {
            for (Agent a : config.agents()) {
                out.println("  " + a.id() + " (" + a.team() + (a.lead() ? ", lead" : "") + ")");
            }
            return;
        }
        if (lower.startsWith("as ")) {
            String id = line.substring(3).strip();
            if (config.agent(id).isEmpty()) {
                out.println("No agent '" + id + "'. Agents: " + agentList());
            } else {
                agent = id;
                out.println("You are now " + agent + ".");
            }
            return;
        }
        if (!line.startsWith("/")) {
            out.println("Commands start with / (try /standup help); or: as <agent>, agents, help, quit.");
            return;
        }
        int space = line.indexOf(' ');
        String command = space < 0 ? line : line.substring(0, space);
        String text = space < 0 ? "" : line.substring(space + 1);
        try {
            CommandReply reply = dispatcher.handle(Caller.agent(agent), command, text);
            if (reply instanceof StandupForm form) {
                out.println(PLAIN.render(standupForm.submitForm(Caller.agent(agent), askForm(form))));
            } else if (reply instanceof IncidentForm form && form.incomplete()) {
                // A severity or `security` with no title: on the console the usage answers, nothing is raised.
                out.println("! Nothing was raised: an incident needs a title. Usage: " + usageOfFreeText(command)
                        + " (or " + command + " alone for the questions).");
            } else if (reply instanceof IncidentForm form) {
                out.println(PLAIN.render(incidentForm.submitForm(Caller.agent(agent), askIncident(form))));
            } else {
                out.println(PLAIN.render(((CommandReply.Text) reply).doc()));
            }
        } catch (CommandException e) {
            out.println("! " + PLAIN.render(e.answer()));
        } catch (RuntimeException e) {
            log.error("{} failed", command, e);
            out.println("! Something went wrong on phasebot's side and nothing was changed; the log has the details.");
        }
    }

    /** The modal's four sections, asked one per line; an empty line leaves a section empty. */
    private StandupUpdate askForm(StandupForm form) throws IOException {
        out.println("Your standup update, one line per section (empty line to skip):");
        String security =
                ask(form.securityRequired() ? "Security team update (required)" : "Security update (optional)");
        String blockers = ask("Blockers and dependencies");
        String commitments = ask("Deliverable commitments for today");
        String coordination = ask("Cross-team coordination needs");
        return new StandupUpdate(security, blockers, commitments, coordination);
    }

    /** The raise form, one question per line. */
    private RaiseRequest askIncident(IncidentForm form) throws IOException {
        out.println("Raise an incident (empty line for the default):");
        String title = ask("Title");
        String severity =
                ask("Severity [CRITICAL|HIGH|MEDIUM|LOW] (CRITICAL)").strip().toUpperCase(Locale.ROOT);
        String security = ask("Security incident? [y/N]" + (form.security() ? " (y)" : ""))
                .strip()
                .toLowerCase(Locale.ROOT);
        String affects = ask("Affected task or gate (T1, gate:1, or empty)").strip();
        String description = ask("Description");
        return new RaiseRequest(
                title,
                severity.isEmpty() ? null : severity,
                form.security() || security.startsWith("y"),
                description,
                affects.isEmpty() ? null : affects);
    }

    private String usageOfFreeText(String command) {
        return dispatcher.commands().stream()
                .filter(c -> c.names().contains(command) && c.freeText() != null)
                .findFirst()
                .map(c -> c.freeText().usage(c.name()))
                .orElse(command + " help");
    }

    private String ask(String label) throws IOException {
        out.print("  " + label + ": ");
        out.flush();
        String line = in.readLine();
        return line == null ? "" : line;
    }

    private void prompt() {
        out.print(agent + "> ");
        out.flush();
    }

    private String agentList() {
        return config.agents().stream().map(Agent::id).collect(Collectors.joining(", "));
    }
}
