package dev.phasebot.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TokenTest {

    @Test
    void wordsAreSplitAtWhiteSpaceExactlyAsTheRegexWordSplitDid() {
        String[] pieces = {
            " ", "\t", "\n", "\r", "\f", "\u000B", "\u00A0", "\u2003", "a", "Zz", "#12", "<@U1|x>", ":", "é"
        };
        Random random = new Random(5);
        for (int n = 0; n < 5_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(9); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            List<Token> expected = new ArrayList<>();
            Matcher m = Pattern.compile("\\S+").matcher(text);
            while (m.find()) {
                expected.add(new Token(m.group(), m.start()));
            }
            assertEquals(expected, Token.split(text.toString()), text.toString());
        }
    }
}
