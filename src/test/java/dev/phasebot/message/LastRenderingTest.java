package dev.phasebot.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LastRenderingTest {

    private final List<Doc> rendered = new ArrayList<>();
    private final LastRendering<Doc, String> text = new LastRendering<>(doc -> {
        rendered.add(doc);
        return PlainText.withUserIds().render(doc);
    });

    @Test
    void theSameInstanceAgainIsRenderedOnce() {
        Doc status = Doc.of("Standup: open");
        String first = text.of(status);
        assertSame(first, text.of(status));
        assertEquals(List.of(status), rendered);
    }

    @Test
    void anEqualButOtherInstanceIsRenderedAgainAndAnotherValueReplacesTheKeptOne() {
        Doc status = Doc.of("Standup: open");
        text.of(status);
        text.of(Doc.of("Standup: open"));
        Doc other = Doc.of("Standup: closed");
        assertEquals("Standup: closed", text.of(other));
        text.of(status);
        assertEquals(4, rendered.size());
    }
}
