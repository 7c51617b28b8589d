package dev.phasebot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import dev.phasebot.command.AgentDirectory;
import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.Transport;
import dev.phasebot.delivery.Transport.ApiCall;
import dev.phasebot.delivery.Transport.DeliveryResult;
import dev.phasebot.delivery.Transport.Lookback;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.delivery.Transport.SentPart;
import dev.phasebot.delivery.Transport.SentRef;
import dev.phasebot.delivery.Transport.UnrecordedAttempt;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.message.Upload;
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
 * <p>Each post carries message metadata naming its outbox row, and each reply its part too, so
 * that after a crash during a post the worker can find it in Slack ({@link #lookBack}) instead
 * of posting it twice: the message in the channel's history, a reply in its thread. Reading
 * them needs the {@code *:history} scopes, and {@code im:write} to find a DM's channel; without
 * them the lookup says it cannot tell and the part is posted again.
 *
 * <p>A message with a file ({@link Upload}) goes by Slack's two-step upload instead
 * ({@link SlackUploads}), into the destination's conversation id: a channel's configured id (or
 * the one Slack answered for its last post since start-up), a DM's from conversations.open. Its
 * calls are paced as one ({@link ApiCall#FILE_UPLOAD}). An upload carries no metadata, so after
 * a crash it is not looked for: it is uploaded again, and may be in Slack twice.
 */
public final class SlackTransport implements Transport {

    private static final Set<String> RETRYABLE_ERRORS =
            Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout");
    private static final Set<String> RATE_LIMIT_ERRORS = Set.of("ratelimited", "rate_limited");
    /**
     * The token, not the message, is at fault: the row waits rather than being given up, and
     * the token watch stops the bot if Slack keeps refusing the token.
     */
    private static final Set<String> TOKEN_ERRORS =
            Set.of("invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive");

    private static final Duration TOKEN_RETRY = Duration.ofMinutes(1);
    /** When Slack says we are too fast without a usable Retry-After. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    static final String METADATA_EVENT = "phasebot_outbox";
    static final String METADATA_ROW = "outbox_id";
    /** Which part of the row a reply is; the message itself carries none. */
    static final String METADATA_PART = "part";

    private final MethodsClient methods;
    private final BotConfig config;
    private final AgentDirectory agents;
    private final SlackLookback lookback;
    private final SlackUploads uploads;
    private final SlackRooms rooms;
    /** A channel named in the config (#name) by the id Slack answered when a message was last posted there. */
    private final Map<String, String> channelIds = new java.util.concurrent.ConcurrentHashMap<>();
    /** The last doc rendered and its parts: only the delivery worker's thread calls this transport. */
    private dev.phasebot.message.Doc lastDoc;

    private PartPlan.Rendering lastRendering;

    public SlackTransport(MethodsClient methods, BotConfig config, AgentDirectory agents) {
        this.methods = methods;
        this.config = config;
        this.agents = agents;
        this.lookback = new SlackLookback(methods, config, this::address);
        this.uploads = new SlackUploads(methods, SlackTransport::failure);
        this.rooms = new SlackRooms(methods, agents, SlackTransport::failure);
    }

    @Override
    public Optional<ApiCall> call(OutgoingDelivery delivery) {
        if (delivery.message().room() != null) {
            Destination.Room room = (Destination.Room) delivery.message().destination();
            return Optional.of(new ApiCall(
                    SlackRooms.method(delivery.message().room()),
                    room.channelId() != null ? room.channelId() : room.key()));
        }
        if (isUpload(delivery)) {
            return address(delivery.message().destination()).map(c -> new ApiCall(ApiCall.FILE_UPLOAD, c));
        }
        Optional<PartPlan.Step> step = PartPlan.next(rendering(delivery), delivery.parts());
        if (step.isEmpty()) {
            return Optional.empty();
        }
        return switch (step.get().kind()) {
            // An unlinked agent has no channel; deliver() refuses it without calling Slack.
            case POST -> address(delivery.message().destination()).map(c -> new ApiCall(ApiCall.POST_MESSAGE, c));
            case REPLY ->
                Optional.of(new ApiCall(
                        ApiCall.POST_MESSAGE,
                        delivery.part(0).orElseThrow().ref().channel()));
            case EDIT ->
                Optional.of(new ApiCall(ApiCall.UPDATE, step.get().target().channel()));
        };
    }

    /**
     * Makes the next call the message needs ({@link PartPlan}): the message itself, a part in its
     * thread, or an edit of one part. Says done once Slack has every part as rendered.
     */
    @Override
    public DeliveryResult deliver(OutgoingDelivery delivery) {
        if (delivery.message().room() != null) {
            return roomAct(delivery);
        }
        if (isUpload(delivery)) {
            return upload(delivery.message());
        }
        PartPlan.Rendering rendering = rendering(delivery);
        Optional<PartPlan.Step> next = PartPlan.next(rendering, delivery.parts());
        if (next.isEmpty()) {
            return new DeliveryResult.Sent(
                    delivery.part(0).map(SentPart::ref).orElse(delivery.original()), List.of(), true);
        }
        PartPlan.Step step = next.get();
        SlackBlocks.Part part = step.part();
        try {
            SlackApiTextResponse response;
            SentRef ref;
            if (step.kind() == PartPlan.Kind.EDIT) {
                ChatUpdateResponse r =
                        methods.chatUpdate(req -> req.channel(step.target().channel())
                                .ts(step.target().ts())
                                .text(part.text())
                                .blocks(part.blocks()));
                response = r;
                ref = new SentRef(r.getChannel(), r.getTs());
            } else if (step.kind() == PartPlan.Kind.REPLY) {
                SentRef first = delivery.part(0).orElseThrow().ref();
                // A reply's parts follow it into the thread it is in.
                String threadTs = delivery.thread() != null ? delivery.thread().ts() : first.ts();
                ChatPostMessageResponse r = methods.chatPostMessage(req -> req.channel(first.channel())
                        .threadTs(threadTs)
                        .text(part.text())
                        .blocks(part.blocks())
                        .unfurlLinks(false)
                        .unfurlMedia(false)
                        .metadata(new com.slack.api.model.Message.Metadata(
                                METADATA_EVENT, Map.of(METADATA_ROW, delivery.id(), METADATA_PART, step.index()))));
                response = r;
                ref = new SentRef(r.getChannel(), r.getTs());
            } else {
                Message message = delivery.message();
                Optional<String> channel = address(message.destination());
                if (channel.isEmpty()) {
                    return new DeliveryResult.Rejected(noConversation(message.destination()));
                }
                String threadTs =
                        delivery.thread() == null ? null : delivery.thread().ts();
                ChatPostMessageResponse r = methods.chatPostMessage(req -> req.channel(channel.get())
                        .threadTs(threadTs)
                        .text(part.text())
                        .blocks(part.blocks())
                        .unfurlLinks(false)
                        .unfurlMedia(false)
                        .metadata(new com.slack.api.model.Message.Metadata(
                                METADATA_EVENT, Map.of(METADATA_ROW, delivery.id()))));
                response = r;
                ref = new SentRef(r.getChannel(), r.getTs());
                if (r.isOk() && r.getChannel() != null && message.destination() instanceof Destination.ChannelRole) {
                    channelIds.put(channel.get(), r.getChannel());
                }
            }
            if (!response.isOk()) {
                return failure(response);
            }
            SentPart sent = new SentPart(step.index(), ref, step.digest());
            OutgoingDelivery after = delivery.with(List.of(sent));
            return new DeliveryResult.Sent(
                    after.part(0).map(SentPart::ref).orElse(ref),
                    List.of(sent),
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

    /** After a crash during a post: is that post in Slack already ({@link SlackLookback})? */
    @Override
    public Lookback lookBack(UnrecordedAttempt attempt) {
        if (isUpload(attempt.delivery())) {
            return new Lookback.Unknown("an uploaded file carries no metadata to find it by");
        }
        return lookback.find(attempt, rendering(attempt.delivery()));
    }

    private static boolean isUpload(OutgoingDelivery delivery) {
        return delivery.message().upload() != null && !delivery.isUpdate();
    }

    /** An act on an incident's room ({@link SlackRooms}), its failures classified as a post's are. */
    private DeliveryResult roomAct(OutgoingDelivery delivery) {
        try {
            return rooms.act(delivery);
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            if (status == 429) {
                return new DeliveryResult.RateLimited(seconds(e.getResponse().header("Retry-After")));
            }
            if (status >= 500) {
                return new DeliveryResult.RetryLater(null, "HTTP " + status);
            }
            return new DeliveryResult.Rejected("HTTP " + status + ": " + e.getMessage());
        } catch (IOException e) {
            // Each act is safe to make again: a create whose answer was lost finds its room by name_taken.
            return new DeliveryResult.RetryLater(null, e.toString());
        }
    }

    /** The whole two-step upload, classified as a post is; any failure starts it again from the first step. */
    private DeliveryResult upload(Message message) {
        try {
            Optional<String> channel = conversationId(message.destination());
            if (channel.isEmpty()) {
                return new DeliveryResult.Rejected(noConversation(message.destination()));
            }
            return uploads.upload(channel.get(), message.upload(), message.doc());
        } catch (SlackUploads.NotOpened e) {
            return e.result();
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            if (status == 429) {
                return new DeliveryResult.RateLimited(seconds(e.getResponse().header("Retry-After")));
            }
            if (status >= 500) {
                return new DeliveryResult.RetryLater(null, "HTTP " + status);
            }
            return new DeliveryResult.Rejected("HTTP " + status + ": " + e.getMessage());
        } catch (IOException e) {
            // Nothing of it is shared before files.completeUploadExternal answers; a lost answer
            // there may have shared it, and an upload is not looked for: it goes again.
            return new DeliveryResult.RetryLater(null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryResult.RetryLater(null, "interrupted during an upload");
        }
    }

    /**
     * The conversation id an upload goes to: files.completeUploadExternal takes no channel names
     * and no users. Empty when the channel has no id yet, or the agent no Slack user.
     */
    private Optional<String> conversationId(Destination destination)
            throws IOException, SlackApiException, SlackUploads.NotOpened {
        Optional<String> address = address(destination);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        if (!(destination instanceof Destination.DirectMessage)) {
            return address.get().startsWith("#") ? channelId(address.get()) : address;
        }
        return Optional.of(uploads.directMessageChannel(address.get()));
    }

    /**
     * The id of a channel configured by its name only: the one its last post landed in, else
     * the one of that name the bot can see (kept from then on), so a restart between a post and
     * its file loses nothing.
     */
    private Optional<String> channelId(String name) throws IOException, SlackApiException {
        String known = channelIds.get(name);
        if (known == null && rooms.existing(name.substring(1)) instanceof DeliveryResult.Sent found) {
            known = found.ref().channel();
            channelIds.put(name, known);
        }
        return Optional.ofNullable(known);
    }

    private String noConversation(Destination destination) {
        if (destination instanceof Destination.ChannelRole role) {
            return "a file goes to a channel by its id, and " + role.key() + " has none the bot can see: set channels."
                    + role.role() + ".id in the config (or invite the bot to the channel)";
        }
        if (destination instanceof Destination.Room room) {
            return "incident #" + room.incident() + "'s room has no channel in Slack";
        }
        return "agent " + ((Destination.DirectMessage) destination).agent() + " is not linked to a Slack user";
    }

    private Optional<String> address(Destination destination) {
        if (destination instanceof Destination.ChannelRole role) {
            return Optional.of(config.channel(role.role()).address());
        }
        if (destination instanceof Destination.Room room) {
            return Optional.ofNullable(room.channelId());
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

    static Duration seconds(String header) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip())));
        } catch (RuntimeException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }
}
