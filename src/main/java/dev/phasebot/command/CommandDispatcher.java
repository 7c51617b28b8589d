package dev.phasebot.command;

import dev.phasebot.command.Subcommand.Invocation;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Span;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs slash commands from their tables. It finds the subcommand, reads its arguments with
 * the shared parsers, checks who may, and only then calls the feature. Anything it cannot
 * place changes nothing: an unknown or misspelt word answers "Did you mean", a missing or
 * wrong argument answers what was wrong and the usage. Features register their tables at
 * wiring time; this package imports none of them.
 */
public final class CommandDispatcher {

    private final Map<String, SlashCommand> byName = new LinkedHashMap<>();
    private final Map<SlashCommand, CommandIndex> indexes = new java.util.IdentityHashMap<>();
    /** Looked up once: building a meter id and finding it in the registry on every command costs more than the counting. */
    private final Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

    private final List<SlashCommand> commands;
    private final Roster roster;
    private final Clock clock;
    private final ZoneId zone;
    private final String lead;
    private final MeterRegistry meters;

    public CommandDispatcher(List<SlashCommand> commands, Roster roster, Clock clock, ZoneId zone, String lead) {
        // An empty composite registry drops what is recorded into it: this dispatcher counts nothing.
        this(commands, roster, clock, zone, lead, new CompositeMeterRegistry());
    }

    /** Counts every command by name and outcome ({@code phasebot.commands}) in {@code meters}. */
    public CommandDispatcher(
            List<SlashCommand> commands, Roster roster, Clock clock, ZoneId zone, String lead, MeterRegistry meters) {
        this.meters = meters;
        this.commands = List.copyOf(commands);
        this.roster = roster;
        this.clock = clock;
        this.zone = zone;
        this.lead = lead;
        for (SlashCommand command : commands) {
            for (String name : command.names()) {
                if (byName.put(name, command) != null) {
                    throw new IllegalArgumentException("two commands are called " + name);
                }
            }
            indexes.put(command, CommandIndex.of(command));
            // Registered at zero, so an alert on the rate of errors has a series before the first one.
            OUTCOMES.forEach(outcome -> outcome(command.name(), outcome));
        }
    }

    private static final List<String> OUTCOMES = List.of("ok", "refused", "error");

    /** Every slash command name (aliases included) that the Slack app registers. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The tables, in the order they were registered (help and the README follow it). */
    public List<SlashCommand> commands() {
        return commands;
    }

    /** Runs a command; {@link CommandException} carries the caller's error message and means nothing changed. */
    public CommandReply handle(Caller caller, String commandName, String text) {
        String name = commandName == null ? "" : commandName.strip().toLowerCase(Locale.ROOT);
        SlashCommand command = byName.get(name);
        // By the command's own name, aliases folded in; anything else is one "unknown", so no caller grows the series.
        String counted = command == null ? "unknown" : command.name();
        try {
            CommandReply reply = dispatch(caller, name, command, text);
            outcome(counted, "ok").increment();
            return reply;
        } catch (CommandException refused) {
            outcome(counted, "refused").increment();
            throw refused;
        } catch (RuntimeException | Error failed) {
            outcome(counted, "error").increment();
            throw failed;
        }
    }

    private Counter outcome(String command, String outcome) {
        return counters.computeIfAbsent(
                command + " " + outcome,
                key -> Counter.builder("phasebot.commands")
                        .tag("command", command)
                        .tag("outcome", outcome)
                        .description(
                                "slash commands run, by outcome: ok, refused (the caller's mistake or no permission), "
                                        + "error (ours)")
                        .register(meters));
    }

    private CommandReply dispatch(Caller caller, String name, SlashCommand command, String text) {
        if (command == null) {
            List<String> close = Typos.suggestions(
                    name.replace("/", ""),
                    byName.keySet().stream().map(n -> n.substring(1)).toList());
            List<Object> answer = new ArrayList<>(List.of("Unknown command ", Span.code(name), "."));
            if (!close.isEmpty()) {
                answer.addAll(List.of(" Did you mean ", Span.code("/" + close.get(0)), "?"));
            }
            answer.addAll(List.of(
                    " Commands: " + String.join(", ", byName.keySet()) + " (each has ", Span.code("help"), ")."));
            throw usage(answer);
        }
        String raw = text == null ? "" : text;
        List<Token> tokens = Token.split(raw);
        if (tokens.isEmpty()) {
            return command.whenEmpty() == null
                    ? CommandHelp.help(command)
                    : run(command, command.whenEmpty(), caller, raw, tokens, 0);
        }
        String first = tokens.get(0).text().toLowerCase(Locale.ROOT);
        if (first.equals("help")) {
            return tokens.size() == 1
                    ? CommandHelp.help(command)
                    : CommandHelp.helpFor(command, tokens.get(1).text());
        }
        CommandIndex index = indexes.get(command);
        List<Subcommand> matching = matching(index.startingWith(first), tokens);
        if (!matching.isEmpty()) {
            return runFirstFitting(command, matching, caller, raw, tokens);
        }
        Optional<Args> reference = readReference(command, raw, tokens);
        if (reference.isPresent()) {
            return call(command.reference(), caller, reference.get());
        }
        // `/phase metric chek security 1`: the first word starts only two-word subcommands and the second is
        // a slip of one of theirs; that is what was meant, not the nearest one-word subcommand (`metrics`).
        List<String> slips = secondWordSlips(command, tokens);
        if (!slips.isEmpty()) {
            List<Object> answer = new ArrayList<>(List.of(
                    Span.code(tokens.get(0).text() + " " + tokens.get(1).text()),
                    " is not a ",
                    Span.code(command.name()),
                    " subcommand. Did you mean "));
            answer.addAll(either(slips.stream()
                    .map(words -> command.name() + " " + words + rest(raw, tokens, 2))
                    .toList()));
            answer.add("? Nothing was changed.\n");
            answer.addAll(CommandHelp.usages(command));
            throw usage(answer);
        }
        boolean looksLikeALabel = first.endsWith(":");
        // A guarded word typed exactly (`security`) is the flag it stands for, not a slip of a subcommand;
        // and a label (`today:`) is free text whatever it resembles, so no slip is looked for.
        List<String> close = index.isGuarded(first) || looksLikeALabel && command.freeText() != null
                ? List.of()
                : Typos.suggestions(first, index.slipCandidates());
        if (command.freeText() != null && (close.isEmpty() || looksLikeALabel)) {
            refuseSlipAfterGuardedWords(command, index, raw, tokens);
            return run(command, command.freeText(), caller, raw, tokens, 0);
        }
        List<Object> answer = new ArrayList<>(
                List.of(Span.code(tokens.get(0).text()), " is not a ", Span.code(command.name()), " subcommand."));
        if (!close.isEmpty()) {
            answer.add(" Did you mean ");
            answer.addAll(either(close.stream()
                    .map(c -> command.name() + " " + c + rest(raw, tokens, 1))
                    .toList()));
            answer.add("?");
        }
        if (command.freeText() != null) {
            answer.addAll(List.of(
                    " Nothing was changed. If you meant it as text, write ",
                    Span.code(command.explicitForm() + " " + raw.strip()),
                    "."));
        } else {
            answer.add("\n");
            answer.addAll(CommandHelp.usages(command));
        }
        throw usage(answer);
    }

    /**
     * The whole text as the command's bare reference ({@code T3}, {@code 1}, {@code #3}), or empty
     * when it has none or the text is anything more or else: then it is read as before (free text,
     * or a slip of a subcommand).
     */
    private Optional<Args> readReference(SlashCommand command, String raw, List<Token> tokens) {
        if (command.reference() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(reader().read(raw, tokens, 0, command.reference().params()));
        } catch (ArgReader.Mismatch notAReference) {
            return Optional.empty();
        }
    }

    /**
     * {@code /incident security hgih Outage}: the guarded words that lead free text are its flags,
     * and a slip of one right after them would be read as the start of the title (a CRITICAL
     * incident raised for a HIGH one), so it is refused like a slip in first place. The words of
     * a flag already given are not looked for again: after {@code HIGH}, {@code Log rotation} is a title.
     */
    private static void refuseSlipAfterGuardedWords(
            SlashCommand command, CommandIndex index, String raw, List<Token> tokens) {
        if (!index.isGuarded(tokens.get(0).text())) {
            return;
        }
        List<Param> flags =
                command.freeText().params().stream().filter(Param::isFlag).toList();
        List<String> open = new ArrayList<>(command.guarded());
        int at = 0;
        while (at < tokens.size() && index.isGuarded(tokens.get(at).text())) {
            String given = tokens.get(at).text();
            open.removeIf(w ->
                    w.equalsIgnoreCase(given) || flags.stream().anyMatch(f -> f.isFlagWord(given) && f.isFlagWord(w)));
            at++;
        }
        if (at == 0 || at == tokens.size()) {
            return;
        }
        String word = tokens.get(at).text();
        List<String> close = Typos.suggestions(word, open);
        if (close.isEmpty()) {
            return;
        }
        String given = tokens.subList(0, at).stream().map(Token::text).collect(Collectors.joining(" "));
        String after = rest(raw, tokens, at + 1);
        List<Object> answer = new ArrayList<>(List.of(Span.code(word), " looks like "));
        answer.addAll(either(close));
        answer.add(". Did you mean ");
        answer.addAll(either(close.stream()
                .map(c -> command.name() + " " + given + " " + c + after)
                .toList()));
        answer.addAll(List.of(
                "? Nothing was changed. If you meant it as text, write ",
                Span.code(command.explicitForm() + " " + raw.strip()),
                "."));
        throw usage(answer);
    }

    /**
     * Of the subcommands starting with the text's first word, those whose words start the text,
     * the longest match first (`ooo list` before `ooo`).
     */
    private static List<Subcommand> matching(List<Subcommand> candidates, List<Token> tokens) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        int best = 0;
        List<Subcommand> found = new ArrayList<>();
        for (Subcommand sub : candidates) {
            int length = matchLength(sub, tokens);
            if (length == 0 || length < best) {
                continue;
            }
            if (length > best) {
                found.clear();
                best = length;
            }
            found.add(sub);
        }
        return found;
    }

    private static int matchLength(Subcommand sub, List<Token> tokens) {
        if (sub.words().size() > tokens.size()) {
            return 0;
        }
        for (int i = 1; i < sub.words().size(); i++) {
            if (!sub.words().get(i).equalsIgnoreCase(tokens.get(i).text())) {
                return 0;
            }
        }
        return sub.words().size();
    }

    /** Tries each form of a subcommand (e.g. `depends <id> on` and `depends <id> remove`) in order. */
    private CommandReply runFirstFitting(
            SlashCommand command, List<Subcommand> forms, Caller caller, String raw, List<Token> tokens) {
        ArgReader reader = reader();
        ArgReader.Mismatch best = null;
        for (Subcommand form : forms) {
            try {
                Args args = reader.read(raw, tokens, form.words().size(), form.params());
                return call(form, caller, args);
            } catch (ArgReader.Mismatch e) {
                if (best == null || e.fitted > best.fitted) {
                    best = e;
                }
            }
        }
        List<Object> answer = new ArrayList<>();
        List<String> slips = secondWordSlips(command, tokens);
        if (!slips.isEmpty()) {
            answer.add("Did you mean ");
            answer.addAll(either(slips.stream()
                    .map(words -> command.name() + " " + words + rest(raw, tokens, 2))
                    .toList()));
            answer.add("? ");
        }
        answer.addAll(best.says);
        answer.add(" Nothing was changed.\nUsage: ");
        for (Subcommand f : forms) {
            if (f != forms.get(0)) {
                answer.add("; or ");
            }
            answer.addAll(usageOf(command, f));
        }
        // Only a phrase can have been meant as text: `/incident assess` alone was not a title.
        if (command.freeText() != null && tokens.size() >= 3) {
            answer.addAll(List.of(
                    "\nIf you meant it as text, write ", Span.code(command.explicitForm() + " " + raw.strip()), "."));
        }
        throw usage(answer);
    }

    /**
     * {@code /standup ooo lsit}: the second word a slip of a two-word subcommand's ({@code ooo list});
     * every one as close when several are ({@code handoff ncheck}: check or uncheck).
     */
    private static List<String> secondWordSlips(SlashCommand command, List<Token> tokens) {
        if (tokens.size() < 2) {
            return List.of();
        }
        String first = tokens.get(0).text().toLowerCase(Locale.ROOT);
        List<String> seconds = command.subcommands().stream()
                .filter(s -> s.words().size() >= 2 && s.names().contains(first))
                .map(s -> s.words().get(1))
                .filter(w -> !w.equalsIgnoreCase(tokens.get(1).text()))
                .toList();
        return Typos.suggestions(tokens.get(1).text(), seconds).stream()
                .map(second -> tokens.get(0).text() + " " + second)
                .toList();
    }

    private CommandReply run(
            SlashCommand command, Subcommand sub, Caller caller, String raw, List<Token> tokens, int from) {
        try {
            return call(sub, caller, reader().read(raw, tokens, from, sub.params()));
        } catch (ArgReader.Mismatch e) {
            List<Object> answer = new ArrayList<>(e.says);
            answer.add(" Nothing was changed.\nUsage: ");
            answer.addAll(usageOf(command, sub));
            answer.add(".");
            throw usage(answer);
        }
    }

    private CommandReply call(Subcommand sub, Caller caller, Args args) {
        String agent = caller.requireAgent(lead);
        Optional<String> refusal = sub.access().refusal(agent, args);
        if (refusal.isPresent()) {
            throw CommandException.of(Doc.of(refusal.get()));
        }
        try {
            return sub.handler().run(new Invocation(caller, agent, args));
        } catch (dev.phasebot.message.Refusal no) {
            throw CommandException.of(no);
        }
    }

    private ArgReader reader() {
        return new ArgReader(roster, LocalDate.ofInstant(clock.instant(), zone));
    }

    private static String rest(String raw, List<Token> tokens, int from) {
        return from < tokens.size()
                ? " " + raw.substring(tokens.get(from).start()).strip()
                : "";
    }

    /** {@code `a` or `b`}: commands the caller may have meant. */
    private static List<Object> either(List<String> commands) {
        List<Object> spans = new ArrayList<>();
        for (String c : commands) {
            if (!spans.isEmpty()) {
                spans.add(" or ");
            }
            spans.add(Span.code(c));
        }
        return spans;
    }

    /** A form's usage and, when it has one, its example. */
    private static List<Object> usageOf(SlashCommand command, Subcommand form) {
        List<Object> spans = new ArrayList<>(List.of(Span.code(form.usage(command.name()))));
        if (!form.example().isEmpty()) {
            spans.addAll(List.of(", e.g. ", Span.code(form.example())));
        }
        return spans;
    }

    private static CommandException usage(List<Object> answer) {
        return CommandException.of(Doc.of(answer.toArray()));
    }
}
