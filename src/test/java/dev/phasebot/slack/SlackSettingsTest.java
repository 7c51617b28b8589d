package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackSettingsTest {

    @Test
    void noTokenMeansTheConsole() {
        assertNull(SlackSettings.fromEnvironment(Map.of()));
        assertNull(SlackSettings.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "  ")));
    }

    @Test
    void aTokenWithoutASigningSecretIsRefusedWithTheReason() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> SlackSettings.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "xoxb-1")));
        assertTrue(e.getMessage().startsWith("SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is not"), e.getMessage());
    }

    @Test
    void portAndApiUrlComeFromTheEnvironment() {
        SlackSettings s = SlackSettings.fromEnvironment(Map.of(
                "SLACK_BOT_TOKEN",
                "xoxb-1",
                "SLACK_SIGNING_SECRET",
                "s",
                "PORT",
                "8080",
                "SLACK_API_URL",
                "http://127.0.0.1:9999/api/"));
        assertEquals(8080, s.port());
        assertEquals("http://127.0.0.1:9999/api/", s.apiUrl());
        assertEquals(
                3000,
                SlackSettings.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "x", "SLACK_SIGNING_SECRET", "s"))
                        .port());
        assertThrows(
                IllegalStateException.class,
                () -> SlackSettings.fromEnvironment(
                        Map.of("SLACK_BOT_TOKEN", "x", "SLACK_SIGNING_SECRET", "s", "PORT", "http")));
    }
}
