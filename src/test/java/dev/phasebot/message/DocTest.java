package dev.phasebot.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.phasebot.delivery.Outbox;
import dev.phasebot.message.Block.Button;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docs as plain text (the console's and the notification's form) and as stored in the outbox. */
class DocTest {

    private static final Doc CARD = Doc.builder()
            .heading(Symbol.ALERT, " CRITICAL incident #1: Token <leaked> & rotated")
            .line("Raised by ", Span.strong("python-ml-fintech-reviewer"), " at 10:02 EST")
            .fields(List.of(
                    new Block.Field("Assignee", Line.of(Span.slackUser("U0SEC"))),
                    new Block.Field("Area owner", Line.of("senior-system-developer"))))
            .bullets(
                    Line.of("Deadlines"),
                    List.of(
                            Line.of("technical assessment by 11:02 EST: ", Symbol.DONE, " met"),
                            Line.of("mitigation plan by 12:02 EST: ", Symbol.MISSED, " missed")))
            .context(Span.aside("sent 18 s late"))
            .actions(List.of(new Button("incident_ack", "Acknowledge", "1", "/incident ack 1")))
            .build();

    @Test
    void plainTextHasNoMarkupOfAnySurfaceAndAlignsFields() {
        assertEquals("""
                ! CRITICAL incident #1: Token <leaked> & rotated
                Raised by python-ml-fintech-reviewer at 10:02 EST
                Assignee:   U0SEC
                Area owner: senior-system-developer

                Deadlines
                  • technical assessment by 11:02 EST: ✓ met
                  • mitigation plan by 12:02 EST: ✗ missed
                sent 18 s late
                [Acknowledge] -> type /incident ack 1""", PlainText.withUserIds().render(CARD));
    }

    @Test
    void aSlackUserIsNamedByTheGivenFunction() {
        PlainText named = new PlainText(id -> id.equals("U0SEC") ? "python-ml-fintech-reviewer" : id);
        assertEquals(
                "linked to python-ml-fintech-reviewer", named.render(Doc.of("linked to ", Span.slackUser("U0SEC"))));
    }

    @Test
    void aMarkThatShowsAsNothingLeavesNoLeadingSpace() {
        assertEquals("Daily standup", PlainText.withUserIds().render(Doc.of(Symbol.SUNRISE, " Daily standup")));
    }

    @Test
    void aDocSurvivesTheOutboxUnchanged() {
        Message message = Message.of(Destination.channel("security"), CARD);
        assertEquals(message, Outbox.fromJson(message.destination(), Outbox.toJson(message)));
    }
}
