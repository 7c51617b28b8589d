package dev.phasebot.paging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.Phasebot;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /pagerduty/webhook} on the port Slack's requests come to: PagerDuty's v3 webhooks,
 * each signed with the subscription's secret ({@link PagerDutyWebhookSignature}) and handed to
 * {@link PagerDutyWebhookInbox}. Answers only its own path, so it sits in front of the others.
 * A bad signature is 401 and nothing is read further; malformed JSON is 400 with one line; what
 * phasebot will not do (an unmapped user, a refusal) is still 200, so PagerDuty stops retrying.
 */
public final class PagerDutyWebhookHandler extends Handler.Abstract {

    private static final Logger log = LoggerFactory.getLogger(PagerDutyWebhookHandler.class);
    public static final String PATH = "/pagerduty/webhook";
    /** PagerDuty's events are a few kilobytes; this leaves room for long titles and fields. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final PagerDutyWebhookSignature signature;
    private final PagerDutyWebhookInbox inbox;
    private final ObjectMapper json = new ObjectMapper();

    public PagerDutyWebhookHandler(String secret, PagerDutyWebhookInbox inbox) {
        this.signature = new PagerDutyWebhookSignature(secret);
        this.inbox = inbox;
    }

    /**
     * What the Slack request port serves besides Slack's requests: the webhook in front of
     * {@code api} (null: none) when {@code settings} are given; otherwise {@code api} alone, and
     * the webhook's path is answered 404 as any unknown path.
     */
    public static Handler onRequestPort(
            Handler api, Optional<PagerDutyWebhookSettings> settings, Phasebot bot, Clock clock) {
        if (settings.isEmpty()) {
            return api;
        }
        Handler webhook = new PagerDutyWebhookHandler(
                settings.get().secret(),
                new PagerDutyWebhookInbox(
                        bot.database(),
                        bot.incidents(),
                        bot.incidentQueries(),
                        PagerDutyUsers.of(bot.config(), settings.get()),
                        bot.meters(),
                        clock));
        return api == null ? webhook : new Handler.Sequence(webhook, api);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return false;
        }
        try {
            return answer(request, response, callback);
        } catch (PagerDutyUsers.Unavailable e) {
            // Nothing was done or remembered: PagerDuty retries, and by then the API may answer.
            log.warn("PagerDuty webhook not handled yet: {}", e.getMessage());
            return plain(response, callback, 503, "PagerDuty's users API did not answer; retry later");
        } catch (Exception e) {
            // Never echo an exception to the caller: the details stay in our log.
            log.error("PagerDuty webhook failed", e);
            return plain(response, callback, 500, "internal error");
        }
    }

    private boolean answer(Request request, Response response, Callback callback) throws Exception {
        if (!"POST".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            return plain(response, callback, 405, "POST only");
        }
        if (request.getLength() > MAX_BODY_BYTES) {
            return plain(response, callback, 413, "request body too large");
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            return plain(response, callback, 413, "request body too large");
        }
        if (!signature.verifies(request.getHeaders().get("X-PagerDuty-Signature"), body)) {
            log.info("refused an unsigned or wrongly signed PagerDuty webhook from {}", Request.getRemoteAddr(request));
            return plain(response, callback, 401, "invalid signature");
        }
        JsonNode event;
        try {
            event = json.readTree(body).path("event");
        } catch (JsonProcessingException e) {
            return badRequest(request, response, callback, "the body is not JSON");
        }
        if (!event.isObject()) {
            return badRequest(request, response, callback, "expected a JSON object with an event object");
        }
        PagerDutyWebhookInbox.Outcome outcome;
        try {
            outcome = inbox.receive(event);
        } catch (IllegalArgumentException e) {
            return badRequest(request, response, callback, e.getMessage());
        }
        return plain(response, callback, 200, outcome.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The sender's mistake, not ours: said in the log at INFO, answered with a short 400. */
    private static boolean badRequest(Request request, Response response, Callback callback, String reason) {
        log.info("refused a malformed PagerDuty webhook from {}: {}", Request.getRemoteAddr(request), reason);
        return plain(response, callback, 400, "bad request: " + reason);
    }

    private static boolean plain(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
