package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.util.json.GsonFactory;
import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.message.Doc;
import dev.phasebot.message.PlainText;
import dev.phasebot.message.Refusal;
import dev.phasebot.standup.StandupUpdate;
import dev.phasebot.support.BotTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden files pin the whole output of both renderers, Block Kit (as the Web API client sends a
 * post's parts, or as a slash command's ack carries an answer) and the console's plain text, for
 * docs the features build in a real run: an incident card, a standup summary, {@code /task}'s
 * usage answer and {@code /task show}, and a refusal that names the command to type. A change to a renderer or to wording shows here as a diff of
 * the files under {@code src/test/resources/golden/}.
 *
 * <p>Run with {@code -Dphasebot.golden.write=true} to rewrite the files from what is rendered now,
 * then read the diff before committing it.
 */
class RenderedDocsGoldenTest extends BotTest {

    private static final String WRITE = "phasebot.golden.write";
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "channel:coordination";

    RenderedDocsGoldenTest() {
        super("2026-11-24T08:30");
    }

    @Test
    void theIncidentCardAsPostedToTheChannel() throws IOException {
        at("10:00");
        bot.incidents()
                .raise(
                        "qa-engineer",
                        new RaiseRequest(
                                "Pipeline <!channel> & *disk* full", "CRITICAL", false, "feature store at 100%", "T4"));
        at("10:12");
        Doc card = firstDocTo(CHANNEL);

        assertGolden("incident-card.blocks.json", postedBlockKit(card));
        assertGolden("incident-card.txt", PlainText.withUserIds().render(card));
    }

    @Test
    void theStandupSummaryAsPostedToTheChannel() throws IOException {
        at("09:00");
        bot.standupSession().openScheduled();
        at("09:03");
        bot.standupUpdates()
                .submit(
                        "ml-engineer",
                        new StandupUpdate(
                                "",
                                "waiting on software-architect for the pipeline design",
                                "vectorised features",
                                "qa-engineer to review the benchmark"));
        bot.standupUpdates()
                .submit(
                        "qa-engineer",
                        new StandupUpdate("fuzzers found nothing new", "n/a", "security regression suite", ""));
        at("09:15");
        List<OutgoingDelivery> posts = deliveredTo(CHANNEL);
        assertEquals(2, posts.size(), "the opening post and the summary");
        Doc summary = posts.get(1).message().doc();

        assertGolden("standup-summary.blocks.json", postedBlockKit(summary));
        assertGolden("standup-summary.txt", PlainText.withUserIds().render(summary));
    }

    @Test
    void aTaskUsageAnswerAsTheSlashCommandsAck() throws IOException {
        CommandException refused = assertThrows(
                CommandException.class, () -> bot.dispatcher().handle(Caller.agent("qa-engineer"), "/task", "start"));

        assertGolden("task-usage.blocks.json", ackBlockKit(refused.answer()));
        assertGolden("task-usage.txt", PlainText.withUserIds().render(refused.answer()));
    }

    @Test
    void aRefusalNamingTheCommandToTypeAsTheSlashCommandsAck() throws IOException {
        Refusal refused = assertThrows(Refusal.class, () -> bot.reviewLog().decide("senior-system-developer", " "));

        assertGolden("decision-refusal.blocks.json", ackBlockKit(refused.answer()));
        assertGolden("decision-refusal.txt", PlainText.withUserIds().render(refused.answer()));
    }

    @Test
    void aTaskAnswerAsTheSlashCommandsAck() throws IOException {
        Doc answer = ((dev.phasebot.command.CommandReply.Text)
                        bot.dispatcher().handle(Caller.agent("qa-engineer"), "/task", "show T3"))
                .doc();

        assertGolden("task-show.blocks.json", ackBlockKit(answer));
        assertGolden("task-show.txt", PlainText.withUserIds().render(answer));
    }

    /** Each part as chat.postMessage carries it: the fallback text and the blocks, as the Web API client writes them. */
    private static String postedBlockKit(Doc doc) throws IOException {
        ArrayNode parts = JSON.createArrayNode();
        for (SlackBlocks.Part part : SlackBlocks.render(doc)) {
            ObjectNode message = parts.addObject();
            message.put("text", part.text());
            message.set("blocks", JSON.readTree(GsonFactory.createSnakeCase().toJson(part.blocks())));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(parts) + "\n";
    }

    /** Each part as a slash command's ack (the first) and its response_url follow-ups carry it. */
    private static String ackBlockKit(Doc doc) throws IOException {
        ArrayNode parts = JSON.createArrayNode();
        for (SlackBlocks.Part part : SlackBlocks.renderPacked(doc)) {
            parts.add(JSON.readTree(BlockKitJson.ephemeralJson(part)));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(parts) + "\n";
    }

    private Doc firstDocTo(String destination) {
        List<OutgoingDelivery> posts = deliveredTo(destination);
        assertTrue(!posts.isEmpty(), "something was posted to " + destination);
        return posts.get(0).message().doc();
    }

    private List<OutgoingDelivery> deliveredTo(String destination) {
        return slack.delivered().stream()
                .filter(d -> d.message().destination().key().equals(destination))
                .toList();
    }

    private static void assertGolden(String name, String rendered) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean(WRITE)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, rendered);
        }
        assertTrue(
                Files.exists(file),
                file + " is missing. Write it with: mvn -B test -Dtest=RenderedDocsGoldenTest -D" + WRITE + "=true");
        assertEquals(
                Files.readString(file),
                rendered,
                name + " differs from what is rendered now. If the change is meant, rewrite the golden files with: "
                        + "mvn -B test -Dtest=RenderedDocsGoldenTest -D" + WRITE + "=true, and read their diff");
    }
}
