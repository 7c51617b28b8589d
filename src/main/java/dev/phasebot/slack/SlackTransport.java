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
import dev.phasebot.delivery.SentPart;
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
 * outbox owns retries and pacing, so this only says which method and channel a delivery's next
 * call uses and classifies each outcome: network errors and 5xx are worth another try (a call
 * that got no answer may have posted), a 429 holds its method back for its Retry-After, and
 * Slack's own "no" is final.
 *
 * <p>A doc too long for one message is several parts ({@link SlackBlocks}): the message and
 * replies in its thread. Each call sends one part and says which, with a digest of what it
 * sent, for the worker to keep; an edit changes only the parts whose digest changed
 * ({@link PartPlan}).
 *
 * <p>Each post of a message carries message metadata naming its outbox row, so that after a
 * crash during that post the worker can find it in the channel's history ({@link #lookBack})
 * instead of posting it twice. Reading history needs the {@code *:history} scopes, and
 * {@code im:write} to find a DM's channel; without them the lookup says it cannot tell and the
 * row is posted again. The replies a long message continues in carry no metadata: one cut off
 * by a crash during its own call is posted again.
 */
public final class SlackTransport implements Transport {

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
    /** The last doc rendered and its parts: only the delivery worker's thread calls this transport. */
    private dev.phasebot.message.Doc lastDoc;
    private PartPlan.Rendering lastRendering;

    public SlackTransport(MethodsClient methods, BotConfig config, AgentDirectory agents) {
        this.methods = methods;
        this.config = config;
        this.agents = agents;
    }

    @Override
    public Optional<ApiCall> call(OutgoingDelivery delivery) {
        Optional<PartPlan.Step> step = PartPlan.next(rendering(delivery), delivery.parts());
        if (step.isEmpty()) {
            return Optional.empty();
        }
        return switch (step.get().kind()) {
            // An unlinked agent has no channel; deliver() refuses it without calling Slack.
            case POST -> address(delivery.message().destination()).map(c -> new ApiCall(ApiCall.POST_MESSAGE, c));
            case REPLY -> Optional.of(new ApiCall(ApiCall.POST_MESSAGE, delivery.part(0).orElseThrow().ref().channel()));
            case EDIT -> Optional.of(new ApiCall(ApiCall.UPDATE, step.get().target().channel()));
        };
    }

    /**
     * Makes the next call the message needs ({@link PartPlan}): the message itself, a part in its
     * thread, or an edit of one part. Says done once Slack has every part as rendered.
     */
    @Override
    public DeliveryResult deliver(OutgoingDelivery delivery) {
        PartPlan.Rendering rendering = rendering(delivery);
        Optional<PartPlan.Step> next = PartPlan.next(rendering, delivery.parts());
        if (next.isEmpty()) {
            return new DeliveryResult.Sent(delivery.part(0).map(SentPart::ref).orElse(delivery.original()),
                    List.of(), true);
        }
        PartPlan.Step step = next.get();
        SlackBlocks.Part part = step.part();
        try {
            SlackApiTextResponse response;
            SentRef ref;
            if (step.kind() == PartPlan.Kind.EDIT) {
                ChatUpdateResponse r = methods.chatUpdate(req -> req.channel(step.target().channel())
                        .ts(step.target().ts()).text(part.text()).blocks(part.blocks()));
                response = r;
                ref = new SentRef(r.getChannel(), r.getTs());
            } else if (step.kind() == PartPlan.Kind.REPLY) {
                SentRef first = delivery.part(0).orElseThrow().ref();
                // A reply's parts follow it into the thread it is in.
                String threadTs = delivery.thread() != null ? delivery.thread().ts() : first.ts();
                ChatPostMessageResponse r = methods.chatPostMessage(req -> req.channel(first.channel())
                        .threadTs(threadTs).text(part.text()).blocks(part.blocks()).unfurlLinks(false).unfurlMedia(false));
                response = r;
                ref = new SentRef(r.getChannel(), r.getTs());
            } else {
                Message message = delivery.message();
                Optional<String> channel = address(message.destination());
                if (channel.isEmpty()) {
                    return new DeliveryResult.Rejected("agent " + ((Destination.DirectMessage) message.destination())
                            .agent() + " is not linked to a Slack user");
                }
                String threadTs = delivery.thread() == null ? null : delivery.thread().ts();
                ChatPostMessageResponse r = methods.chatPostMessage(req -> req.channel(channel.get()).threadTs(threadTs)
                        .text(part.text()).blocks(part.blocks())
                        .unfurlLinks(false).unfurlMedia(false)
                        .metadata(new com.slack.api.model.Message.Metadata(METADATA_EVENT,
                                Map.of(METADATA_ROW, delivery.id()))));
                response = r;
                ref = new SentRef(r.getChannel(), r.getTs());
            }
            if (!response.isOk()) {
                return failure(response);
            }
            SentPart sent = new SentPart(step.index(), ref, step.digest());
            OutgoingDelivery after = delivery.with(List.of(sent));
            return new DeliveryResult.Sent(after.part(0).map(SentPart::ref).orElse(ref), List.of(sent),
                    PartPlan.next(rendering, after.parts()).isEmpty());
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
     * The delivery's doc as parts, rendered once per doc: the worker asks {@link #call} and then
     * {@link #deliver} for each of a message's parts, with the same doc.
     */
    private synchronized PartPlan.Rendering rendering(OutgoingDelivery delivery) {
        if (lastDoc != delivery.message().doc()) {
            lastDoc = delivery.message().doc();
            lastRendering = PartPlan.Rendering.of(SlackBlocks.render(lastDoc));
        }
        return lastRendering;
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
                        SentRef found = new SentRef(channel.get(), m.getTs());
                        // What it said then is not known; the rest of a long one is still to go.
                        return rendering(delivery).parts().size() == 1 ? new Lookback.Found(found)
                                : new Lookback.Found(found, List.of(new SentPart(0, found, null)), false);
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

    private Optional<String> address(Destination destination) {
        if (destination instanceof Destination.ChannelRole role) {
            return Optional.of(config.channel(role.role()).address());
        }
        return agents.slackUser(((Destination.DirectMessage) destination).agent());
    }

    /** Slack's "no" to a call, classified. */
    private static DeliveryResult failure(SlackApiTextResponse response) {
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
