package dev.phasebot.paging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasebot.message.Page;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A page as one signed JSON object, for anything that is not PagerDuty (an SMS gateway,
 * Opsgenie, a bridge). Signed the way Slack signs its own requests: {@code X-Phasebot-Signature:
 * v1=<hex HMAC-SHA256 of "v1:<timestamp>:<body>">} with {@code X-Phasebot-Request-Timestamp}, so a
 * receiver checks the signature and refuses a stale timestamp (a replay). The body's {@code id}
 * is the same on every retry of one delivery, for a receiver to drop a second copy.
 */
final class SignedWebhook implements Pagers.Pager {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SIGNATURE = "X-Phasebot-Signature";
    static final String TIMESTAMP = "X-Phasebot-Request-Timestamp";

    private final URI url;
    private final byte[] secret;
    private final Clock clock;
    private final Duration timeout;

    SignedWebhook(URI url, String secret, Clock clock, Duration timeout) {
        this.url = url;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "the webhook";
    }

    @Override
    public HttpRequest request(long deliveryId, Page page) {
        String body = body(deliveryId, page);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        return HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "phasebot")
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, signature(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    String signature(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(("v1:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static String body(long deliveryId, Page page) {
        ObjectNode root = JSON.createObjectNode();
        root.put("event", page.event().word());
        root.put("id", "phasebot-delivery-" + deliveryId);
        root.put("at", page.at().toString());
        root.put("summary", page.summary());
        root.put("where", page.where());
        ObjectNode incident = root.putObject("incident");
        incident.put("id", page.incident());
        incident.put("key", page.dedupKey());
        incident.put("severity", page.severity());
        incident.put("security", page.security());
        if (page.title() != null) {
            incident.put("title", page.title());
        }
        if (page.milestone() != null) {
            ObjectNode milestone = root.putObject("milestone");
            milestone.put("name", page.milestone());
            milestone.put("due", page.due().toString());
        }
        if (page.person() != null) {
            ObjectNode person = root.putObject("person");
            person.put("agent", page.person());
            if (page.email() != null) {
                person.put("email", page.email());
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
