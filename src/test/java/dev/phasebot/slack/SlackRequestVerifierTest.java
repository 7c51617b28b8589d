package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.phasebot.support.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlackRequestVerifierTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private final SettableClock clock = SettableClock.newYork("2026-11-24T09:00");
    private final SlackRequestVerifier verifier = new SlackRequestVerifier(SECRET, clock);
    private final byte[] body = "token=x&command=%2Fstandup&text=h%C3%A9llo\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void slacksDocumentedExampleSignatureIsReproduced() {
        String documented =
                "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                        + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                        + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        assertEquals(
                "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
                SlackRequestVerifier.sign(SECRET, "1531420618", documented.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFreshCorrectlySignedRequestIsAccepted() {
        assertNull(verifier.refusal(now(), SlackRequestVerifier.sign(SECRET, now(), body), body));
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused() {
        assertEquals(
                "signature mismatch", verifier.refusal(now(), SlackRequestVerifier.sign("other", now(), body), body));
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        String signature = SlackRequestVerifier.sign(SECRET, now(), body);
        byte[] tampered = "token=x&command=%2Fstandup&text=open".getBytes(StandardCharsets.UTF_8);
        assertEquals("signature mismatch", verifier.refusal(now(), signature, tampered));
    }

    @Test
    void aTimestampMoreThanFiveMinutesOldOrAheadIsRefused() {
        String old = Long.toString(clock.millis() / 1000 - 301);
        String ahead = Long.toString(clock.millis() / 1000 + 301);
        String edge = Long.toString(clock.millis() / 1000 - 300);
        assertEquals(
                "timestamp outside the five-minute window",
                verifier.refusal(old, SlackRequestVerifier.sign(SECRET, old, body), body));
        assertEquals(
                "timestamp outside the five-minute window",
                verifier.refusal(ahead, SlackRequestVerifier.sign(SECRET, ahead, body), body));
        assertNull(verifier.refusal(edge, SlackRequestVerifier.sign(SECRET, edge, body), body));
    }

    @Test
    void theSameSignedRequestSentTwiceIsRefusedAsAReplay() {
        String signature = SlackRequestVerifier.sign(SECRET, now(), body);
        assertNull(verifier.refusal(now(), signature, body));
        clock.tick(Duration.ofSeconds(10));
        assertEquals("replayed request", verifier.refusal(Long.toString(clock.millis() / 1000 - 10), signature, body));
    }

    @Test
    void missingHeadersAndGarbageTimestampsAreRefused() {
        assertEquals("missing X-Slack-Request-Timestamp or X-Slack-Signature", verifier.refusal(null, "v0=x", body));
        assertEquals("missing X-Slack-Request-Timestamp or X-Slack-Signature", verifier.refusal(now(), null, body));
        assertEquals("malformed timestamp", verifier.refusal("yesterday", "v0=x", body));
    }

    private String now() {
        return Long.toString(clock.millis() / 1000);
    }
}
