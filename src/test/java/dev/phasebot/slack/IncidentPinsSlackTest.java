package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SlackTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Pinned messages of an incident's room on its timeline, through a real Bolt app: pin_added sent
 * as Slack sends it (a signed event_callback), the timeline read back from the store and from
 * {@code /incident show}.
 */
class IncidentPinsSlackTest extends SlackTest {

    private static final String SECRET = "incident-pins-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private int events;

    IncidentPinsSlackTest() {
        super("2026-11-24T10:00", SECRET);
    }

    @AfterEach
    void detachLog() {
        root().detachAppender(log);
    }

    @Test
    void aMessagePinnedInTheRoomGoesOnTheTimelineByWhoeverPinnedItWithItsLink() throws Exception {
        String room = raise("Pipeline outage affects T4");

        pin("U0ML", room, message("U0LEAD", "rolled back the feature store to v2.3", "1764000123.000200"));

        String shown = command("U0QA", "show 1");
        assertTrue(shown.contains("ml-engineer: pinned — “rolled back the feature store to v2.3”"), shown);
        assertTrue(shown.contains("https://slack.com/archives/" + room + "/p1764000123000200"), shown);
    }

    @Test
    void theBotsOwnPinOfItsCardAndPinsOfItsOtherPostsAreNotOnTheTimeline() throws Exception {
        String room = raise("Pipeline outage affects T4");
        FakeSlackApi.Call cardPin = api.succeeded("pins.add").get(0);
        assertEquals(room, cardPin.param("channel"));
        String cardTs = cardPin.param("timestamp");

        // phasebot's pins.add of its card comes back as pin_added, by the bot user, of a bot message.
        pin("U0BOT", room, botMessage("CRITICAL incident #1", cardTs));
        // Someone pins another post of phasebot's: what the bot did is on the timeline already.
        pin("U0ML", room, botMessage("Incident #1: commander is now qa-engineer", "1764000123.000900"));
        pin("U0ML", room, message("U0LEAD", "the scheduler is back", "1764000123.000950"));

        assertEquals(List.of("pinned ml-engineer “the scheduler is back” " + link(room, "1764000123.000950")), lines());
    }

    @Test
    void aPinOutsideAnyIncidentsRoomOrOfAFileIsNotRecorded() throws Exception {
        String room = raise("Pipeline outage affects T4");

        pin("U0ML", "C0ALPHAPYPHASE2", message("U0LEAD", "unrelated chatter", "1764000123.000300"));
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("type", "file");
        file.put("channel", room);
        file.put("file", Map.of("id", "F0LOGS", "name", "scheduler.log"));
        pin("U0ML", room, file);
        pin("U0ML", room, message("U0LEAD", "in the room", "1764000123.000400"));

        assertEquals(List.of("pinned ml-engineer “in the room” " + link(room, "1764000123.000400")), lines());
    }

    @Test
    void theSameMessagePinnedAgainOrSentAgainBySlackIsOneLine() throws Exception {
        String room = raise("Pipeline outage affects T4");
        Map<String, Object> item = message("U0LEAD", "the queue drained", "1764000123.000500");
        String event = pinEvent("U0ML", room, item);

        assertEquals(200, client.event(event).statusCode());
        clock.tick(Duration.ofSeconds(2));
        // Slack's retry: the same callback, the same event id, signed anew.
        assertEquals(200, client.event(event).statusCode());
        // Unpinned and pinned again, by someone else.
        pin("U0QA", room, item);

        assertEquals(List.of("pinned ml-engineer “the queue drained” " + link(room, "1764000123.000500")), lines());
    }

    @Test
    void aMessageAlreadyAddedWithTheShortcutIsNotAddedAgainWhenPinned() throws Exception {
        String room = raise("Pipeline outage affects T4");
        shortcut("U0QA", room, "the scheduler is back", "1764000123.000600");
        api.await("response_url", 1, 10_000);

        pin("U0ML", room, message("U0LEAD", "the scheduler is back", "1764000123.000600"));
        pin("U0ML", room, message("U0LEAD", "workers are back", "1764000123.000700"));

        assertEquals(
                List.of(
                        "message qa-engineer “the scheduler is back” " + link(room, "1764000123.000600"),
                        "pinned ml-engineer “workers are back” " + link(room, "1764000123.000700")),
                lines());
    }

    @Test
    void aPinInASecurityRoomByAnyoneOutsideTheSecurityChannelIsOnlyLoggedWithoutTheTitle() throws Exception {
        String room = raise("security Token leaked in logs affects T4");
        String roomName = api.channels().get(0).name();
        log.start();
        root().addAppender(log);

        pin("U0ML", room, message("U0SEC", "rotated the token", "1764000123.000800"));
        pin("U0NOBODY", room, message("U0SEC", "rotated the token", "1764000123.000800"));
        pin("U0SEC", room, message("U0SEC", "revoked the old key", "1764000123.000810"));

        assertEquals(
                List.of("pinned python-ml-fintech-reviewer “revoked the old key” " + link(room, "1764000123.000810")),
                lines());
        List<String> said = log.list.stream()
                .filter(e ->
                        e.getLevel() == Level.INFO && e.getFormattedMessage().contains("a pin in incident #1"))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        assertEquals(2, said.size(), said.toString());
        assertTrue(said.get(0).contains("ml-engineer is not a member of the security channel"), said.get(0));
        assertTrue(said.get(1).contains("U0NOBODY is linked to no agent"), said.get(1));
        for (ILoggingEvent event : log.list) {
            String line = event.getFormattedMessage();
            assertFalse(line.contains(roomName) || line.toLowerCase().contains("leaked"), line);
        }
    }

    @Test
    void aPinnedQuoteIsReadBackToWhatWasTypedOnOneLineAndClipped() throws Exception {
        String room = raise("Pipeline outage affects T4");
        String typed = "restarted the &lt;scheduler&gt; &amp; workers\n\n" + "x".repeat(600);

        pin("U0ML", room, message("U0LEAD", typed, "1764000123.001000"));

        String line = lines().get(0);
        String quote = line.substring(line.indexOf('“') + 1, line.indexOf('”'));
        assertTrue(quote.startsWith("restarted the <scheduler> & workers xxx"), quote);
        assertEquals(500, quote.length());
        assertTrue(quote.endsWith("x…"), quote);
        assertTrue(line.endsWith("” " + link(room, "1764000123.001000")), line);
    }

    @Test
    void theAppManifestSubscribesToPinsWithTheScopeToReadThem() throws Exception {
        JsonNode manifest = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("docs/slack-app-manifest.yml").toFile());

        List<String> events = new ArrayList<>();
        manifest.path("settings").path("event_subscriptions").path("bot_events").forEach(e -> events.add(e.asText()));
        List<String> scopes = new ArrayList<>();
        manifest.path("oauth_config").path("scopes").path("bot").forEach(e -> scopes.add(e.asText()));
        assertTrue(events.contains("pin_added"), events.toString());
        assertTrue(scopes.contains("pins:read"), scopes.toString());
    }

    /** Raises the incident as {@code U0QA} and lets its room be made: the room's Slack id. */
    private String raise(String text) throws Exception {
        start(slackHarness()
                .config(Fixtures.shippedConfig())
                .link("qa-engineer", "U0QA")
                .link("ml-engineer", "U0ML")
                .link("python-ml-fintech-reviewer", "U0SEC")
                .link("senior-system-developer", "U0LEAD"));
        command("U0QA", text);
        drain();
        return api.channels().get(0).id();
    }

    /** What people added to incident #1's timeline: kind, agent, detail, in order. */
    private List<String> lines() {
        return bot.database()
                .read(tx -> tx.query(
                        "SELECT kind, actor, detail FROM incident_event WHERE incident_id = 1 "
                                + "AND kind IN ('message', 'pinned') ORDER BY id",
                        rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)));
    }

    private static String link(String channel, String ts) {
        return "https://slack.com/archives/" + channel + "/p" + ts.replace(".", "");
    }

    private static Map<String, Object> message(String author, String text, String ts) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("user", author);
        message.put("text", text);
        message.put("ts", ts);
        return Map.of("type", "message", "message", message);
    }

    private static Map<String, Object> botMessage(String text, String ts) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("subtype", "bot_message");
        message.put("bot_id", "B0BOT");
        message.put("user", "U0BOT");
        message.put("text", text);
        message.put("ts", ts);
        return Map.of("type", "message", "message", message);
    }

    /** A pin, as Slack sends pin_added: who pinned, where, and the item (its channel added). */
    private void pin(String user, String channel, Map<String, Object> item) throws Exception {
        clock.tick(Duration.ofSeconds(1));
        assertEquals(200, client.event(pinEvent(user, channel, item)).statusCode());
    }

    private String pinEvent(String user, String channel, Map<String, Object> item) throws Exception {
        events++;
        Map<String, Object> pinned = new LinkedHashMap<>(item);
        pinned.put("channel", channel);
        pinned.put("created_by", user);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "pin_added");
        event.put("user", user);
        event.put("channel_id", channel);
        event.put("item", pinned);
        event.put("event_ts", "1764000200.00" + events);
        Map<String, Object> callback = new LinkedHashMap<>();
        callback.put("type", "event_callback");
        callback.put("team_id", "T0TEAM");
        callback.put("api_app_id", "A0APP");
        callback.put("event", event);
        callback.put("event_id", "Ev0PIN" + events);
        callback.put("event_time", 1764000200);
        return JSON.writeValueAsString(callback);
    }

    /** The message shortcut, as Slack sends a message_action. */
    private void shortcut(String user, String channel, String text, String ts) throws Exception {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "message_action");
        payload.put("callback_id", "incident_timeline_add");
        payload.put("team", Map.of("id", "T0TEAM"));
        payload.put("user", Map.of("id", user));
        payload.put("api_app_id", "A0APP");
        payload.put("trigger_id", "1.2.3");
        payload.put("response_url", api.url() + "response_url");
        payload.put("channel", Map.of("id", channel));
        payload.put("message_ts", ts);
        payload.put("message", Map.of("type", "message", "user", "U0LEAD", "text", text, "ts", ts));
        assertEquals(200, client.interaction(JSON.writeValueAsString(payload)).statusCode());
    }

    private String command(String user, String text) throws Exception {
        clock.tick(Duration.ofSeconds(1));
        return JSON.readTree(client.slashCommand(user, "/incident", text).body())
                .get("text")
                .asText();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
