package dev.phasebot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.ApiCall;
import dev.phasebot.delivery.DeliveryResult;
import dev.phasebot.delivery.OutgoingDelivery;
import dev.phasebot.delivery.SentRef;
import dev.phasebot.delivery.Transport;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.team.AgentDirectory;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers outbox rows with the Web API: chat.postMessage, or chat.update for an edit. The
 * outbox owns retries and pacing, so this only says which method and channel a delivery uses
 * and classifies each outcome: network errors and 5xx are worth another try, a 429 holds its
 * method back for its Retry-After, and Slack's own "no" is final.
 */
public final class SlackTransport implements Transport {

    private static final Set<String> RETRYABLE_ERRORS = Set.of(
            "internal_error", "fatal_error", "service_unavailable", "request_timeout");
    private static final Set<String> RATE_LIMIT_ERRORS = Set.of("ratelimited", "rate_limited");
    /** When Slack says we are too fast without a usable Retry-After. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

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
        try {
            if (delivery.isUpdate()) {
                ChatUpdateResponse r = methods.chatUpdate(req -> req.channel(delivery.original().channel())
                        .ts(delivery.original().ts()).text(message.text()).blocks(SlackViews.blocks(message)));
                return outcome(r, new SentRef(r.getChannel(), r.getTs()));
            }
            Optional<String> channel = address(message.destination());
            if (channel.isEmpty()) {
                return new DeliveryResult.Rejected("agent " + ((Destination.DirectMessage) message.destination()).agent()
                        + " is not linked to a Slack user");
            }
            ChatPostMessageResponse r = methods.chatPostMessage(req -> req.channel(channel.get())
                    .text(message.text()).blocks(SlackViews.blocks(message))
                    .unfurlLinks(false).unfurlMedia(false));
            return outcome(r, new SentRef(r.getChannel(), r.getTs()));
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
            return new DeliveryResult.RetryLater(null, e.toString());
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
