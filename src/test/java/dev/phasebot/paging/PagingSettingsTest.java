package dev.phasebot.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.message.Destination;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagingSettingsTest {

    @Test
    void withoutAnyPagerVariablePagesGoToSlackOnly() {
        assertEquals(List.of(), PagingSettings.fromEnvironment(Map.of()).pagers());
    }

    @Test
    void aRoutingKeyAloneSendsToPagerDutysEventsApi() {
        PagingSettings settings = PagingSettings.fromEnvironment(Map.of("PHASEBOT_PAGERDUTY_ROUTING_KEY", "abc123"));
        assertEquals(List.of(Destination.pager("pagerduty")), settings.pagers());
        assertEquals(URI.create("https://events.pagerduty.com/v2/enqueue"), settings.pagerDutyUrl());
    }

    @Test
    void aWebhookNeedsItsSecretAndTheSecretItsWebhook() {
        IllegalStateException noSecret = assertThrows(
                IllegalStateException.class,
                () -> PagingSettings.fromEnvironment(Map.of("PHASEBOT_WEBHOOK_URL", "https://sms.example/page")));
        assertTrue(noSecret.getMessage().contains("PHASEBOT_WEBHOOK_SECRET is not"), noSecret.getMessage());
        IllegalStateException noUrl = assertThrows(
                IllegalStateException.class,
                () -> PagingSettings.fromEnvironment(Map.of("PHASEBOT_WEBHOOK_SECRET", "0123456789abcdefXYZ")));
        assertTrue(noUrl.getMessage().contains("PHASEBOT_WEBHOOK_URL is not"), noUrl.getMessage());
        IllegalStateException shortSecret = assertThrows(
                IllegalStateException.class,
                () -> PagingSettings.fromEnvironment(Map.of(
                        "PHASEBOT_WEBHOOK_URL", "https://sms.example/page", "PHASEBOT_WEBHOOK_SECRET", "short")));
        assertTrue(shortSecret.getMessage().contains("at least 16"), shortSecret.getMessage());
    }

    @Test
    void aPagerDutyUrlWithoutARoutingKeyOrABadUrlStopsTheStart() {
        assertThrows(
                IllegalStateException.class,
                () -> PagingSettings.fromEnvironment(
                        Map.of("PHASEBOT_PAGERDUTY_URL", "http://127.0.0.1:9/v2/enqueue")));
        IllegalStateException bad = assertThrows(
                IllegalStateException.class,
                () -> PagingSettings.fromEnvironment(Map.of(
                        "PHASEBOT_WEBHOOK_URL",
                        "ftp://sms.example",
                        "PHASEBOT_WEBHOOK_SECRET",
                        "0123456789abcdefXYZ")));
        assertEquals("PHASEBOT_WEBHOOK_URL must be an http(s) URL, got 'ftp://sms.example'", bad.getMessage());
    }

    @Test
    void theSettingsNeverShowTheKeyOrTheSecret() {
        PagingSettings settings = PagingSettings.fromEnvironment(Map.of(
                "PHASEBOT_PAGERDUTY_ROUTING_KEY", "routing-key-value",
                "PHASEBOT_WEBHOOK_URL", "https://sms.example/page",
                "PHASEBOT_WEBHOOK_SECRET", "0123456789abcdefXYZ"));
        assertFalse(settings.toString().contains("routing-key-value"));
        assertFalse(settings.toString().contains("0123456789abcdefXYZ"));
        assertEquals(2, settings.pagers().size());
    }
}
