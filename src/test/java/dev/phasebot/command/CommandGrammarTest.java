package dev.phasebot.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.phasebot.Phasebot;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.TableRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * "Commands a team can trust", checked row by row. Every case is generated from the command
 * tables the bot registers ({@code bot.dispatcher().commands()}), so a subcommand added to a
 * table is covered by each check here without touching this class: a slip of any of its words
 * changes nothing and says "Did you mean"; it answers its usage when its arguments are left
 * out; its example works; it refuses whoever its table says may not run it; help lists it.
 * "Changes nothing" is read from the SQLite file itself: every row of every table, the outbox
 * and the audit log included, is the same after the command as before it.
 */
class CommandGrammarTest extends BotTest {

    private static final String LEAD = "senior-system-developer";
    /** Owns T7 only: no lead, no review leader, no owner of what the examples name (T1, T3, T5, gate 1, incidents). */
    private static final String NO_ROLE = "devops-engineer";

    private static final String GATE_1_OWNER = "python-ml-fintech-reviewer";
    private static final Caller UNLINKED = new Caller(null, "U0NOBODY", null);
    private static final String ANYONE = "anyone linked";
    /** What the dispatcher says when it could not read a command, as opposed to a feature refusing one. */
    private static final List<String> GRAMMAR_ERRORS =
            List.of("is missing", "one word too many", "is not a", "Usage:", "Did you mean");

    /** The state most examples need: incidents #1 to #4 raised by the lead, out-of-office #1 to #3. */
    private static final List<Step> COMMON = List.of(
            lead("/incident raise Feature store outage"),
            lead("/incident raise Nightly training job stuck"),
            lead("/incident raise Prediction latency spike"),
            lead("/incident raise Latency spike again"),
            lead("/standup ooo qa-engineer 2026-12-01 2026-12-02 conference"),
            lead("/standup ooo ml-engineer 2026-12-03 2026-12-04 training"),
            lead("/standup ooo software-architect 2026-12-07 2026-12-08 moving"));
    /** Today's standup running, the lead's update in it (blockers included, for `clear blockers`). */
    private static final List<Step> STANDUP_RUNNING =
            List.of(lead("/standup open"), lead("/standup blockers: waiting on T1; today: baseline report"));

    private static final List<Step> REVIEW_RUNNING = List.of(lead("/review open"));
    private static final List<Step> GATE_1_MET =
            List.of(lead("/gate check 1 1"), lead("/gate check 1 2"), lead("/gate check 1 3"), lead("/gate check 1 4"));
    private static final List<Step> GATE_1_PASSED = concat(GATE_1_MET, List.of(new Step(GATE_1_OWNER, "/gate pass 1")));

    /** What a line needs besides {@link #COMMON} before it can work. */
    private static final Map<String, List<Step>> NEEDS = Map.of(
            "/task start T3", concat(GATE_1_PASSED, List.of(lead("/task done T1 force"), lead("/task done T6 force"))),
            "/task done T3",
                    List.of(
                            lead("/task deliverable T3 check 1"),
                            lead("/task deliverable T3 check 2"),
                            lead("/task deliverable T3 check 3"),
                            lead("/task deliverable T3 check 4")),
            "/task reopen T3", List.of(lead("/task done T3 force")),
            "/gate pass 1", GATE_1_MET,
            "/oncall override cancel 1", List.of(lead("/oncall override contact software-architect for 2h")),
            "/gate reopen 1", GATE_1_PASSED);

    /**
     * Examples the lead cannot run on the shipped plan however it is arranged, with the feature's
     * refusal that says why. None of them is a grammar error.
     */
    private static final Map<String, String> REFUSED_FOR_LEAD = Map.of(
            // Only the gate's owner passes it; the lead may not, by design.
            "/gate pass 1", "Only the gate's owner (" + GATE_1_OWNER + ") may pass Gate 1");

    /** Lines that {@link #NO_ROLE} may run as written, and the same request as one they may not. */
    private static final Map<String, String> REFUSED_FOR_NO_ROLE = Map.of(
            "/task add Fuzz the YAML loader; priority: HIGH; due: Week 2; deliverables: corpus, CI job",
            "/task add Fuzz the YAML loader; priority: HIGH; due: Week 2; deliverables: corpus, CI job; owner: qa-engineer");

    private static final Pattern AT_NAME = Pattern.compile("(?<=\\s)@([a-z][a-z0-9._-]*)");

    private final AtomicInteger freshBots = new AtomicInteger();

    CommandGrammarTest() {
        super("2026-11-24T10:00"); // a Tuesday: a standup day, not a holiday
    }

    // --- 1. slips of subcommand words and guarded words ---

    @TestFactory
    Stream<DynamicTest> aTypoOfEverySubcommandChangesNoTable() {
        arrange(bot, "");
        Map<String, Slip> slips = new LinkedHashMap<>();
        for (SlashCommand command : bot.dispatcher().commands()) {
            Set<String> taken = takenWords(command);
            for (Subcommand row : command.subcommands()) {
                for (int at = 0; at < row.words().size(); at++) {
                    List<String> before = row.words().subList(0, at);
                    List<String> spellings =
                            at == 0 ? row.names() : List.of(row.words().get(at));
                    for (String word : spellings) {
                        Set<String> others = at == 0
                                ? taken
                                : secondWords(command, row.words().get(0));
                        for (String typo : typos(word)) {
                            if (others.contains(typo)) {
                                continue;
                            }
                            String typed = String.join(" ", concat(before, List.of(typo)));
                            String meant = command.name() + " " + String.join(" ", concat(before, List.of(word)));
                            slips.putIfAbsent(command.name() + " " + typed, new Slip(command.name(), typed, meant));
                        }
                    }
                }
            }
        }
        return slips.values().stream()
                .map(slip -> DynamicTest.dynamicTest(
                        slip.command() + " " + slip.typed() + "  (meant " + slip.meant() + ")", () -> {
                            assertSlipChangesNothing(slip, slip.typed() + " 1 some words");
                            assertSlipChangesNothing(slip, slip.typed());
                        }));
    }

    /**
     * {@code /incident securty Token in logs} must not raise a public incident titled "securty
     * Token in logs", nor {@code /incident security hgih Outage} a CRITICAL one titled "hgih Outage":
     * a slip of a guarded word is refused first in the text and after the guarded words given.
     */
    @TestFactory
    Stream<DynamicTest> aTypoOfAGuardedWordRaisesNothing() {
        arrange(bot, "");
        List<Slip> slips = new ArrayList<>();
        for (SlashCommand command : bot.dispatcher().commands()) {
            Set<String> taken = takenWords(command);
            for (String word : command.guarded()) {
                for (String typo : typos(word)) {
                    if (taken.contains(typo)) {
                        continue;
                    }
                    slips.add(new Slip(command.name(), typo, command.name() + " " + word));
                    for (String given : guardedOfOtherFlags(command, word)) {
                        slips.add(new Slip(
                                command.name(), given + " " + typo, command.name() + " " + given + " " + word));
                    }
                }
            }
        }
        assertFalse(slips.isEmpty(), "no command guards a word; /incident guards security and the severities");
        return slips.stream()
                .map(slip -> DynamicTest.dynamicTest(slip.command() + " " + slip.typed() + " Token in logs", () -> {
                    assertSlipChangesNothing(slip, slip.typed() + " Token in logs");
                    assertSlipChangesNothing(slip, slip.typed());
                }));
    }

    /** {@code /incident HIGH security Token in logs} is {@code /incident security HIGH Token in logs}: never a public incident. */
    @TestFactory
    Stream<DynamicTest> guardedWordsMeanTheSameInEitherOrder() {
        List<DynamicTest> tests = new ArrayList<>();
        for (SlashCommand command : bot.dispatcher().commands()) {
            for (String first : command.guarded()) {
                for (String second : guardedOfOtherFlags(command, first)) {
                    if (command.guarded().indexOf(second) < command.guarded().indexOf(first)) {
                        continue;
                    }
                    String oneWay = first + " " + second + " Token in logs";
                    String otherWay = second + " " + first + " Token in logs";
                    tests.add(DynamicTest.dynamicTest(command.name() + " " + otherWay, () -> {
                        try (Phasebot one = freshBot();
                                Phasebot other = freshBot()) {
                            String answer = text(one.dispatcher().handle(Caller.agent(LEAD), command.name(), oneWay));
                            assertEquals(
                                    answer,
                                    text(other.dispatcher().handle(Caller.agent(LEAD), command.name(), otherWay)));
                            assertEquals(TableRows.of(one.database()), TableRows.of(other.database()), otherWay);
                        }
                    }));
                }
            }
        }
        assertFalse(tests.isEmpty(), "/incident takes security and a severity, in either order");
        return tests.stream();
    }

    private void assertSlipChangesNothing(Slip slip, String text) {
        TableRows before = TableRows.of(bot.database());
        String answer = assertThrows(
                        CommandException.class,
                        () -> bot.dispatcher().handle(Caller.agent(LEAD), slip.command(), text),
                        slip.command() + " " + text + " was run instead of refused")
                .getMessage();
        assertTrue(answer.contains("Did you mean"), answer);
        assertTrue(answer.contains(slip.meant()), "should name " + slip.meant() + ": " + answer);
        assertUnchanged(before, slip.command() + " " + text);
    }

    // --- 2. examples ---

    @TestFactory
    Stream<DynamicTest> everyExampleWorksForTheLeadOnceItsStateIsThere() {
        return rows().filter(r -> line(r) != null)
                .map(r -> DynamicTest.dynamicTest(line(r), () -> {
                    String line = line(r);
                    try (Phasebot fresh = freshBot()) {
                        arrange(fresh, line);
                        String refusal = REFUSED_FOR_LEAD.get(line);
                        if (refusal == null) {
                            CommandReply reply = run(fresh, Caller.agent(LEAD), slackSends(line));
                            assertNotNull(reply, line);
                            return;
                        }
                        TableRows before = TableRows.of(fresh.database());
                        String answer = assertThrows(
                                        CommandException.class, () -> run(fresh, Caller.agent(LEAD), slackSends(line)))
                                .getMessage();
                        assertTrue(answer.startsWith(refusal), answer);
                        GRAMMAR_ERRORS.forEach(
                                e -> assertFalse(answer.contains(e), "a grammar error for an example: " + answer));
                        assertEquals(before, TableRows.of(fresh.database()), line);
                    }
                }));
    }

    /** Each example is written for its own row: it starts with its command and its row's words, or with free text. */
    @Test
    void everyExampleIsWrittenForItsOwnRowAndEveryRowThatNeedsArgumentsHasOne() {
        rows().forEach(r -> {
            Subcommand row = r.row();
            boolean needsArguments = row.params().stream().anyMatch(p -> !p.optional());
            assertTrue(
                    !needsArguments || !row.example().isEmpty(),
                    row.usage(r.command().name()) + " has no example");
            if (row.example().isEmpty()) {
                return;
            }
            List<String> words = List.of(row.example().split("\\s+"));
            assertTrue(r.command().names().contains(words.get(0)), row.example());
            if (row.words().isEmpty()) {
                String first = words.size() > 1 ? words.get(1).toLowerCase(Locale.ROOT) : "";
                assertFalse(
                        takenWords(r.command()).contains(first)
                                && !r.command().guarded().contains(first),
                        row.example() + " starts with a subcommand, not free text");
                return;
            }
            assertTrue(row.names().contains(words.get(1)), row.example());
            assertEquals(
                    row.words().subList(1, row.words().size()),
                    words.subList(2, 1 + row.words().size()),
                    row.example());
        });
    }

    // --- 3. arguments left out ---

    @TestFactory
    Stream<DynamicTest> everySubcommandCalledWithoutItsArgumentsAnswersItsUsageAndChangesNoTable() {
        arrange(bot, "");
        return rows().filter(r ->
                        !r.row().words().isEmpty() && r.row().params().stream().anyMatch(p -> !p.optional()))
                .map(r -> {
                    String text = String.join(" ", r.row().words());
                    String line = r.command().name() + " " + text;
                    return DynamicTest.dynamicTest(line, () -> {
                        TableRows before = TableRows.of(bot.database());
                        String answer = assertThrows(
                                        CommandException.class,
                                        () -> bot.dispatcher()
                                                .handle(
                                                        Caller.agent(LEAD),
                                                        r.command().name(),
                                                        text))
                                .getMessage();
                        assertTrue(answer.contains("Nothing was changed"), answer);
                        assertTrue(answer.contains("Usage:"), answer);
                        assertTrue(answer.contains(r.row().usage(r.command().name())), answer);
                        assertUnchanged(before, line);
                    });
                });
    }

    // --- 4. who may ---

    @TestFactory
    Stream<DynamicTest> everyGuardedSubcommandRefusesAnAgentWithoutItsRoleAndChangesNoTable() {
        // A row that needs arguments and has no example is reported by the example check above.
        List<Row> guarded = rows().filter(r -> !r.row().access().who().equals(ANYONE) && line(r) != null)
                .toList();
        assertFalse(guarded.isEmpty());
        return guarded.stream().map(r -> {
            String line = line(r);
            String asNoRole = REFUSED_FOR_NO_ROLE.getOrDefault(line, line);
            return DynamicTest.dynamicTest(asNoRole + "  (" + r.row().access().who() + ")", () -> {
                try (Phasebot fresh = freshBot()) {
                    arrange(fresh, line);
                    TableRows before = TableRows.of(fresh.database());
                    String answer = assertThrows(
                                    CommandException.class,
                                    () -> run(fresh, Caller.agent(NO_ROLE), slackSends(asNoRole)),
                                    NO_ROLE + " ran " + asNoRole)
                            .getMessage();
                    assertTrue(answer.startsWith("Only "), answer);
                    for (String named : whoIsNamed(r.row().access().who())) {
                        assertTrue(answer.contains(named), "should name " + named + ": " + answer);
                    }
                    assertEquals(before, TableRows.of(fresh.database()), asNoRole);
                }
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> everySubcommandRefusesAnUnlinkedSlackUserAndChangesNoTable() {
        arrange(bot, "");
        return rows().filter(r -> line(r) != null)
                .map(r -> DynamicTest.dynamicTest(line(r), () -> {
                    TableRows before = TableRows.of(bot.database());
                    String answer = assertThrows(CommandException.class, () -> run(bot, UNLINKED, slackSends(line(r))))
                            .getMessage();
                    assertTrue(answer.contains("not linked"), answer);
                    assertUnchanged(before, line(r));
                }));
    }

    // --- 5. help ---

    @TestFactory
    Stream<DynamicTest> helpListsEverySubcommandAndHelpForOneShowsItsExample() {
        List<DynamicTest> tests = new ArrayList<>();
        for (SlashCommand command : bot.dispatcher().commands()) {
            for (String name : command.names()) {
                tests.add(DynamicTest.dynamicTest(name + " help", () -> {
                    String help = text(bot.dispatcher().handle(Caller.agent(NO_ROLE), name, "help"));
                    for (Subcommand row : command.rows()) {
                        assertTrue(
                                help.contains(row.usage(command.name()) + ": "
                                        + row.does().replace("`", "") + " ("
                                        + row.access().who() + ")"),
                                help);
                    }
                }));
            }
            for (Subcommand row : command.subcommands()) {
                for (String word : row.names()) {
                    tests.add(DynamicTest.dynamicTest(command.name() + " help " + word, () -> {
                        String help =
                                text(bot.dispatcher().handle(Caller.agent(NO_ROLE), command.name(), "help " + word));
                        assertTrue(help.contains(row.usage(command.name())), help);
                        if (!row.example().isEmpty()) {
                            assertTrue(help.contains("e.g. " + row.example()), help);
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    // --- fixtures ---

    /** One row of a command's table. */
    private record Row(SlashCommand command, Subcommand row) {}

    /** A slip as typed after the command, and the words it was meant as. */
    private record Slip(String command, String typed, String meant) {}

    /** One command run to arrange a state. */
    private record Step(String agent, String line) {}

    private static Step lead(String line) {
        return new Step(LEAD, line);
    }

    private Stream<Row> rows() {
        return bot.dispatcher().commands().stream()
                .flatMap(c -> c.rows().stream().map(s -> new Row(c, s)));
    }

    /** The row as someone would type it: its example, or its bare words when it needs no argument. */
    private static String line(Row r) {
        if (!r.row().example().isEmpty()) {
            return r.row().example();
        }
        if (r.row().params().stream().anyMatch(p -> !p.optional())) {
            return null;
        }
        return String.join(" ", concat(List.of(r.command().name()), r.row().words()));
    }

    /** Every word that already means something as the first word of a command's text. */
    private static Set<String> takenWords(SlashCommand command) {
        Set<String> taken = new LinkedHashSet<>(List.of("help"));
        command.subcommands().forEach(s -> taken.addAll(s.names()));
        command.guarded().forEach(g -> taken.add(g.toLowerCase(Locale.ROOT)));
        return taken;
    }

    /** The guarded words that stand for another flag of the free text than {@code word} does (a severity for `security`). */
    private static List<String> guardedOfOtherFlags(SlashCommand command, String word) {
        List<Param> flags =
                command.freeText().params().stream().filter(Param::isFlag).toList();
        Param own = flags.stream().filter(f -> f.isFlagWord(word)).findFirst().orElse(null);
        return command.guarded().stream()
                .filter(g -> flags.stream().anyMatch(f -> f != own && f.isFlagWord(g)))
                .toList();
    }

    /** The second words of the subcommands that start with {@code first} ({@code list} and {@code cancel} after {@code ooo}). */
    private static Set<String> secondWords(SlashCommand command, String first) {
        Set<String> seconds = new LinkedHashSet<>();
        command.subcommands().stream()
                .filter(s -> s.words().size() > 1 && s.words().get(0).equals(first))
                .forEach(s -> seconds.add(s.words().get(1)));
        return seconds;
    }

    /**
     * One letter dropped, two neighbours swapped, one letter changed (to the next in the
     * alphabet), at every place in the word; the word itself and slips shorter than three
     * letters left out, as {@link Typos} does not call those slips.
     */
    static Set<String> typos(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        Set<String> typos = new LinkedHashSet<>();
        for (int i = 0; i < w.length(); i++) {
            typos.add(w.substring(0, i) + w.substring(i + 1));
            if (i + 1 < w.length()) {
                typos.add(w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2));
            }
            char c = w.charAt(i);
            if (c >= 'a' && c <= 'z') {
                typos.add(w.substring(0, i) + (char) (c == 'z' ? 'a' : c + 1) + w.substring(i + 1));
            }
        }
        typos.remove(w);
        typos.removeIf(t -> t.length() < 3);
        return typos;
    }

    /** What a refusal must name for each part of a row's "who may" ({@code owner, lead}). */
    private static List<String> whoIsNamed(String who) {
        List<String> named = new ArrayList<>();
        for (String part : who.split(",\\s*")) {
            if (part.contains("leader")) {
                named.add("leader (" + LEAD + ")");
            } else if (part.equals("lead")) {
                named.add("lead (" + LEAD + ")");
            } else if (part.contains("owner")) {
                named.add("owner (");
            } else if (part.contains("assignee")) {
                named.add("assignee (");
            } else if (part.contains("raiser")) {
                named.add("raiser (");
            }
        }
        return named;
    }

    /** Builds the state {@code line} needs; {@code ""} for the common state with the standup and review running. */
    private void arrange(Phasebot target, String line) {
        List<Step> steps = new ArrayList<>(COMMON);
        if (!line.equals("/standup open")) {
            steps.addAll(STANDUP_RUNNING);
        }
        if (!line.equals("/review open")) {
            steps.addAll(REVIEW_RUNNING);
        }
        steps.addAll(NEEDS.getOrDefault(line, List.of()));
        for (Step step : steps) {
            try {
                run(target, Caller.agent(step.agent()), step.line());
            } catch (CommandException e) {
                fail("arranging for " + line + ": " + step.line() + " as " + step.agent() + " failed: "
                        + e.getMessage());
            }
        }
    }

    /** {@code @dana} as Slack sends it when escaping is on: {@code <@U0DANA|dana>} (agent ids stay as typed). */
    private String slackSends(String line) {
        Matcher m = AT_NAME.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String mention = bot.config().agent(name).isPresent()
                    ? m.group()
                    : "<@U0" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "") + "|" + name + ">";
            m.appendReplacement(out, Matcher.quoteReplacement(mention));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static CommandReply run(Phasebot target, Caller caller, String line) {
        int space = line.indexOf(' ');
        return space < 0
                ? target.dispatcher().handle(caller, line, "")
                : target.dispatcher().handle(caller, line.substring(0, space), line.substring(space + 1));
    }

    private Phasebot freshBot() {
        return Fixtures.bot(dir.resolve("fresh-" + freshBots.incrementAndGet() + ".db"), clock);
    }

    private void assertUnchanged(TableRows before, String what) {
        TableRows after = TableRows.of(bot.database());
        assertEquals(before.counts(), after.counts(), what + " added or removed rows");
        assertEquals(before, after, what + " changed rows");
    }

    private static String text(CommandReply reply) {
        return ((CommandReply.Text) reply).text();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
