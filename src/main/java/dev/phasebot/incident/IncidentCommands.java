package dev.phasebot.incident;

import dev.phasebot.command.Access;
import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.command.Param;
import dev.phasebot.command.PlanRefs;
import dev.phasebot.command.SlashCommand;
import dev.phasebot.command.Subcommand;
import dev.phasebot.command.Subcommand.Invocation;
import dev.phasebot.config.BotConfig;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.phase.PhaseHistory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /incident}: its table of subcommands, the same for Slack and the console. */
public final class IncidentCommands {

    static final String NAME = "/incident";
    private static final String RESPONDERS = "assignee, area owner, lead";
    private static final Pattern AFFECTS = Pattern.compile("(?i)\\s+affects:?\\s+(\\S+(?:\\s+\\d{1,3})?)\\s*$");

    private final BotConfig config;
    private final IncidentService incidents;
    private final IncidentQueries queries;
    private final IncidentDocs docs;
    private final IncidentReportDocs reports;
    private final PhaseHistory phases;
    private final dev.phasebot.plan.TaskChanges tasks;

    public IncidentCommands(
            BotConfig config,
            IncidentService incidents,
            IncidentQueries queries,
            dev.phasebot.oncall.OnCall onCall,
            PhaseHistory phases) {
        this(config, incidents, queries, onCall, phases, null);
    }

    /** {@code tasks}: where {@code /incident followup} makes its plan tasks (null: it says it cannot). */
    public IncidentCommands(
            BotConfig config,
            IncidentService incidents,
            IncidentQueries queries,
            dev.phasebot.oncall.OnCall onCall,
            PhaseHistory phases,
            dev.phasebot.plan.TaskChanges tasks) {
        this.config = config;
        this.tasks = tasks;
        this.phases = phases;
        this.incidents = incidents;
        this.queries = queries;
        this.docs = new IncidentDocs(config, onCall);
        this.reports = new IncidentReportDocs(docs);
    }

    public SlashCommand table() {
        Access linked = Access.linked();
        // Acts are checked against the incident (its assignee and area owner) by the service.
        Access responders = Access.rule(RESPONDERS, (agent, args) -> Optional.empty());
        Param[] raise = {
            Param.literal("security").orLeftOut(),
            Param.choice("severity", "CRITICAL", "HIGH", "MEDIUM", "LOW").orLeftOut(),
            Param.text("title [affects T1|gate:1] [-- description]").orLeftOut()
        };
        return SlashCommand.named(NAME)
                .summary("raise and work CRITICAL incidents against the clock (" + deadlines() + "). "
                        + "Only CRITICAL runs the clock. `security`, or raising it in the security channel, keeps its "
                        + "details in that private channel.")
                .whenEmpty(Subcommand.of()
                        .who(linked)
                        .does("opens the form to raise an incident")
                        .run(inv -> new IncidentForm(isSecurityChannel(inv.caller()), null, false)))
                .freeText(
                        Subcommand.of()
                                .params(raise)
                                .who(linked)
                                .does("raises one at once (CRITICAL by default): the card in its channel, the lead and "
                                        + "the area owner paged")
                                .example(
                                        "/incident security Code injection in features.py affects T1 -- eval() on params")
                                .run(this::raise),
                        NAME + " raise",
                        "security",
                        "critical",
                        "high",
                        "medium",
                        "low")
                .reference(Subcommand.of()
                        .params(Param.incident("id"))
                        .who(linked)
                        .does("a number alone shows that incident, as `/incident show` (a title raises one)")
                        .example("/incident 3")
                        .run(inv -> CommandReply.of(reports.show(
                                queries.show(inv.agent(), inv.args().incident("id"))))))
                .sub(Subcommand.of("raise")
                        .params(raise)
                        .who(linked)
                        .does("the same, asked for by name (for a title that starts like a subcommand)")
                        .example("/incident raise Lost database connection")
                        .run(this::raise))
                .sub(Subcommand.of("list")
                        .who(linked)
                        .does("open incidents with countdowns")
                        .run(inv -> CommandReply.of(reports.list(queries.list(inv.agent()), phases.labels()))))
                .sub(Subcommand.of("list", "phase")
                        .params(Param.text("phase"))
                        .who(linked)
                        .does("every incident raised in one phase, resolved ones too, by its full name or number")
                        .example("/incident list phase 1")
                        .run(inv -> CommandReply.of(reports.list(queries.raisedIn(
                                inv.agent(), phases.window(inv.args().text("phase")))))))
                .sub(Subcommand.of("show")
                        .params(Param.incident("id"))
                        .who(linked)
                        .does("one incident's card and timeline")
                        .example("/incident show 3")
                        .run(inv -> CommandReply.of(reports.show(
                                queries.show(inv.agent(), inv.args().incident("id"))))))
                .sub(Subcommand.of("note")
                        .params(Param.incident("id"), Param.text("text"))
                        .who(linked)
                        .does("adds a line to its timeline (a security incident's: security channel members only); "
                                + "in its room the message shortcut \"Add to incident timeline\" adds a message")
                        .example("/incident note 3 rolled back feature store to v2.3")
                        .run(inv -> CommandReply.of(incidents
                                .timeline()
                                .note(
                                        inv.agent(),
                                        inv.args().incident("id"),
                                        inv.args().text("text")))))
                .sub(Subcommand.of("report")
                        .params(Param.incident("id"))
                        .who(linked)
                        .does("the post-incident summary (so far, while open) and where its report file is posted")
                        .example("/incident report 3")
                        .run(inv -> CommandReply.of(
                                incidents.report(inv.agent(), inv.args().incident("id")))))
                .sub(Subcommand.of("followup")
                        .params(Param.incident("id"), Param.text("text [owner] [due]"))
                        .who(Access.rule("lead, or anyone for their own", (agent, args) -> Optional.empty()))
                        .does("a plan task linked to it (as `/task add`; owner: you unless the lead names one, "
                                + "due: a date), listed in its report file and the weekly review; a security "
                                + "incident's is titled in the plan without its words unless they start with `public:`")
                        .example("/incident followup 3 add a canary for config pushes ml-engineer 2026-12-01")
                        .run(this::followUp))
                .sub(act(Act.ACKNOWLEDGE, "acknowledge", "/incident ack 3", responders)
                        .alias("acknowledge")
                        .run(inv -> act(inv, Act.ACKNOWLEDGE)))
                .sub(act(
                                Act.ASSESS,
                                "the technical assessment: meets the first deadline",
                                "/incident assess 3 eval() on transform params, exploitable from config",
                                responders)
                        .run(inv -> act(inv, Act.ASSESS)))
                .sub(act(
                                Act.PLAN,
                                "the mitigation plan: meets the second deadline (and any earlier one)",
                                "/incident plan 3 whitelist modules, disable dynamic transforms",
                                responders)
                        .run(inv -> act(inv, Act.PLAN)))
                .sub(act(
                                Act.IMPLEMENTED,
                                "the fix is in: meets the last deadline (and earlier ones)",
                                "/incident implemented 3 patch merged in #142",
                                responders)
                        .run(inv -> act(inv, Act.IMPLEMENTED)))
                .sub(act(
                                Act.ESCALATE,
                                "pages the escalation contact now; also meets the last deadline",
                                "/incident escalate 3 needs the vendor's security team",
                                responders)
                        .run(inv -> act(inv, Act.ESCALATE)))
                .sub(Subcommand.of("assign")
                        .params(Param.incident("id"), Param.agent("agent"))
                        .who(Access.rule("lead, area owner", (agent, args) -> Optional.empty()))
                        .does("hands it to another agent (a security incident only to members of the security channel)")
                        .example("/incident assign 3 python-ml-fintech-reviewer")
                        .run(inv -> CommandReply.of(docs.answer(incidents.assign(
                                inv.agent(),
                                inv.args().incident("id"),
                                inv.args().agent("agent"))))))
                .sub(Subcommand.of("role")
                        .params(
                                Param.incident("id"),
                                Param.choice("role", IncidentRoles.ROLES.toArray(String[]::new)),
                                Param.agent("agent"))
                        .who(Access.rule("lead, commander, the role's holder", (agent, args) -> Optional.empty()))
                        .does("hands a role (commander: the lead until handed on; communications: unset until taken, "
                                + "reminded to post updates; assignee) to an agent, announced in the incident's room")
                        .example("/incident role 3 communications qa-engineer")
                        .run(inv -> CommandReply.of(incidents
                                .roles()
                                .handOff(
                                        inv.agent(),
                                        inv.args().incident("id"),
                                        inv.args().text("role"),
                                        inv.args().agent("agent")))))
                .sub(Subcommand.of("update")
                        .params(Param.incident("id"), Param.text("text"))
                        .who(Access.rule("commander, communications, " + RESPONDERS, (agent, args) -> Optional.empty()))
                        .does("posts a stakeholder update to the coordination channel; a security incident's only as "
                                + "\"status update posted\" there (the text in its room) unless the text starts with "
                                + "`public:`")
                        .example("/incident update 3 public: rollback done, error rate back to normal")
                        .run(inv -> CommandReply.of(incidents
                                .roles()
                                .update(
                                        inv.agent(),
                                        inv.args().incident("id"),
                                        inv.args().text("text")))))
                .sub(Subcommand.of("severity")
                        .params(Param.incident("id"), Param.choice("level", "CRITICAL", "HIGH", "MEDIUM", "LOW"))
                        .who(responders)
                        .does(
                                "changes the severity: lowering from CRITICAL stops the clock, raising to it starts the clock from now")
                        .example("/incident severity 3 HIGH")
                        .run(inv -> CommandReply.of(docs.answer(incidents.changeSeverity(
                                inv.agent(),
                                inv.args().incident("id"),
                                inv.args().text("level").toUpperCase(Locale.ROOT))))))
                .sub(Subcommand.of("resolve")
                        .params(Param.incident("id"), Param.text("resolution").orLeftOut())
                        .who(Access.rule(
                                config.escalation().assigneeMayResolve() ? "lead, assignee" : "lead",
                                (agent, args) -> Optional.empty()))
                        .does("stops every timer and posts the post-incident summary")
                        .example("/incident resolve 3 patched and verified")
                        .run(inv -> CommandReply.of(docs.answer(incidents.resolve(
                                inv.agent(),
                                inv.args().incident("id"),
                                inv.args().text("resolution"))))))
                .sub(Subcommand.of("cancel")
                        .params(Param.incident("id"), Param.text("reason"))
                        .who(Access.rule("raiser within 15 min, lead", (agent, args) -> Optional.empty()))
                        .does("marks one raised in error: every timer stops, the review leaves it out")
                        .example("/incident cancel 4 raised by mistake, duplicate of #3")
                        .run(inv -> CommandReply.of(docs.answer(incidents.cancel(
                                inv.agent(),
                                inv.args().incident("id"),
                                inv.args().text("reason"))))))
                .build();
    }

    /**
     * The raise form's answer (Slack modal or console questions). A refusal comes back as a
     * {@link CommandException} naming the form's input it concerns.
     */
    public Doc submitForm(Caller caller, RaiseRequest request) {
        String agent = caller.requireAgent(config.lead().id());
        try {
            return docs.answer(incidents.raise(agent, request));
        } catch (Refusal refusal) {
            throw new CommandException(refusal.field(), refusal.answer());
        }
    }

    /**
     * The message shortcut "Add to incident timeline" on a message of {@code channelId}: the
     * answer only the caller sees.
     */
    public Doc addMessage(Caller caller, String channelId, String text, String ts) {
        String agent = caller.requireAgent(config.lead().id());
        try {
            return incidents.timeline().addMessage(agent, channelId, text, ts);
        } catch (Refusal refusal) {
            return refusal.answer();
        }
    }

    /**
     * A message pinned in {@code channelId} by {@code caller}: on the timeline of the incident
     * whose room it is (see {@link IncidentTimeline#addPinned}). Nobody is answered.
     */
    public IncidentTimeline.Pin addPinned(Caller caller, String channelId, String text, String ts) {
        return incidents.timeline().addPinned(caller.agent(), caller.slackUser(), channelId, text, ts);
    }

    /**
     * Why {@code caller} may not press the card's {@code button} ({@code ack}, an act's command,
     * or {@code resolve}) on incident {@code id}: the service's own refusal, naming who may,
     * and for someone linked to no agent how to get linked. Empty when they may. Asked at
     * press time so nobody is shown a form only to be refused; the submit is checked again.
     */
    public Optional<Doc> buttonRefusal(Caller caller, String button, long id) {
        Optional<Doc> refusal;
        try {
            refusal = button.equals("resolve")
                    ? queries.refusalToResolve(caller.agent(), id)
                    : queries.refusalToAct(
                            caller.agent(),
                            id,
                            Act.byCommand(button)
                                    .orElseThrow(() -> new IllegalArgumentException("no incident button " + button)));
        } catch (Refusal noSuch) {
            return Optional.of(noSuch.answer());
        }
        if (refusal.isEmpty() || caller.isLinked()) {
            return refusal;
        }
        try {
            caller.requireAgent(config.lead().id());
            return refusal;
        } catch (CommandException notLinked) {
            return Optional.of(Doc.builder()
                    .addAll(refusal.get())
                    .addAll(notLinked.answer())
                    .build());
        }
    }

    private static Subcommand.Builder act(Act act, String does, String example, Access who) {
        List<Param> params = act == Act.ACKNOWLEDGE
                ? List.of(Param.incident("id"))
                : List.of(Param.incident("id"), Param.text("text"));
        return Subcommand.of(act.command())
                .params(params.toArray(Param[]::new))
                .who(who)
                .does(does)
                .example(example);
    }

    private CommandReply act(Invocation inv, Act act) {
        return CommandReply.of(docs.answer(incidents.act(
                inv.agent(), inv.args().incident("id"), act, inv.args().text("text"))));
    }

    /** {@code <text> [owner] [due]}: a last word that is a date is the due, then one that is an agent the owner. */
    private CommandReply followUp(Invocation inv) {
        if (tasks == null) {
            throw Refusal.of(null, "Follow-ups need the plan, which this install does not run.");
        }
        List<String> words = new java.util.ArrayList<>(
                List.of(inv.args().text("text [owner] [due]").strip().split("\\s+")));
        String due = null;
        String owner = null;
        if (words.size() > 1 && words.get(words.size() - 1).matches("\\d{4}-\\d{2}-\\d{2}")) {
            due = words.remove(words.size() - 1);
        }
        if (words.size() > 1 && config.agent(words.get(words.size() - 1)).isPresent()) {
            owner = words.remove(words.size() - 1);
        }
        return CommandReply.of(incidents
                .timeline()
                .followUp(inv.agent(), inv.args().incident("id"), String.join(" ", words), owner, due, tasks));
    }

    private CommandReply raise(Invocation inv) {
        boolean security = inv.args().has("security") || isSecurityChannel(inv.caller());
        String severity = inv.args()
                .optionalText("severity")
                .map(s -> s.toUpperCase(Locale.ROOT))
                .orElse(null);
        String rest = inv.args().text("title [affects T1|gate:1] [-- description]");
        if (rest.isBlank()) {
            return new IncidentForm(security, severity, true);
        }
        return CommandReply.of(docs.answer(incidents.raise(inv.agent(), parseRaise(rest, security, severity))));
    }

    /** Reads {@code <title> [affects T1|gate:1] [-- description]} after the flags. */
    public static RaiseRequest parseRaise(String text, boolean security, String severity) {
        String rest = text;
        String description = null;
        int dashes = rest.indexOf(" -- ");
        if (dashes >= 0) {
            description = rest.substring(dashes + 4).strip();
            rest = rest.substring(0, dashes);
        } else if (rest.startsWith("-- ")) {
            throw Refusal.of(
                    "title",
                    "Give the incident a title before ",
                    Span.code(" -- "),
                    ": ",
                    Span.code("/incident Token in logs -- found in CI output"),
                    ".");
        }
        String affects = null;
        Matcher m = AFFECTS.matcher(rest);
        if (m.find()) {
            String word = m.group(1);
            affects = PlanRefs.parse(word)
                    .orElseThrow(() -> Refusal.of(
                            "affects",
                            Span.code(word),
                            " is not a task or gate; write ",
                            Span.code("affects T1"),
                            " or ",
                            Span.code("affects gate:1"),
                            ". Nothing was raised."));
            rest = rest.substring(0, m.start());
        }
        return new RaiseRequest(rest.strip(), severity, security, description, affects);
    }

    private boolean isSecurityChannel(Caller caller) {
        return config.escalation().securityChannel().equals(caller.channelRole());
    }

    private String deadlines() {
        return String.join(
                ", ",
                config.escalation().milestones().stream()
                        .map(m -> m.name() + " within " + dev.phasebot.message.Times.duration(m.due()))
                        .toList());
    }
}
