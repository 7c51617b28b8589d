package dev.phasebot.standup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.message.Refusal;
import dev.phasebot.standup.UpdateParser.ParsedUpdate;
import org.junit.jupiter.api.Test;

class UpdateParserTest {

    private final UpdateParser parser = new UpdateParser();

    @Test
    void labelledSectionsOnOneLineAreSplitBySemicolons() {
        ParsedUpdate p = parser.parse("security: patch merged; blockers: waiting on software-architect; "
                + "today: audit report; coordination: qa-engineer to re-run fuzzers");
        assertEquals(
                new StandupUpdate(
                        "patch merged",
                        "waiting on software-architect",
                        "audit report",
                        "qa-engineer to re-run fuzzers"),
                p.update());
        assertFalse(p.unlabeled());
    }

    @Test
    void sectionsMayComeInAnyOrderOnSeveralLinesWithAliases() {
        StandupUpdate u = parser.parse(
                        "Today: finish T4\nDeps: architecture review\nNeeds: a GPU box\nSec: nothing new")
                .update();
        assertEquals(new StandupUpdate("nothing new", "architecture review", "finish T4", "a GPU box"), u);
    }

    @Test
    void textWithoutALabelCountsAsTodaysCommitmentsAndIsMarkedUnlabeled() {
        assertEquals(
                new ParsedUpdate(new StandupUpdate("", "", "finishing the audit report", ""), true),
                parser.parse("finishing the audit report"));
    }

    @Test
    void textBeforeTheFirstLabelIsUnlabeledEvenWhenLabelsFollow() {
        ParsedUpdate p = parser.parse("finishing the audit; blockers: waiting on T3");
        assertEquals(new StandupUpdate("", "waiting on T3", "finishing the audit", ""), p.update());
        assertTrue(p.unlabeled());
    }

    @Test
    void onlyLabelledTextIsNotUnlabeled() {
        assertFalse(parser.parse("  blockers: waiting on T3").unlabeled());
        assertFalse(parser.parse("today: one;\ntoday: two").unlabeled());
        assertFalse(parser.parse("; today: x").unlabeled(), "a stray separator before the label is no text");
    }

    @Test
    void sectionsAreKnownByTheirNamesAndEveryLabelAlias() {
        assertEquals(Section.TODAY, Section.named("today").orElseThrow());
        assertEquals(Section.TODAY, Section.named("Commitments").orElseThrow());
        assertEquals(Section.BLOCKERS, Section.named("deps").orElseThrow());
        assertEquals(Section.SECURITY, Section.named("security update").orElseThrow());
        assertEquals(Section.COORDINATION, Section.named(" needs ").orElseThrow());
        assertTrue(Section.named("lunch").isEmpty());
    }

    @Test
    void aRepeatedLabelAddsToItsSection() {
        assertEquals("one; two", parser.parse("today: one; today: two").update().commitments());
    }

    @Test
    void aColonInsideTextThatIsNoLabelStaysText() {
        assertEquals(
                "ratio 3:1 reached, see https://example.org/x",
                parser.parse("today: ratio 3:1 reached, see https://example.org/x")
                        .update()
                        .commitments());
    }

    @Test
    void anEmptyUpdateIsRefusedWithAnExample() {
        Refusal e = assertThrows(Refusal.class, () -> parser.parse("blockers: ; today:"));
        assertEquals("commitments", e.field(), "the form shows it at its commitments");
        assertTrue(e.getMessage().startsWith("Your update is empty."), e.getMessage());
    }

    @Test
    void anOverlongSectionIsRefusedNamingTheSection() {
        Refusal e = assertThrows(Refusal.class, () -> parser.parse("blockers: " + "x".repeat(3001)));
        assertEquals("blockers", e.field());
        assertTrue(e.getMessage().startsWith("The blockers section is 3001 characters"), e.getMessage());
    }

    @Test
    void noneAndItsFriendsSayThereIsNoBlocker() {
        for (String nothing : new String[] {"none", "None.", "n/a", "-", "no blockers", ""}) {
            assertTrue(UpdateParser.saysNothing(nothing), nothing);
        }
        assertFalse(UpdateParser.saysNothing("none of the fixtures load"));
    }

    /** The regex the scanner replaced, kept here as the reference for what a label is. */
    private static final java.util.regex.Pattern REGEX_LABEL = java.util.regex.Pattern.compile(
            "(?i)(?<![\\w-])(" + String.join("|", UpdateParser.LABELS.keySet()).replace("-", "\\-") + ")\\s*:");

    @Test
    void labelsAreFoundExactlyWhereTheFormerRegexFoundThem() {
        String[] pieces = {
            "security",
            "Security update",
            "SEC",
            "sec",
            "blockers",
            "blocked",
            "deps",
            "today",
            "commit",
            "commitments",
            "coord",
            "cross-team",
            "need",
            "needs",
            ":",
            " :",
            "\t:",
            " ",
            "\n",
            "-",
            "_",
            "x",
            "9",
            ";",
            "ſecurity",
            "Ｓecurity",
            "é",
            "pre-",
            "re",
            "TODAY",
            "Need",
            "ß"
        };
        java.util.Random random = new java.util.Random(11);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String input = text.toString();
            try {
                assertEquals(parseWithRegex(input), parser.parse(input), input);
            } catch (Refusal empty) {
                assertThrows(Refusal.class, () -> parseWithRegex(input), input);
            }
        }
    }

    /** The parse as it was, with {@link #REGEX_LABEL}. */
    private static ParsedUpdate parseWithRegex(String text) {
        java.util.Map<Section, java.util.List<String>> sections = new java.util.EnumMap<>(Section.class);
        java.util.regex.Matcher m = REGEX_LABEL.matcher(text);
        int start = 0;
        Section current = null;
        boolean unlabeled = false;
        while (m.find()) {
            unlabeled |= addPiece(sections, current, text.substring(start, m.start())) && current == null;
            current = UpdateParser.LABELS.get(m.group(1).toLowerCase(java.util.Locale.ROOT));
            start = m.end();
        }
        unlabeled |= addPiece(sections, current, text.substring(start)) && current == null;
        java.util.function.Function<Section, String> join =
                s -> sections.containsKey(s) ? String.join("; ", sections.get(s)) : "";
        StandupUpdate update = new StandupUpdate(
                join.apply(Section.SECURITY),
                join.apply(Section.BLOCKERS),
                join.apply(Section.TODAY),
                join.apply(Section.COORDINATION));
        UpdateParser.check(update);
        return new ParsedUpdate(update, unlabeled);
    }

    private static boolean addPiece(
            java.util.Map<Section, java.util.List<String>> sections, Section section, String raw) {
        String piece = raw.strip();
        while (piece.endsWith(";") || piece.endsWith("|")) {
            piece = piece.substring(0, piece.length() - 1).strip();
        }
        if (piece.isEmpty()) {
            return false;
        }
        sections.computeIfAbsent(section == null ? Section.TODAY : section, k -> new java.util.ArrayList<>())
                .add(piece);
        return true;
    }
}
