package dev.phasebot.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import org.junit.jupiter.api.Test;

/** The transitional reading of other features' mrkdwn agenda lines as lines of spans. */
class LegacyLinesTest {

    @Test
    void boldCodeEmojiAndMentionsBecomeSpansAndEscapedTextComesBackRaw() {
        assertEquals(Line.of(Span.strong("T1"), " Fix &lt;it&gt; ", Span.code("now"), " ", Symbol.RISK, " by ",
                        Span.slackUser("U0QA"), " at 10:00 "),
                LegacyLines.line("*T1* Fix &amp;lt;it&amp;gt; `now` :small_red_triangle: by <@U0QA> at 10:00 "));
        assertEquals(Line.of("a <b> & c"), LegacyLines.line("a &lt;b&gt; &amp; c"));
    }

    @Test
    void anUnknownEmojiIsLeftOutAndUnderscoresInsideWordsStay() {
        assertEquals(Line.of("x ", " ", Span.aside("late"), " snake_case_name"),
                LegacyLines.line("x :sparkles: _late_ snake_case_name"));
    }
}
