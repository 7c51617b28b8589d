package dev.phasebot.review;

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
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.phase.PhaseHistory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code /decision}, {@code /metric} and {@code /review}: their tables, the same for Slack and the console. */
public final class ReviewCommands {

    private final BotConfig config;
    private final ReviewLog log;
    private final ReviewSession session;
    private final ReviewDocs docs;
    private final PhaseHistory phases;

    public ReviewCommands(BotConfig config, ReviewLog log, ReviewSession session, PhaseHistory phases) {
        this.config = config;
        this.phases = phases;
        this.log = log;
        this.session = session;
        this.docs = new ReviewDocs(config);
    }

    public SlashCommand decisionTable() {
        Access linked = Access.linked();
        Subcommand.Builder logDecision = Subcommand.of()
                .params(Param.text("decision"))
                .who(linked)
                .does("logs an architectural decision for Friday's review; naming T3 or gate:2 links it")
                .example("/decision Model split into DataManager and FeatureManager (T3)");
        return SlashCommand.named("/decision")
                .summary("architectural decisions, on the weekly review's agenda.")
                .freeText(
                        logDecision.run(inv -> reply(
                                docs.result(log.decide(inv.agent(), inv.args().text("decision"))))),
                        "/decision log")
                .sub(Subcommand.of("log")
                        .alias("add")
                        .params(Param.text("decision"))
                        .who(linked)
                        .does("the same, asked for by name (for a decision that starts like a subcommand)")
                        .example("/decision log List endpoints are paginated from now on")
                        .run(inv -> reply(
                                docs.result(log.decide(inv.agent(), inv.args().text("decision"))))))
                .sub(Subcommand.of("list")
                        .params(Param.word("week").orLeftOut())
                        .who(linked)
                        .does("the decisions of one review week: this, last, or a date in it")
                        .example("/decision list last")
                        .run(this::decisionWeek))
                .sub(Subcommand.of("list", "phase")
                        .params(Param.text("phase"))
                        .who(linked)
                        .does("the decisions logged in one phase, by its full name or number (`/phase list`)")
                        .example("/decision list phase 1")
                        .run(inv -> reply(docs.decisions(
                                log.decisions(phases.window(inv.args().text("phase")))))))
                .build();
    }

    private CommandReply decisionWeek(Invocation inv) {
        String week = inv.args().text("week");
        // Any word reads as a week, so `/decision list phse` would be answered "say which week": ask instead.
        if (!week.isEmpty() && Typos.isSlipFor(week, List.of("phase"))) {
            throw new CommandException(
                    "week",
                    Doc.of(
                            "Did you mean ",
                            Span.code("/decision list phase"),
                            "? Nothing was changed.\nUsage: ",
                            Span.code("/decision list phase <phase>"),
                            ", e.g. ",
                            Span.code("/decision list phase 1"),
                            "."));
        }
        return reply(docs.decisions(log.decisions(week), phases.labels()));
    }

    public SlashCommand metricTable() {
        Access linked = Access.linked();
        Param[] record = {
            Param.word("name"),
            Param.number("value"),
            Param.word("unit").orLeftOut(),
            Param.choice("direction", "lower", "higher").orLeftOut()
        };
        return SlashCommand.named("/metric")
                .summary("performance metrics against their baseline (the first value recorded).")
                .freeText(
                        Subcommand.of()
                                .params(record)
                                .who(linked)
                                .does("records a value; time and size units default to lower-is-better")
                                .example("/metric predict_p99_ms 41 ms")
                                .run(this::record),
                        "/metric record")
                .sub(Subcommand.of("record")
                        .params(record)
                        .who(linked)
                        .does("the same, asked for by name (for a metric called like a subcommand)")
                        .example("/metric record list_latency_ms 12 ms")
                        .run(this::record))
                .sub(Subcommand.of("list")
                        .who(linked)
                        .does("latest value, baseline and week-over-week change of each")
                        .run(inv -> reply(docs.metrics(log.metrics(), phases.labels()))))
                .sub(Subcommand.of("list", "phase")
                        .params(Param.text("phase"))
                        .who(linked)
                        .does("each metric's values in one phase against its baseline, by the phase's name or number")
                        .example("/metric list phase 1")
                        .run(inv -> reply(docs.metrics(
                                log.metrics(phases.window(inv.args().text("phase")))))))
                .build();
    }

    public SlashCommand reviewTable() {
        Access linked = Access.linked();
        String leader = config.review().leader();
        String lead = config.lead().id();
        Access leaderOnly = Access.rule(
                "review leader, lead",
                (agent, args) -> agent.equals(leader) || agent.equals(lead)
                        ? Optional.empty()
                        : Optional.of(
                                "Only the review's leader (" + leader + ") or the lead (" + lead + ") may do that."));
        return SlashCommand.named("/review")
                .summary("the weekly technical review ("
                        + config.review().day().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) + " "
                        + config.review().time() + " "
                        + config.phase().zone().getId()
                        + "; the agenda is posted before it in the architecture channel).")
                .sub(Subcommand.of("item")
                        .params(Param.text("topic"))
                        .who(linked)
                        .does("a next-phase planning item or any topic for the review")
                        .example("/review item Phase 3: streaming pipeline spike")
                        .run(inv -> reply(
                                docs.result(log.addTopic(inv.agent(), inv.args().text("topic"))))))
                .sub(Subcommand.of("notes")
                        .alias("note")
                        .params(Param.text("note"))
                        .who(linked)
                        .does("a note while the review runs; `action: <agent> <what>` becomes a task at the end")
                        .example("/review notes action: qa-engineer add the fuzz job to CI")
                        .run(inv -> reply(
                                docs.result(session.note(inv.agent(), inv.args().text("note"))))))
                .sub(Subcommand.of("preview")
                        .who(linked)
                        .does("the agenda as it would be posted now")
                        .run(inv -> reply(docs.agenda(session.preview()))))
                .sub(Subcommand.of("open")
                        .who(leaderOnly)
                        .does("runs this week's review now (the hour runs from then)")
                        .run(inv -> reply(docs.result(session.openNow(inv.agent())))))
                .sub(Subcommand.of("close")
                        .who(leaderOnly)
                        .does("ends the running review now: the record is posted and action items become tasks")
                        .run(inv -> reply(docs.result(session.closeNow(inv.agent())))))
                .build();
    }

    private CommandReply record(Invocation inv) {
        String unit = inv.args().optionalText("unit").orElse(null);
        String direction = inv.args().optionalText("direction").orElse(null);
        if (unit != null && (unit.equalsIgnoreCase("lower") || unit.equalsIgnoreCase("higher"))) {
            if (direction != null) {
                throw Refusal.of(
                        "direction",
                        "Say ",
                        Span.code("lower"),
                        " or ",
                        Span.code("higher"),
                        " once, after the unit. Nothing was recorded.");
            }
            direction = unit.toLowerCase(Locale.ROOT);
            unit = null;
        }
        if (unit != null && unit.length() > 20) {
            throw Refusal.of("unit", Span.code(unit), " is too long for a unit. Nothing was recorded.");
        }
        Boolean lowerIsBetter = direction == null ? null : direction.equals("lower");
        return reply(docs.result(log.recordMetric(
                inv.agent(), inv.args().text("name"), inv.args().number("value"), unit, lowerIsBetter)));
    }

    private static CommandReply reply(Doc doc) {
        return CommandReply.of(doc);
    }
}
