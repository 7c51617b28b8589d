package dev.phasebot.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.webhook.WebhookResponse;
import dev.phasebot.message.Doc;
import dev.phasebot.message.LastRendering;
import dev.phasebot.message.Span;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers only the caller sees, however long. A slash command's ack carries one message; an
 * answer longer than one message (a week of standup history for a large team) goes on through
 * the command's response_url, part after part, after the ack, so nothing of it is silently cut.
 * Slack takes at most {@link #MAX_FOLLOW_UPS} messages on one response_url: an answer longer
 * than that says how many parts it leaves out.
 */
final class EphemeralAnswers {

    private static final Logger log = LoggerFactory.getLogger(EphemeralAnswers.class);
    /** What Slack accepts on one response_url (five uses in thirty minutes). */
    static final int MAX_FOLLOW_UPS = 5;

    private final Executor executor;
    /** A status asked for again before anything commits is the same doc: its ack is written once. */
    private final LastRendering<Doc, Rendered> rendered = new LastRendering<>(EphemeralAnswers::render);

    EphemeralAnswers(Executor executor) {
        this.executor = executor;
    }

    /** The ack of a slash command: the answer's first message; the rest follow through the response_url. */
    Response ack(SlashCommandContext ctx, Doc doc) {
        Rendered answer = rendered.of(doc);
        if (!answer.rest().isEmpty()) {
            sendLater(
                    answer.rest(),
                    part -> ctx.respond(
                            r -> r.responseType("ephemeral").text(part.text()).blocks(part.blocks())));
        }
        return BlockKitJson.ack(answer.ackJson());
    }

    /** Answers a button press after its (empty) ack, so a slow response_url never delays the ack. */
    void respondLater(ActionContext ctx, Doc doc) {
        sendLater(
                withinFollowUps(SlackBlocks.renderPacked(doc)),
                part -> ctx.respond(r -> r.responseType("ephemeral")
                        .replaceOriginal(false)
                        .text(part.text())
                        .blocks(part.blocks())));
    }

    /** Answers a message shortcut after its (empty) ack, through its response_url. */
    void respondLater(com.slack.api.bolt.context.builtin.MessageShortcutContext ctx, Doc doc) {
        sendLater(
                withinFollowUps(SlackBlocks.renderPacked(doc)),
                part -> ctx.respond(r -> r.responseType("ephemeral")
                        .replaceOriginal(false)
                        .text(part.text())
                        .blocks(part.blocks())));
    }

    private void sendLater(List<SlackBlocks.Part> parts, Responder responder) {
        executor.execute(() -> {
            for (int i = 0; i < parts.size(); i++) {
                try {
                    WebhookResponse sent = responder.send(parts.get(i));
                    if (sent.getCode() == null || sent.getCode() != 200) {
                        log.warn(
                                "part {} of {} of an answer was refused by the response_url: {} {}",
                                i + 1,
                                parts.size(),
                                sent.getCode(),
                                sent.getMessage());
                        return;
                    }
                } catch (IOException | RuntimeException e) {
                    // the parts after a lost one would read as if it were there
                    log.warn("part {} of {} of an answer could not be sent: {}", i + 1, parts.size(), e.toString());
                    return;
                }
            }
        });
    }

    private static Rendered render(Doc doc) {
        List<SlackBlocks.Part> parts = SlackBlocks.renderPacked(doc);
        List<SlackBlocks.Part> rest = parts.size() == 1 ? List.of() : withinFollowUps(parts.subList(1, parts.size()));
        return new Rendered(BlockKitJson.ephemeralJson(parts.get(0)), rest);
    }

    /** The parts as they are, or as many as fit before a last message naming how many were left out. */
    static List<SlackBlocks.Part> withinFollowUps(List<SlackBlocks.Part> parts) {
        if (parts.size() <= MAX_FOLLOW_UPS) {
            return List.copyOf(parts);
        }
        List<SlackBlocks.Part> kept = new ArrayList<>(parts.subList(0, MAX_FOLLOW_UPS - 1));
        int left = parts.size() - kept.size();
        kept.add(SlackBlocks.render(Doc.builder()
                        .context(Span.aside("… and " + left
                                + " more parts of this answer, which Slack will not take in answer to one request. "
                                + "Ask for less at a time to see them."))
                        .build())
                .get(0));
        return kept;
    }

    private interface Responder {
        WebhookResponse send(SlackBlocks.Part part) throws IOException;
    }

    /** The ack's body and the parts that follow it. */
    private record Rendered(String ackJson, List<SlackBlocks.Part> rest) {}
}
