package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.phasebot.support.BotTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The Slack app manifest registers exactly the commands the grammar answers, each escaped. */
class ManifestCommandsTest extends BotTest {

    ManifestCommandsTest() {
        super("2026-11-24T10:00");
    }

    @Test
    void theManifestRegistersEveryCommandTheBotAnswersAndNoOther() throws Exception {
        JsonNode manifest = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("docs/slack-app-manifest.yml").toFile());
        List<String> registered = new ArrayList<>();
        for (JsonNode command : manifest.path("features").path("slash_commands")) {
            registered.add(command.get("command").asText());
            assertEquals(
                    true,
                    command.path("should_escape").asBoolean(false),
                    command + ": mentions must arrive as <@U..|name> for the grammar to read them as agents");
        }
        Set<String> answered = new TreeSet<>(bot.dispatcher().names());
        assertEquals(answered, new TreeSet<>(registered));
    }
}
