package dev.phasebot.slack;

import dev.phasebot.delivery.Transport.SentPart;
import dev.phasebot.delivery.Transport.SentRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The next Web API call that brings Slack's copy of a message to its rendering, part by part:
 * a part Slack lacks is posted (the first as the message, the others in its thread), a part
 * whose digest differs is edited in place, an unchanged one is left alone, and a part the doc no
 * longer has is edited to {@link #NOTHING_MORE}. Emptied rather than deleted: a delete leaves
 * "This message was deleted" in the thread all the same, and an emptied part keeps its place for
 * the doc to grow into again, where a new reply would come after the thread's later messages.
 */
final class PartPlan {

    /** What a part the doc no longer has says. */
    static final SlackBlocks.Part NOTHING_MORE = SlackBlocks.render(
                    dev.phasebot.message.Doc.of(dev.phasebot.message.Span.aside("(nothing more)")))
            .get(0);

    private static final String NOTHING_MORE_DIGEST = SlackBlocks.digest(NOTHING_MORE);

    enum Kind {
        POST,
        REPLY,
        EDIT
    }

    /** {@code target}: the message an edit changes (null for a post). */
    record Step(Kind kind, int index, SlackBlocks.Part part, String digest, SentRef target) {}

    /** A rendering: its parts and their digests, in order. */
    record Rendering(List<SlackBlocks.Part> parts, List<String> digests) {

        static Rendering of(List<SlackBlocks.Part> parts) {
            return new Rendering(
                    List.copyOf(parts), parts.stream().map(SlackBlocks::digest).toList());
        }
    }

    private PartPlan() {}

    /** The first call still to make, in part order; empty when Slack has it all. */
    static Optional<Step> next(Rendering rendering, List<SentPart> sent) {
        Map<Integer, SentPart> byIndex = sent.stream().collect(Collectors.toMap(SentPart::index, Function.identity()));
        for (int i = 0; i < rendering.parts().size(); i++) {
            SentPart there = byIndex.get(i);
            String digest = rendering.digests().get(i);
            if (there == null) {
                return Optional.of(new Step(
                        i == 0 ? Kind.POST : Kind.REPLY, i, rendering.parts().get(i), digest, null));
            }
            if (!sameDigest(digest, there.digest())) {
                return Optional.of(new Step(Kind.EDIT, i, rendering.parts().get(i), digest, there.ref()));
            }
        }
        return sent.stream()
                .sorted(java.util.Comparator.comparingInt(SentPart::index))
                .filter(p -> p.index() >= rendering.parts().size())
                .filter(p -> !sameDigest(NOTHING_MORE_DIGEST, p.digest()))
                .findFirst()
                .map(p -> new Step(Kind.EDIT, p.index(), NOTHING_MORE, NOTHING_MORE_DIGEST, p.ref()));
    }

    /**
     * Whether Slack's copy has the digest {@code ours} (never null); {@code theirs} is null when
     * unknown. In constant time, as any digest compare here is: these only fingerprint what was
     * sent, but a compare that stops at the first difference is a habit not worth keeping.
     */
    private static boolean sameDigest(String ours, String theirs) {
        return theirs != null
                && MessageDigest.isEqual(
                        ours.getBytes(StandardCharsets.UTF_8), theirs.getBytes(StandardCharsets.UTF_8));
    }
}
