package dev.phasebot.paging;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PagerDuty's v3 webhook signature: {@code X-PagerDuty-Signature} holds one or more
 * comma-separated {@code v1=<hex HMAC-SHA256 of the raw body>}, several while a secret is being
 * rotated; one matching is enough. Compared in constant time, so a forger learns nothing from
 * how long a refusal takes.
 */
final class PagerDutyWebhookSignature {

    private final byte[] secret;

    PagerDutyWebhookSignature(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    boolean verifies(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] expected = sign(body);
        boolean matched = false;
        for (String candidate : header.split(",")) {
            String value = candidate.strip();
            if (!value.startsWith("v1=")) {
                continue;
            }
            byte[] given;
            try {
                given = HexFormat.of().parseHex(value.substring(3));
            } catch (IllegalArgumentException notHex) {
                continue;
            }
            // Every candidate is compared: no early exit that a timing could reveal.
            matched |= MessageDigest.isEqual(expected, given);
        }
        return matched;
    }

    /** The {@code v1=...} value PagerDuty would send for {@code body}. */
    String header(byte[] body) {
        return "v1=" + HexFormat.of().formatHex(sign(body));
    }

    private byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
