package dev.phasebot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.ApiCall;
import dev.phasebot.delivery.DeliveryResult;
import dev.phasebot.delivery.Lookback;
import dev.phasebot.delivery.OutgoingDelivery;
import dev.phasebot.delivery.SentRef;
import dev.phasebot.delivery.Transport;
import dev.phasebot.delivery.UnrecordedAttempt;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.team.AgentDirectory;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers outbox rows with the Web API: chat.postMessage, or chat.update for an edit. The
 * outbox owns retries and pacing, so this only says which method and channel a delivery uses
 * and classifies each outcome: network errors and 5xx are worth another try (a call that got
 * no answer may have posted), a 429 holds its method back for its Retry-After, and Slack's own
 * "no" is final.
 *
 * <p>Each post carries message metadata naming its outbox row, so that after a crash during a
 * post the worker can find it in the channel's history ({@link #lookBack}) instead of posting
 * it twice. Reading history needs the {@code *:history} scopes, and {@code im:write} to find a
 * DM's channel; without them the lookup says it cannot tell and the row is posted again.
 */
public final class SlackTransport implements Transport {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SlackTransport.class);

    private static final Set<String> RETRYABLE_ERRORS = Set.of(
            "internal_error", "fatal_error", "service_unavailable", "request_timeout");
    private static final Set<String> RATE_LIMIT_ERRORS = Set.of("ratelimited", "rate_limited");
    /**
     * The token, not the message, is at fault: the row waits rather than being given up, and
     * the token watch stops the bot if Slack keeps refusing the token.
     */
    private static final Set<String> TOKEN_ERRORS = Set.of(
            "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive");
    private static final Duration TOKEN_RETRY = Duration.ofMinutes(1);
    /** When Slack says we are too fast without a usable Retry-After. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);
    static final String METADATA_EVENT = "phasebot_outbox";
    static final String METADATA_ROW = "outbox_id";
    /** History is read from this long before the attempt began: our clock and Slack's may differ a little. */
    static final Duration LOOKBACK_MARGIN = Duration.ofMinutes(2);
    private static final int HISTORY_PAGE = 200;
    /** Past this many messages since the attempt the lookup gives up rather than page on. */
    private static final int HISTORY_PAGES = 10;

    private final MethodsClient methods;
    private final BotConfig config;
    private final AgentDirectory agents;

    public SlackTransport(MethodsClient methods, BotConfig config, AgentDirectory agents) {
        this.methods = methods;
        this.config = config;
        this.agents = agents;
    }

    @Override
    public Optional<ApiCall> call(OutgoingDelivery delivery) {
        if (delivery.isUpdate()) {
            return Optional.of(new ApiCall(ApiCall.UPDATE, delivery.original().channel()));
        }
        // An unlinked agent has no channel; deliver() refuses it without calling Slack.
        return address(delivery.message().destination()).map(channel -> new ApiCall(ApiCall.POST_MESSAGE, channel));
    }

    @Override
    public DeliveryResult deliver(OutgoingDelivery delivery) {
        Message message = delivery.message();
        List<SlackBlocks.Part> parts = SlackBlocks.render(message.doc());
        SlackBlocks.Part first = parts.get(0);
        try {
            if (delivery.isUpdate()) {
                // An edit replaces the message itself; a longer doc's overflow stays as first posted.
                ChatUpdateResponse r = methods.chatUpdate(req -> req.channel(delivery.original().channel())
                        .ts(delivery.original().ts()).text(first.text()).blocks(first.blocks()));
                return outcome(r, new SentRef(r.getChannel(), r.getTs()));
            }
            Optional<String> channel = address(message.destination());
            if (channel.isEmpty()) {
                return new DeliveryResult.Rejected("agent " + ((Destination.DirectMessage) message.destination()).agent()
                        + " is not linked to a Slack user");
            }
            String threadTs = delivery.thread() == null ? null : delivery.thread().ts();
            ChatPostMessageResponse r = methods.chatPostMessage(req -> req.channel(channel.get()).threadTs(threadTs)
                    .text(first.text()).blocks(first.blocks())
                    .unfurlLinks(false).unfurlMedia(false)
                    .metadata(new com.slack.api.model.Message.Metadata(METADATA_EVENT,
                            Map.of(METADATA_ROW, delivery.id()))));
            DeliveryResult result = outcome(r, new SentRef(r.getChannel(), r.getTs()));
            if (result instanceof DeliveryResult.Sent && parts.size() > 1) {
                // A reply's overflow follows it into the same thread.
                postOverflow(r.getChannel(), threadTs != null ? threadTs : r.getTs(), parts.subList(1, parts.size()));
            }
            return result;
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            if (status == 429) {
                String retryAfter = e.getResponse().header("Retry-After");
                return new DeliveryResult.RateLimited(seconds(retryAfter));
            }
            if (status >= 500) {
                return new DeliveryResult.RetryLater(null, "HTTP " + status);
            }
            return new DeliveryResult.Rejected("HTTP " + status + ": " + e.getMessage());
        } catch (IOException e) {
            // Refused before the request left: nothing posted. Otherwise (a timeout, a reset)
            // Slack may have posted it and only the answer was lost.
            boolean neverSent = e instanceof java.net.ConnectException || e instanceof java.net.UnknownHostException;
            return new DeliveryResult.RetryLater(null, e.toString(), !neverSent);
        }
    }

    /**
     * Reads the destination's history from a little before the attempt, with metadata, for a
     * message carrying this row's id. Paged, newest first, at most {@link #HISTORY_PAGES} pages.
     */
    @Override
    public Lookback lookBack(UnrecordedAttempt attempt) {
        OutgoingDelivery delivery = attempt.delivery();
        try {
            Optional<String> channel = historyChannel(delivery.message().destination(), attempt.knownChannel());
            if (channel.isEmpty()) {
                return new Lookback.Unknown("no channel id for " + delivery.message().destination().key()
                        + " (a channel named in the config gets one from its first delivered message)");
            }
            String oldest = Long.toString(attempt.startedAt().minus(LOOKBACK_MARGIN).getEpochSecond());
            String cursor = null;
            for (int page = 0; page < HISTORY_PAGES; page++) {
                String pageCursor = cursor;
                ConversationsHistoryResponse r = methods.conversationsHistory(req -> req.channel(channel.get())
                        .oldest(oldest).inclusive(true).includeAllMetadata(true).limit(HISTORY_PAGE).cursor(pageCursor));
                if (!r.isOk()) {
                    return new Lookback.Unknown("conversations.history: " + r.getError());
                }
                for (com.slack.api.model.Message m : r.getMessages() == null ? List.<com.slack.api.model.Message>of()
                        : r.getMessages()) {
                    if (carriesRow(m, delivery.id())) {
                        return new Lookback.Found(new SentRef(channel.get(), m.getTs()));
                    }
                }
                cursor = r.getResponseMetadata() == null ? null : r.getResponseMetadata().getNextCursor();
                if (!r.isHasMore() || cursor == null || cursor.isBlank()) {
                    return new Lookback.Absent();
                }
            }
            return new Lookback.Unknown("more than " + HISTORY_PAGES * HISTORY_PAGE + " messages since the attempt");
        } catch (SlackApiException e) {
            return new Lookback.Unknown("conversations.history: HTTP " + e.getResponse().code());
        } catch (IOException e) {
            return new Lookback.Unknown("conversations.history: " + e);
        }
    }

    /**
     * The conversation id whose history to read. A configured id is the truth; a DM's channel
     * comes from conversations.open, which returns the existing one; otherwise where earlier
     * messages to this destination landed.
     */
    private Optional<String> historyChannel(Destination destination, String knownChannel) throws IOException {
        if (destination instanceof Destination.ChannelRole role) {
            String address = config.channel(role.role()).address();
            return address.startsWith("#") ? Optional.ofNullable(knownChannel) : Optional.of(address);
        }
        Optional<String> user = address(destination);
        if (user.isPresent()) {
            try {
                ConversationsOpenResponse opened = methods.conversationsOpen(req -> req.users(List.of(user.get())));
                if (opened.isOk() && opened.getChannel() != null) {
                    return Optional.of(opened.getChannel().getId());
                }
            } catch (SlackApiException e) {
                // Fall back to where earlier DMs landed, as for a missing im:write scope.
            }
        }
        return Optional.ofNullable(knownChannel);
    }

    private static boolean carriesRow(com.slack.api.model.Message message, long rowId) {
        com.slack.api.model.Message.Metadata metadata = message.getMetadata();
        if (metadata == null || !METADATA_EVENT.equals(metadata.getEventType()) || metadata.getEventPayload() == null) {
            return false;
        }
        // JSON numbers come back as Double; accept a string too, in case Slack stringifies it.
        Object id = metadata.getEventPayload().get(METADATA_ROW);
        if (id instanceof Number number) {
            return number.longValue() == rowId && number.doubleValue() == rowId;
        }
        return id != null && id.toString().equals(Long.toString(rowId));
    }

    /**
     * What did not fit Slack's 50 blocks goes in the message's thread. Best effort: the message
     * itself was delivered, and a failed reply is logged rather than posting the message again.
     */
    private void postOverflow(String channel, String threadTs, List<SlackBlocks.Part> overflow) {
        for (SlackBlocks.Part part : overflow) {
            try {
                ChatPostMessageResponse reply = methods.chatPostMessage(req -> req.channel(channel).threadTs(threadTs)
                        .text(part.text()).blocks(part.blocks()).unfurlLinks(false).unfurlMedia(false));
                if (!reply.isOk()) {
                    log.warn("the continuation of a long message in {} was refused: {}", channel, reply.getError());
                }
            } catch (IOException | SlackApiException e) {
                log.warn("the continuation of a long message in {} failed: {}", channel, e.toString());
            }
        }
    }

    private Optional<String> address(Destination destination) {
        if (destination instanceof Destination.ChannelRole role) {
            return Optional.of(config.channel(role.role()).address());
        }
        return agents.slackUser(((Destination.DirectMessage) destination).agent());
    }

    private static DeliveryResult outcome(SlackApiTextResponse response, SentRef ref) {
        if (response.isOk()) {
            return new DeliveryResult.Sent(ref);
        }
        if (RATE_LIMIT_ERRORS.contains(response.getError())) {
            return new DeliveryResult.RateLimited(DEFAULT_RETRY_AFTER);
        }
        if (RETRYABLE_ERRORS.contains(response.getError())) {
            return new DeliveryResult.RetryLater(null, response.getError());
        }
        if (TOKEN_ERRORS.contains(response.getError())) {
            return new DeliveryResult.RetryLater(TOKEN_RETRY, response.getError() + " (the bot token was refused)");
        }
        return new DeliveryResult.Rejected(response.getError());
    }

    private static Duration seconds(String header) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip())));
        } catch (RuntimeException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }
}
