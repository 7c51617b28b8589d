package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.util.json.GsonFactory;
import dev.phasebot.incident.Incident;
import dev.phasebot.incident.IncidentDocs;
import dev.phasebot.incident.Milestone;
import dev.phasebot.support.Fixtures;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incident card as Slack gets it: a header, fields, the deadlines, a context line and the buttons. */
class IncidentCardBlocksTest {

    @Test
    void theCardIsAHeaderFieldsDeadlinesContextAndButtonsWithTheTitleEscaped() throws Exception {
        Incident incident = new Incident(
                1,
                "Pipeline <!channel> & *disk*",
                "CRITICAL",
                false,
                null,
                "T4",
                "qa-engineer",
                at("10:00"),
                "ml-engineer",
                "ml-engineer",
                null,
                null,
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        List<Milestone> milestones =
                List.of(new Milestone(1, 0, "technical assessment", "assessment", at("10:30"), null, null, null));

        SlackBlocks.Part part = SlackBlocks.render(
                        new IncidentDocs(Fixtures.shippedConfig()).card(incident, milestones, at("10:12")))
                .get(0);
        JsonNode blocks =
                new ObjectMapper().readTree(GsonFactory.createSnakeCase().toJson(part.blocks()));

        List<String> types = new ArrayList<>();
        blocks.forEach(b -> types.add(b.get("type").asText()));
        assertEquals(
                List.of("header", "section", "section", "section", "context", "actions"), types, blocks.toString());
        assertEquals(
                ":rotating_light: CRITICAL incident #1: Pipeline <!channel> & *disk*",
                blocks.get(0).get("text").get("text").asText(),
                "a header is plain text: nothing in it is markup");
        assertEquals(5, blocks.get(1).get("fields").size(), "raised by, area owner, assignee, affects, commander");
        assertTrue(
                blocks.get(2).toString().contains("technical assessment by 10:30 EST: due in 18 min"),
                blocks.toString());
        assertEquals(6, blocks.get(5).get("elements").size(), "the six buttons");
        assertEquals(
                "! CRITICAL incident #1: Pipeline &lt;!channel&gt; &amp; *disk*",
                part.text(),
                "the fallback is the heading alone, escaped, without the buttons or the deadlines");
    }

    private static Instant at(String time) {
        return LocalDateTime.parse("2026-11-24T" + time)
                .atZone(ZoneId.of("America/New_York"))
                .toInstant();
    }
}
