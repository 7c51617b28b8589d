package dev.phasebot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.SignedSlackClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar in HTTP mode with signed requests and the Web API stand-in: a CRITICAL
 * incident's room from raise to archive, across a {@code kill -9} in the middle of creating it
 * (Slack made the channel, the bot never heard so) and Slack answering 429 and 500 on the way.
 */
class IncidentRoomIT {

    @TempDir
    Path dir;

    @Test
    void aRoomCutShortByAKillIsFoundAfterTheRestartAndRunsToItsArchiveOnce() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi(Clock.systemUTC())) {
            int port = Jars.freePort();
            SignedSlackClient client = new SignedSlackClient(port, "it-secret", Clock.systemUTC());
            slack.stallNext("conversations.create");
            Process first = jar(slack, port, dir.resolve("err-1.txt"));
            try {
                Jars.awaitServing(client, first, dir.resolve("err-1.txt"));
                String raised = client.slashCommand("U0LEAD", "/incident", "Payments pipeline down affects T4")
                        .body();
                assertTrue(raised.contains("Incident #1 raised"), raised);
                Jars.await(
                        () -> slack.calls("conversations.create").size() == 1,
                        "the create",
                        first,
                        dir.resolve("err-1.txt"));
            } finally {
                first.destroyForcibly(); // SIGKILL: Slack made the room, the bot never learnt its id
                assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            }
            assertEquals(1, slack.channels().size());

            slack.fail(
                    "conversations.setTopic",
                    429,
                    Map.of("Retry-After", "1"),
                    "{\"ok\":false,\"error\":\"ratelimited\"}");
            slack.fail("pins.add", 500, Map.of(), "{\"ok\":false,\"error\":\"internal_error\"}");
            Process second = jar(slack, port, dir.resolve("err-2.txt"));
            try {
                Jars.awaitServing(client, second, dir.resolve("err-2.txt"));
                Jars.await(
                        () -> slack.succeeded("pins.add").size() == 1,
                        "the card pinned",
                        second,
                        dir.resolve("err-2.txt"));
                String room = slack.channels().get(0).id();
                assertEquals(1, slack.channels().size(), "one room, found by its name");
                assertEquals(
                        "inc-1-payments-pipeline-down", slack.channels().get(0).name());
                assertTrue(slack.calls("conversations.list").size() >= 1, "looked for by its name");
                assertEquals(1, slack.succeeded("conversations.invite").size());
                assertEquals(
                        Set.of("U0ML", "U0LEAD"),
                        Set.of(slack.succeeded("conversations.invite")
                                .get(0)
                                .param("users")
                                .split(",")));
                assertEquals(1, slack.succeeded("conversations.setTopic").size(), "the topic once, after its 429");
                assertEquals(1, count(slack, "#alphapy-phase2", "has its own room"), "one pointer");
                assertEquals(1, count(slack, room, "Payments pipeline down"), "one card in the room");

                client.slashCommand("U0LEAD", "/incident", "resolve 1 rolled back the deploy");
                Jars.await(
                        () -> slack.succeeded("conversations.archive").size() == 1,
                        "the room archived archive_after (PT5S) after the resolve",
                        second,
                        dir.resolve("err-2.txt"));
                assertTrue(slack.channels().get(0).archived());
                List<String> topics = slack.succeeded("conversations.setTopic").stream()
                        .map(c -> c.param("topic"))
                        .toList();
                assertEquals("CRITICAL incident #1 · resolved", topics.get(topics.size() - 1), topics.toString());
                assertTrue(
                        slack.uploads().stream()
                                .anyMatch(u -> u.filename().equals("incident-1.md")
                                        && u.channel().equals(room)),
                        "the report file in the room before its archive");
            } finally {
                second.destroy();
                assertTrue(second.waitFor(30, TimeUnit.SECONDS));
            }
        }
    }

    private static long count(FakeSlackApi slack, String channel, String text) {
        return slack.succeeded("chat.postMessage").stream()
                .filter(c ->
                        channel.equals(c.param("channel")) && c.param("text").contains(text))
                .count();
    }

    /** The jar in HTTP mode on the shipped plan, the lead and T4's owner linked, rooms archived 5 s after. */
    private Process jar(FakeSlackApi slack, int port, Path err) throws IOException {
        Path config = dir.resolve("bot-config.yml");
        String shipped = Files.readString(Path.of("bot-config.yml"));
        String linked = shipped.replace(
                        "  - id: senior-system-developer\n    team: System Performance\n",
                        "  - id: senior-system-developer\n    team: System Performance\n    slack_user: U0LEAD\n")
                .replace(
                        "  - id: ml-engineer\n    team: ML Engineering\n",
                        "  - id: ml-engineer\n    team: ML Engineering\n    slack_user: U0ML\n")
                .replace("    archive_after: PT24H\n", "    archive_after: PT5S\n");
        assertTrue(linked.contains("slack_user: U0ML") && linked.contains("archive_after: PT5S"));
        Files.writeString(config, linked);
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target/phasebot.jar").toAbsolutePath().toString()));
        pb.environment().remove("PHASEBOT_STANDBY");
        pb.environment()
                .putAll(Map.of(
                        "SLACK_BOT_TOKEN", "xoxb-rooms",
                        "SLACK_SIGNING_SECRET", "it-secret",
                        "SLACK_API_URL", slack.url(),
                        "PORT", Integer.toString(port),
                        "PHASEBOT_HOST", "127.0.0.1",
                        "PHASEBOT_CONFIG", config.toString(),
                        "PHASEBOT_DB", dir.resolve("phasebot.db").toString()));
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile());
        return pb.start();
    }
}
