package dev.phasebot.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Mrkdwn queued by an older version, read back as plain text. */
class PlainTextTest {

    /** The regex PlainText took emphasis off with before it scanned; the reference for the scan. */
    private static final Pattern EMPHASIS_WAS =
            Pattern.compile("(?<![\\w*_])([*_])(\\S(?:[^\\n]*?\\S)?)\\1(?![\\w*_])");

    @Test
    void oldMrkdwnLosesItsEmphasisMarksButNotTheStarsInsideWords() {
        assertEquals(
                "Blocked on T3 and a 2*3 grid, snake_case_name",
                PlainText.withUserIds().fromMrkdwn("*Blocked* on _T3_ and a 2*3 grid, snake_case_name"));
    }

    @Test
    void theScanTakesOffExactlyTheMarksTheRegexTookOff() {
        List<String> texts = List.of(
                "",
                "*",
                "**",
                "*a*",
                "*a* *b*",
                "*a**b*",
                "**a**",
                "_a_b_ c_",
                "* a*",
                "*a *",
                "*a\nb*",
                "x*a*",
                "*a*x",
                "*\uD83D\uDE00* x*",
                "*\uD83D\uDE00*",
                "_\uD83D\uDE00\uD83D\uDE00_",
                "*\uD83D*",
                "*a*_b_*c*");
        for (String text : texts) {
            assertEquals(byRegex(text), PlainText.withoutEmphasis(text), text);
        }
        Random random = new Random(19);
        String alphabet = "*_ a\n\t.\uD83D\uDE00";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(14);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertEquals(byRegex(text.toString()), PlainText.withoutEmphasis(text.toString()), text.toString());
        }
    }

    @Test
    void fiftyThousandCharactersOfUnclosedEmphasisAreReadInUnderASecond() {
        // The regex read the rest of the line again from each unclosed mark: fourteen seconds here.
        String unclosed = " *x".repeat(50_000 / 3);
        assertEquals(
                unclosed, assertTimeoutPreemptively(Duration.ofSeconds(1), () -> PlainText.withoutEmphasis(unclosed)));
        assertEquals(
                unclosed.substring(2) + " ",
                assertTimeoutPreemptively(
                        Duration.ofSeconds(1), () -> PlainText.withoutEmphasis(unclosed.substring(1) + "* ")));
    }

    private static String byRegex(String text) {
        return EMPHASIS_WAS.matcher(text).replaceAll("$2");
    }
}
