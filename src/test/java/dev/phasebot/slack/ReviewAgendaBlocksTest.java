package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.util.json.GsonFactory;
import dev.phasebot.review.Agenda;
import dev.phasebot.review.ReviewDocs;
import dev.phasebot.review.ReviewLog.Decision;
import dev.phasebot.support.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The review's agenda as Slack gets it: a header, who leads, one section per agenda section, user text escaped. */
class ReviewAgendaBlocksTest {

    @Test
    void theAgendaIsAHeaderAContextAndOneSectionPerAgendaSection() throws Exception {
        Instant friday = Instant.parse("2025-08-22T18:00:00Z");
        Agenda agenda = new Agenda(
                friday,
                friday.plusSeconds(3600),
                "senior-system-developer",
                List.of(new Agenda.Decisions(
                        "Architectural decisions review: decisions logged this week",
                        60,
                        List.of(new Decision(
                                Instant.parse("2025-08-18T15:00:00Z"),
                                "software-architect",
                                "Split <!here> & co",
                                null)))));

        SlackBlocks.Part part = SlackBlocks.render(new ReviewDocs(Fixtures.shippedConfig()).agenda(agenda))
                .get(0);

        assertEquals(
                "[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\":clipboard: Weekly technical review, "
                        + "Friday 22 August 2025, 14:00–15:00 EDT\",\"emoji\":true}},"
                        + "{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"led by *senior-system-developer*\"}]},"
                        + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*1. Architectural decisions review: decisions "
                        + "logged this week _(60 min)_*\\n• Mon 18 Aug, software-architect: Split &lt;!here&gt; &amp; co\"}}]",
                new ObjectMapper()
                        .readTree(GsonFactory.createSnakeCase().toJson(part.blocks()))
                        .toString());
    }
}
