package dev.phasebot.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MentionsTest {

    /** The regex Mentions searched texts with before it scanned them; the reference for the scan. */
    private static final Pattern SEARCHED_WITH = Pattern.compile("<@([UW][A-Z0-9]{2,20})(?:\\|([^>]*))?>");

    private static final Roster ROSTER = new Roster() {
        @Override
        public List<String> agentIds() {
            return List.of("qa-engineer");
        }

        @Override
        public Optional<String> agentIdForSlackUser(String slackUser) {
            return slackUser.equals("U0QA") ? Optional.of("qa-engineer") : Optional.empty();
        }
    };

    private final Mentions mentions = new Mentions(ROSTER);

    @Test
    void aMentionReadsAsItsLinkedAgentOrElseAsItsNameOrId() {
        assertEquals(
                "qa-engineer, @dana and @W0ABC, not <@u0abc> or <@U0>",
                mentions.toAgents("<@U0QA|qa>, <@U0DANA|dana> and <@W0ABC>, not <@u0abc> or <@U0>"));
    }

    @Test
    void theScanFindsExactlyWhatTheRegexFound() {
        List<String> texts = List.of(
                "",
                "<@",
                "<@U",
                "<@U0>",
                "<@U01>",
                "<@U01|>",
                "<@U01| >",
                "<@U01|<@U02>",
                "<@U01|a|b>>",
                "<<@U0QA>>",
                "<@<@U0QA>",
                "<@U012345678901234567890>",
                "<@U01234567890123456789>",
                "<@U0123456789012345678901|x>",
                "<@W0QA|dana> <@U0QA|> <@U0QA",
                "x <@U0QA|a\nb> y",
                "<@U0QA|unclosed <@U0DANA> <@U0QA>");
        for (String text : texts) {
            assertEquals(byRegex(text), mentions.toAgents(text), text);
        }
        Random random = new Random(19);
        String alphabet = "<@UWA0|> x";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(16);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertEquals(byRegex(text.toString()), mentions.toAgents(text.toString()), text.toString());
        }
    }

    @Test
    void aWordIsASlackUserExactlyWhenTheRegexMatchedItWhole() {
        for (String word : List.of("<@U0QA>", "<@U0QA|qa>", "<@U0QA|>", "U0QA", "<@U0QA>x", "<@U0QA|a>b>", "<@U0>")) {
            Matcher m = SEARCHED_WITH.matcher(word);
            Optional<String> expected = m.matches()
                    ? Optional.of(m.group(1))
                    : word.matches("[UW][A-Z0-9]{2,20}") ? Optional.of(word) : Optional.empty();
            assertEquals(expected, Mentions.slackUser(word), word);
            assertEquals(m.matches(), Mentions.MENTION.matcher(word).matches(), word);
        }
    }

    @Test
    void fiftyThousandCharactersOfUnclosedMentionsAreReadInUnderASecond() {
        // The regex read the rest of the text again from each unclosed mention: seven seconds here.
        String unclosed = "<@U0QA|".repeat(50_000 / 7);
        String answer = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> mentions.toAgents(unclosed));
        assertEquals(unclosed, answer);
        String closedAtTheEnd =
                assertTimeoutPreemptively(Duration.ofSeconds(1), () -> mentions.toAgents(unclosed + ">"));
        assertEquals("qa-engineer", closedAtTheEnd);
        assertEquals(
                Optional.empty(), assertTimeoutPreemptively(Duration.ofSeconds(1), () -> Mentions.slackUser(unclosed)));
    }

    private static String byRegex(String text) {
        Matcher m = SEARCHED_WITH.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = ROSTER.agentIdForSlackUser(m.group(1))
                    .orElse("@" + (m.group(2) == null || m.group(2).isBlank() ? m.group(1) : m.group(2)));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
