package dev.phasebot.standup;

import dev.phasebot.command.Access;
import dev.phasebot.command.AgentDirectory;
import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.command.Param;
import dev.phasebot.command.SlashCommand;
import dev.phasebot.command.Subcommand;
import dev.phasebot.command.Subcommand.Invocation;
import dev.phasebot.config.BotConfig;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.phase.PhaseHistory;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import java.time.Clock;
import java.time.LocalDate;

/** {@code /standup}: its table of subcommands, the same for Slack and the console. */
public final class StandupCommands {

    static final String NAME = "/standup";

    private final BotConfig config;
    private final StandupSession session;
    private final StandupUpdates updates;
    private final StandupReports reports;
    private final AgentDirectory agents;
    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final UpdateParser parser = new UpdateParser();
    private final StandupDocs docs;
    private final PhaseHistory phases;

    public StandupCommands(
            BotConfig config,
            StandupSession session,
            StandupUpdates updates,
            StandupReports reports,
            AgentDirectory agents,
            Database database,
            AuditLog audit,
            Clock clock,
            PhaseHistory phases) {
        this.config = config;
        this.session = session;
        this.updates = updates;
        this.reports = reports;
        this.agents = agents;
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.phases = phases;
        this.docs = new StandupDocs(config.phase().zone());
    }

    public SlashCommand table() {
        Access linked = Access.linked();
        String lead = config.lead().id();
        return SlashCommand.named(NAME)
                .summary("your daily standup update. Sections start with a label and a colon, in any order: "
                        + "`security:` (required of the security team) · `blockers:` or `deps:` · `today:` or "
                        + "`commitments:` · `coordination:` or `needs:`. Posting again replaces only the sections you "
                        + "name; text with no label fills today's commitments only while they are empty.")
                .whenEmpty(Subcommand.of()
                        .who(linked)
                        .does("opens the form with the four sections, pre-filled")
                        .run(inv -> new StandupForm(
                                inv.agent(),
                                config.isSecurityTeam(inv.agent()),
                                updates.current(inv.agent()).orElse(new StandupUpdate("", "", "", "")))))
                .freeText(
                        Subcommand.of()
                                .params(Param.text("update"))
                                .who(linked)
                                .does(
                                        "posts or amends today's update inline; after the close it is added to the summary as late")
                                .example(
                                        "/standup security: patch merged; blockers: waiting on software-architect for T3; "
                                                + "today: audit report; coordination: qa-engineer to re-run fuzzers")
                                .run(this::post),
                        NAME + " today:")
                .sub(Subcommand.of("clear")
                        .params(Param.choice("section", "security", "blockers", "today", "coordination"))
                        .who(linked)
                        .does("empties one section of today's update")
                        .example("/standup clear blockers")
                        .run(inv -> answer(updates.clear(inv.agent(), inv.args().text("section")))))
                .sub(Subcommand.of("status")
                        .who(linked)
                        .does("where today's standup stands: who has posted, who has not, who is out")
                        .run(inv -> reply(docs.status(reports.status()))))
                .sub(Subcommand.of("history")
                        .params(
                                Param.agent("agent").orLeftOut(),
                                Param.integer("days").orLeftOut())
                        .who(linked)
                        .does("past updates, newest first (everyone, 5 days unless you say; at most 60)")
                        .example("/standup history qa-engineer 10")
                        .run(this::history))
                .sub(Subcommand.of("history", "phase")
                        .params(Param.agent("agent").orLeftOut(), Param.text("phase"))
                        .who(linked)
                        .does("the updates posted in one phase, by its full name or number (`/phase list`); "
                                + "an agent first for theirs only")
                        .example("/standup history phase qa-engineer 1")
                        .run(inv -> phaseHistory(
                                inv,
                                inv.args().optionalAgent("agent").orElse(null),
                                inv.args().text("phase"))))
                .sub(Subcommand.of("ooo", "list")
                        .params(Param.agent("agent").orLeftOut())
                        .who(linked)
                        .does("current and coming out-of-office periods, with their numbers")
                        .run(this::outOfOfficeList))
                .sub(Subcommand.of("ooo", "cancel")
                        .params(Param.integer("number"))
                        .who(linked)
                        .does("cancels one (your own; the lead any)")
                        .example("/standup ooo cancel 3")
                        .run(inv -> answer(updates.cancelOutOfOffice(
                                inv.agent(), inv.args().integer("number")))))
                .sub(Subcommand.of("ooo")
                        .params(
                                Param.agent("agent").orLeftOut(),
                                Param.date("from"),
                                Param.date("to"),
                                Param.text("reason").orLeftOut())
                        .who(linked)
                        .does("out of office: no prompts or reminders those days (the lead may name an agent first)")
                        .example("/standup ooo 2026-12-24 2026-12-31 holidays")
                        .run(this::outOfOffice))
                .sub(Subcommand.of("open")
                        .who(Access.lead(lead, "open the standup off-schedule"))
                        .does("runs today's standup now, for days when the meeting moves")
                        .run(inv -> answer(session.openNow(inv.agent()))))
                .sub(Subcommand.of("close")
                        .who(Access.lead(lead, "close the standup early"))
                        .does("closes today's standup now and posts the summary")
                        .run(inv -> answer(session.closeNow(inv.agent()))))
                .sub(Subcommand.of("link")
                        .params(Param.agent("agent"), Param.slackUser("user"))
                        .who(Access.lead(lead, "link agents to Slack users"))
                        .does("links an agent to a Slack user")
                        .example("/standup link qa-engineer @dana")
                        .run(this::link))
                .build();
    }

    /**
     * The form's answer, from the Slack modal or the console's questions. A refusal names the
     * section it concerns, which is the form's block id.
     */
    public Doc submitForm(Caller caller, StandupUpdate update) {
        try {
            return docs.answer(updates.submit(caller.requireAgent(config.lead().id()), update), updates.today());
        } catch (Refusal no) {
            throw new CommandException(no.field(), no.answer());
        }
    }

    private CommandReply post(Invocation inv) {
        String text = inv.args().text("update");
        UpdateParser.ParsedUpdate parsed = parser.parse(text);
        // One unlabelled word (`/standup next`) is far likelier a mistyped subcommand than a day's plan.
        if (parsed.unlabeled() && !text.strip().contains(" ") && !text.contains(":")) {
            throw new CommandException(
                    "update",
                    Doc.of(
                            Span.code(text.strip()),
                            " is not a ",
                            Span.code(NAME),
                            " subcommand, and one word is not much of an update. Nothing was changed. ",
                            Span.code(NAME + " help"),
                            " lists the subcommands; to record it as today's commitments, write ",
                            Span.code(NAME + " today: " + text.strip()),
                            "."));
        }
        return answer(updates.post(inv.agent(), parsed));
    }

    private CommandReply history(Invocation inv) {
        int days = inv.args().optionalInteger("days").orElse(5);
        if (days < 1 || days > 60) {
            throw new CommandException(
                    "days", Doc.of("Days must be between 1 and 60, got " + days + ". Nothing was changed."));
        }
        return reply(docs.history(
                reports.history(inv.agent(), inv.args().optionalAgent("agent").orElse(null), days), phases.labels()));
    }

    private CommandReply phaseHistory(Invocation inv, String agentOrNull, String phase) {
        return reply(docs.history(reports.history(inv.agent(), agentOrNull, phases.window(phase))));
    }

    private CommandReply outOfOffice(Invocation inv) {
        String agent = inv.args().optionalAgent("agent").orElse(inv.agent());
        LocalDate from = inv.args().date("from");
        LocalDate to = inv.args().date("to");
        String reason = inv.args().text("reason");
        if (reason.length() > 200) {
            throw new CommandException("reason", Doc.of("Keep the reason under 200 characters."));
        }
        return answer(updates.outOfOffice(inv.agent(), agent, from, to, reason));
    }

    private CommandReply outOfOfficeList(Invocation inv) {
        String agent = inv.args().optionalAgent("agent").orElse(null);
        return reply(docs.outOfOfficeList(reports.outOfOfficeList(agent), agent));
    }

    private CommandReply link(Invocation inv) {
        String agent = inv.args().agent("agent");
        String user = inv.args().slackUser("user");
        database.run(tx -> {
            agents.link(tx, agent, user, inv.agent(), clock.instant());
            audit.record(tx, clock.instant(), inv.agent(), "agent.link", agent + " -> " + user);
        });
        return reply(Doc.of(agent + " is now linked to ", Span.slackUser(user), "."));
    }

    /** What a change did, worded; relative days ("Tue 24 Nov") are read from today. */
    private CommandReply answer(StandupResult result) {
        return reply(docs.answer(result, updates.today()));
    }

    private static CommandReply reply(Doc doc) {
        return CommandReply.of(doc);
    }
}
