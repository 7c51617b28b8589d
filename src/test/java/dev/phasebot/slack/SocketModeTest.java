package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.Phasebot;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SettableClock;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Socket Mode against a local stand-in for Slack's WebSocket endpoint: the bot asks the Web
 * API stand-in for a connection URL, connects, and answers an envelope with its ack.
 */
class SocketModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSlashCommandArrivingOverSocketModeIsAnsweredInItsAck() throws Exception {
        SettableClock clock = SettableClock.newYork("2026-11-24T09:05");
        BlockingQueue<String> fromBot = new LinkedBlockingQueue<>();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        WebSocketServer slackSide = new WebSocketServer(new InetSocketAddress("127.0.0.1", port)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"local\"},"
                        + "\"connection_info\":{\"app_id\":\"A0APP\"}}");
                conn.send("{\"envelope_id\":\"env-1\",\"type\":\"slash_commands\",\"accepts_response_payload\":true,"
                        + "\"payload\":{\"token\":\"x\",\"team_id\":\"T0TEAM\",\"team_domain\":\"phase\",\"channel_id\":\"C0\","
                        + "\"channel_name\":\"alphapy-phase2\",\"user_id\":\"U0QA\",\"user_name\":\"dana\",\"command\":\"/standup\","
                        + "\"text\":\"today: fuzz the loader\",\"api_app_id\":\"A0APP\",\"response_url\":\"http://127.0.0.1:9/r\","
                        + "\"trigger_id\":\"1.2.3\"}}");
            }

            @Override
            public void onMessage(WebSocket conn, String message) {
                fromBot.add(message);
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

            @Override
            public void onError(WebSocket conn, Exception ex) {}

            @Override
            public void onStart() {}
        };
        slackSide.start();
        try (FakeSlackApi api = new FakeSlackApi();
                Phasebot bot = new Phasebot(Fixtures.shippedConfig(), dir.resolve("phasebot.db"), clock, false)) {
            api.answer("apps.connections.open", "{\"ok\":true,\"url\":\"ws://127.0.0.1:" + port + "/link\"}");
            bot.database().run(tx -> bot.agents().link(tx, "qa-engineer", "U0QA", "test", clock.instant()));
            SlackRuntime slack = new SlackRuntime(
                    new SlackSettings("xoxb-test", null, "xapp-test", api.url(), "127.0.0.1", 0),
                    bot.dispatcher(),
                    bot.standupCommands(),
                    bot.incidentCommands(),
                    bot.agents(),
                    clock);
            try {
                slack.start();
                assertEquals(-1, slack.port(), "Socket Mode listens on no port");
                String ack = fromBot.poll(20, TimeUnit.SECONDS);
                assertTrue(ack != null, "no ack came back over the socket");
                JsonNode answer = JSON.readTree(ack);
                assertEquals("env-1", answer.get("envelope_id").asText());
                assertEquals(
                        "Recorded for Tue 24 Nov:\n  • today: fuzz the loader",
                        answer.get("payload").get("text").asText());
                assertTrue(!api.calls("apps.connections.open").isEmpty(), "the socket URL came from the Web API");
                assertEquals(
                        "qa-engineer",
                        bot.standupReports().status().posted().get(0).agent());
            } finally {
                slack.close();
            }
        } finally {
            slackSide.stop(1_000);
        }
    }

    @Test
    void socketModeNeedsAnAppLevelTokenAndNoSigningSecret() {
        SlackSettings settings =
                SlackSettings.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1"));
        assertTrue(settings.socketMode());
        assertNull(settings.signingSecret());
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> SlackSettings.fromEnvironment(
                        Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xoxb-wrong")));
        assertTrue(e.getMessage().startsWith("SLACK_APP_TOKEN must be an app-level token (xapp-...)"));
    }
}
