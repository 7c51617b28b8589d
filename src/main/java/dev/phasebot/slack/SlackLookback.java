package dev.phasebot.slack;

import static dev.phasebot.slack.SlackTransport.METADATA_EVENT;
import static dev.phasebot.slack.SlackTransport.METADATA_PART;
import static dev.phasebot.slack.SlackTransport.METADATA_ROW;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.Transport.Lookback;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.delivery.Transport.SentPart;
import dev.phasebot.delivery.Transport.SentRef;
import dev.phasebot.delivery.Transport.UnrecordedAttempt;
import dev.phasebot.message.Destination;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * After a crash during a post, finds the post in Slack by the metadata it carries, so that it is
 * recorded rather than posted twice: the message in its channel's history, a reply carrying the
 * rest of a long message in that message's thread. Says it cannot tell when it cannot read them.
 */
final class SlackLookback {

    /** History is read from this long before the attempt began: our clock and Slack's may differ a little. */
    static final Duration LOOKBACK_MARGIN = Duration.ofMinutes(2);

    private static final int HISTORY_PAGE = 200;
    /** Past this many messages since the attempt the lookup gives up rather than page on. */
    private static final int HISTORY_PAGES = 10;

    private final MethodsClient methods;
    private final BotConfig config;
    /** Where a destination's messages are posted: a channel id or name, or a user for a DM. */
    private final Function<Destination, Optional<String>> address;

    SlackLookback(MethodsClient methods, BotConfig config, Function<Destination, Optional<String>> address) {
        this.methods = methods;
        this.config = config;
        this.address = address;
    }

    /** Looks for the post in flight: the message itself when none of it is recorded, else a reply in its thread. */
    Lookback find(UnrecordedAttempt attempt, PartPlan.Rendering rendering) {
        return attempt.delivery().part(0).isPresent() ? inThread(attempt, rendering) : inHistory(attempt, rendering);
    }

    /**
     * Reads the destination's history from a little before the attempt, with metadata, for a
     * message carrying this row's id. Paged, newest first, at most {@link #HISTORY_PAGES} pages.
     */
    private Lookback inHistory(UnrecordedAttempt attempt, PartPlan.Rendering rendering) {
        OutgoingDelivery delivery = attempt.delivery();
        try {
            Optional<String> channel = historyChannel(delivery.message().destination(), attempt.knownChannel());
            if (channel.isEmpty()) {
                return new Lookback.Unknown(
                        "no channel id for " + delivery.message().destination().key()
                                + " (a channel named in the config gets one from its first delivered message)");
            }
            String oldest =
                    Long.toString(attempt.startedAt().minus(LOOKBACK_MARGIN).getEpochSecond());
            String cursor = null;
            for (int page = 0; page < HISTORY_PAGES; page++) {
                String pageCursor = cursor;
                ConversationsHistoryResponse r = methods.conversationsHistory(req -> req.channel(channel.get())
                        .oldest(oldest)
                        .inclusive(true)
                        .includeAllMetadata(true)
                        .limit(HISTORY_PAGE)
                        .cursor(pageCursor));
                if (!r.isOk()) {
                    return new Lookback.Unknown("conversations.history: " + r.getError());
                }
                for (com.slack.api.model.Message m :
                        r.getMessages() == null ? List.<com.slack.api.model.Message>of() : r.getMessages()) {
                    if (carries(m, delivery.id(), 0)) {
                        SentRef found = new SentRef(channel.get(), m.getTs());
                        // What it said then is not known; the rest of a long one is still to go.
                        return rendering.parts().size() == 1
                                ? new Lookback.Found(found)
                                : new Lookback.Found(found, List.of(new SentPart(0, found, null)), false);
                    }
                }
                cursor = r.getResponseMetadata() == null
                        ? null
                        : r.getResponseMetadata().getNextCursor();
                if (!r.isHasMore() || cursor == null || cursor.isBlank()) {
                    return new Lookback.Absent();
                }
            }
            return new Lookback.Unknown("more than " + HISTORY_PAGES * HISTORY_PAGE + " messages since the attempt");
        } catch (SlackApiException e) {
            return new Lookback.Unknown(
                    "conversations.history: HTTP " + e.getResponse().code());
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
        if (destination instanceof Destination.Room room) {
            return Optional.ofNullable(room.channelId());
        }
        Optional<String> user = address.apply(destination);
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

    /**
     * Reads the thread the delivery's parts go to, from a little before the attempt, for replies
     * carrying this row's id and a part not recorded: the one in flight, whichever it was (the doc
     * may have changed since, so the next call need not be that post). Paged, oldest first, at
     * most {@link #HISTORY_PAGES} pages.
     */
    private Lookback inThread(UnrecordedAttempt attempt, PartPlan.Rendering rendering) {
        OutgoingDelivery delivery = attempt.delivery();
        SentRef first = delivery.part(0).orElseThrow().ref();
        String threadTs = delivery.thread() != null ? delivery.thread().ts() : first.ts();
        String oldest = Long.toString(attempt.startedAt().minus(LOOKBACK_MARGIN).getEpochSecond());
        Set<Integer> recorded =
                delivery.parts().stream().map(SentPart::index).collect(Collectors.toCollection(HashSet::new));
        List<SentPart> found = new ArrayList<>();
        try {
            String cursor = null;
            for (int page = 0; page < HISTORY_PAGES; page++) {
                String pageCursor = cursor;
                ConversationsRepliesResponse r = methods.conversationsReplies(req -> req.channel(first.channel())
                        .ts(threadTs)
                        .oldest(oldest)
                        .inclusive(true)
                        .includeAllMetadata(true)
                        .limit(HISTORY_PAGE)
                        .cursor(pageCursor));
                if (!r.isOk()) {
                    return new Lookback.Unknown("conversations.replies: " + r.getError());
                }
                for (com.slack.api.model.Message m :
                        r.getMessages() == null ? List.<com.slack.api.model.Message>of() : r.getMessages()) {
                    // the first of a part, should it be there twice: the thread reads oldest first
                    partOf(m, delivery.id())
                            .filter(index -> index > 0 && recorded.add(index))
                            .ifPresent(index ->
                                    // What it said then is not known: an edit, if any, sends it again in place.
                                    found.add(new SentPart(index, new SentRef(first.channel(), m.getTs()), null)));
                }
                cursor = r.getResponseMetadata() == null
                        ? null
                        : r.getResponseMetadata().getNextCursor();
                if (!r.isHasMore() || cursor == null || cursor.isBlank()) {
                    if (found.isEmpty()) {
                        return new Lookback.Absent();
                    }
                    boolean done = PartPlan.next(rendering, delivery.with(found).parts())
                            .isEmpty();
                    return new Lookback.Found(first, found, done);
                }
            }
            return new Lookback.Unknown("more than " + HISTORY_PAGES * HISTORY_PAGE + " replies since the attempt");
        } catch (SlackApiException e) {
            return new Lookback.Unknown(
                    "conversations.replies: HTTP " + e.getResponse().code());
        } catch (IOException e) {
            return new Lookback.Unknown("conversations.replies: " + e);
        }
    }

    private static boolean carries(com.slack.api.model.Message message, long rowId, int index) {
        return partOf(message, rowId).filter(part -> part == index).isPresent();
    }

    /** Which part of outbox row {@code rowId} {@code message} is, by its metadata: none names part 0. */
    private static Optional<Integer> partOf(com.slack.api.model.Message message, long rowId) {
        com.slack.api.model.Message.Metadata metadata = message.getMetadata();
        if (metadata == null
                || !METADATA_EVENT.equals(metadata.getEventType())
                || metadata.getEventPayload() == null
                || !Long.valueOf(rowId).equals(whole(metadata.getEventPayload().get(METADATA_ROW)))) {
            return Optional.empty();
        }
        Object part = metadata.getEventPayload().get(METADATA_PART);
        Long index = part == null ? Long.valueOf(0) : whole(part);
        return index == null || index < 0 || index > Integer.MAX_VALUE
                ? Optional.empty()
                : Optional.of(index.intValue());
    }

    /** A whole number as metadata carries it: JSON numbers come back as Double, and a string is taken too. */
    private static Long whole(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue() == number.longValue() ? number.longValue() : null;
        }
        try {
            return value == null ? null : Long.valueOf(value.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
