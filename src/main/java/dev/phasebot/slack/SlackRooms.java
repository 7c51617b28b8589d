package dev.phasebot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import dev.phasebot.command.AgentDirectory;
import dev.phasebot.delivery.Transport.DeliveryResult;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.delivery.Transport.SentRef;
import dev.phasebot.message.Destination;
import dev.phasebot.message.RoomAct;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An incident's room in Slack, one call per {@link RoomAct}: conversations.create,
 * conversations.invite, conversations.setTopic, pins.add (the card the row edits),
 * conversations.archive. Each is safe to make again: a create whose answer was lost meets
 * {@code name_taken} the next time, and the room is then found by its name with
 * conversations.list; an invite, a pin or an archive already done is taken as done. Which rows
 * reach here, and the room's id, are {@code incident.IncidentRooms}' business.
 */
final class SlackRooms {

    /** Slack's answers that say the act was done before. */
    private static final Set<String> DONE_ALREADY =
            Set.of("already_in_channel", "cant_invite_self", "already_pinned", "already_archived");
    /** Pages of conversations.list read to find a room by its name; a workspace that has more is told apart by name_taken. */
    private static final int MAX_LIST_PAGES = 20;

    private final MethodsClient methods;
    private final AgentDirectory agents;
    private final Function<SlackApiTextResponse, DeliveryResult> failure;

    SlackRooms(MethodsClient methods, AgentDirectory agents, Function<SlackApiTextResponse, DeliveryResult> failure) {
        this.methods = methods;
        this.agents = agents;
        this.failure = failure;
    }

    /** The Web API method a room act calls, by which a 429 holds back its like. */
    static String method(RoomAct act) {
        return switch (act.kind()) {
            case CREATE -> "conversations.create";
            case INVITE -> "conversations.invite";
            case TOPIC -> "conversations.setTopic";
            case PIN -> "pins.add";
            case ARCHIVE -> "conversations.archive";
        };
    }

    /** Does {@code delivery}'s act; says Sent with the room's id as the channel (no ts). */
    DeliveryResult act(OutgoingDelivery delivery) throws IOException, SlackApiException {
        RoomAct act = delivery.message().room();
        Destination.Room room = (Destination.Room) delivery.message().destination();
        String channel = room.channelId();
        SlackApiTextResponse response;
        switch (act.kind()) {
            case CREATE -> {
                ConversationsCreateResponse created =
                        methods.conversationsCreate(req -> req.name(act.name()).isPrivate(act.isPrivate()));
                if (created.isOk() && created.getChannel() != null) {
                    return new DeliveryResult.Sent(
                            new SentRef(created.getChannel().getId(), null));
                }
                if ("name_taken".equals(created.getError())) {
                    return existing(act.name());
                }
                return failure.apply(created);
            }
            case INVITE -> {
                List<String> users = act.invite().stream()
                        .map(agents::slackUser)
                        .flatMap(Optional::stream)
                        .distinct()
                        .toList();
                if (users.isEmpty()) {
                    return new DeliveryResult.Sent(new SentRef(channel, null));
                }
                response =
                        methods.conversationsInvite(req -> req.channel(channel).users(users));
            }
            case TOPIC ->
                response = methods.conversationsSetTopic(
                        req -> req.channel(channel).topic(act.topic()));
            case PIN -> {
                SentRef card = delivery.original();
                response = methods.pinsAdd(req -> req.channel(card.channel()).timestamp(card.ts()));
            }
            case ARCHIVE -> response = methods.conversationsArchive(req -> req.channel(channel));
            default -> throw new IllegalStateException("no such room act " + act.kind());
        }
        if (response.isOk() || DONE_ALREADY.contains(response.getError())) {
            return new DeliveryResult.Sent(new SentRef(channel, null));
        }
        return failure.apply(response);
    }

    /**
     * The channel named {@code name} (no {@code #}) that is in Slack already, found among the
     * channels the bot can see, which include every one it created: a room whose create's answer
     * never came back, or a configured channel whose id the bot has not learnt. Sent with its id;
     * rejected when the bot sees none of that name.
     */
    DeliveryResult existing(String name) throws IOException, SlackApiException {
        String cursor = null;
        for (int page = 0; page < MAX_LIST_PAGES; page++) {
            String from = cursor;
            ConversationsListResponse list = methods.conversationsList(
                    req -> req.types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL))
                            .excludeArchived(true)
                            .limit(1000)
                            .cursor(from));
            if (!list.isOk()) {
                return failure.apply(list);
            }
            for (Conversation c : list.getChannels()) {
                if (name.equals(c.getName())) {
                    return new DeliveryResult.Sent(new SentRef(c.getId(), null));
                }
            }
            cursor = list.getResponseMetadata() == null
                    ? null
                    : list.getResponseMetadata().getNextCursor();
            if (cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        return new DeliveryResult.Rejected("name_taken: a channel of that name exists that the bot cannot see");
    }
}
