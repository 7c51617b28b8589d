package dev.phasebot.slack;

import dev.phasebot.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Slack's request signature ({@code v0=HMAC-SHA256(secret, "v0:" + ts + ":" + body)}).
 * Stricter than Bolt's own check: the timestamp may be at most five minutes off in either
 * direction, signatures are compared in constant time, and a signature already accepted is
 * refused if it comes again (a replay) while it is still inside the window.
 *
 * <p>One process remembers accepted signatures in memory. Replicas sharing a store remember them
 * in the store ({@code slack_request_seen}), so a request replayed to another replica is refused
 * there too.
 */
public final class SlackRequestVerifier {

    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 200_000;

    /** How often a replica deletes the store's expired signatures (on a request, in its transaction). */
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final byte[] secret;
    private final Clock clock;
    private final Map<String, Long> seen = new LinkedHashMap<>();
    /** Where seen signatures are kept when replicas share the store; null when in memory. */
    private final Database store;

    private final AtomicLong nextSweep = new AtomicLong();

    /** Remembers accepted signatures in memory: one process. */
    public SlackRequestVerifier(String signingSecret, Clock clock) {
        this(signingSecret, null, clock);
    }

    /**
     * Remembers accepted signatures in {@code database} when other processes may share it
     * ({@link Database#shared()}), in memory otherwise; {@code database} may be null (in memory).
     */
    public SlackRequestVerifier(String signingSecret, Database database, Clock clock) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.store = database != null && database.shared() ? database : null;
    }

    /** Null when the request is genuine and fresh; otherwise why it is refused. */
    public String refusal(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null) {
            return "missing X-Slack-Request-Timestamp or X-Slack-Signature";
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return "malformed timestamp";
        }
        long nowSeconds = clock.millis() / 1000;
        if (Math.abs(nowSeconds - ts) > WINDOW.toSeconds()) {
            return "timestamp outside the five-minute window";
        }
        byte[] expected =
                ("v0=" + HexFormat.of().formatHex(hmac(timestamp.strip(), body))).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            return "signature mismatch";
        }
        boolean first = store == null
                ? remember(signature.strip(), ts + WINDOW.toSeconds())
                : rememberInStore(signature.strip(), ts);
        if (!first) {
            return "replayed request";
        }
        return null;
    }

    /** The signature Slack would send for this body at this timestamp (tests sign with it). */
    public static String sign(String signingSecret, String timestamp, byte[] body) {
        return "v0="
                + HexFormat.of()
                        .formatHex(new SlackRequestVerifier(signingSecret, Clock.systemUTC()).hmac(timestamp, body));
    }

    private synchronized boolean remember(String signature, long expiresAtSecond) {
        long nowSeconds = clock.millis() / 1000;
        Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() < nowSeconds || seen.size() > MAX_REMEMBERED) {
                it.remove();
            } else {
                break;
            }
        }
        return seen.putIfAbsent(signature, expiresAtSecond) == null;
    }

    /**
     * Whether this is the signature's first sighting by any replica: the store's primary key
     * decides, whichever replica inserts first. A row is kept until its timestamp is refused by
     * the window check on its own, and one window longer, so a replica whose clock runs ahead
     * does not forget a signature that another replica would still accept.
     */
    private boolean rememberInStore(String signature, long timestampSecond) {
        long now = clock.millis();
        long expiresAt = (timestampSecond + WINDOW.toSeconds() + 1) * 1000;
        long sweepDue = nextSweep.get();
        boolean sweep = now >= sweepDue && nextSweep.compareAndSet(sweepDue, now + SWEEP_EVERY.toMillis());
        return store.inTransaction(tx -> {
            if (sweep) {
                tx.update("DELETE FROM slack_request_seen WHERE expires_at < ?", now - WINDOW.toMillis());
            }
            return tx.update(
                            "INSERT INTO slack_request_seen (signature, expires_at) VALUES (?, ?) "
                                    + "ON CONFLICT (signature) DO NOTHING",
                            signature,
                            expiresAt)
                    == 1;
        });
    }

    private byte[] hmac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
