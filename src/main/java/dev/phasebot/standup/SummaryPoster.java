package dev.phasebot.standup;

import dev.phasebot.message.DeferredDoc;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.message.Outbox;
import dev.phasebot.store.Tx;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Queues the closing summary (and, when the security team's update is withheld, the security
 * channel's post) and their edits when an update comes after the close. Once a day each, by its
 * dedupe key.
 *
 * <p>Neither is rendered here: the write that closes the standup, or records a late update, only
 * names the day's summary ({@link SummarySource} builds it when the delivery worker sends it,
 * outside any write). Building a 500-agent summary inside the write would hold up every other
 * write behind it, once per late update; named, a burst of late updates is one pending edit,
 * rendered once from the latest state.
 */
final class SummaryPoster {

    /** The doc sources the outbox knows the summary and the security post by. */
    static final String SUMMARY = "standup-summary";

    static final String SECURITY_POST = "standup-security-post";

    private final StandupRepository repository;
    private final Outbox outbox;
    private final SecurityUpdates security;
    private final StandupDocs docs;
    private final Destination channel;
    private final boolean threads;

    SummaryPoster(
            StandupRepository repository,
            Outbox outbox,
            SecurityUpdates security,
            StandupDocs docs,
            Destination channel,
            boolean threads) {
        this.repository = repository;
        this.outbox = outbox;
        this.security = security;
        this.docs = docs;
        this.channel = channel;
        this.threads = threads;
    }

    /**
     * With {@code standup.thread}, a late update is noted in the thread of the day's opening
     * post, so those following the standup see it without a new post in the channel.
     */
    void noteLate(Tx tx, LocalDate day, String agent, Instant at) {
        if (threads) {
            outbox.reply(
                    tx,
                    StandupKeys.of(day, "late:" + agent + ":" + at.toEpochMilli()),
                    StandupKeys.open(day),
                    Message.of(channel, docs.lateNotice(agent, at)));
        }
    }

    /** At the close: the summary, and the security post when some withheld update was given. */
    void post(Tx tx, LocalDate day) {
        outbox.post(tx, StandupKeys.summary(day), channel, summary(day));
        if (repository.anyUpdateBy(tx, day, security.withheldAgents())) {
            outbox.post(tx, StandupKeys.securityUpdate(day), security.channel(), securityPost(day));
        }
    }

    /**
     * Has the summary edited in place once the day has closed; true when it had. When
     * {@code agent}'s update is withheld its security-channel post follows: posted now if the
     * close had none to post (the update came late), edited in place otherwise.
     */
    boolean amendIfClosed(Tx tx, LocalDate day, String agent) {
        return amendIfClosed(tx, day, repository.find(tx, day), agent);
    }

    /** As above, with the day's standup already read in this transaction. */
    boolean amendIfClosed(Tx tx, LocalDate day, Optional<StandupDay> standup, String agent) {
        if (standup.isEmpty() || !standup.get().isClosed()) {
            return false;
        }
        outbox.refresh(tx, StandupKeys.summary(day), channel, summary(day));
        if (security.isWithheld(agent)
                && !outbox.post(tx, StandupKeys.securityUpdate(day), security.channel(), securityPost(day))) {
            outbox.refresh(tx, StandupKeys.securityUpdate(day), security.channel(), securityPost(day));
        }
        return true;
    }

    private static DeferredDoc summary(LocalDate day) {
        return new DeferredDoc(SUMMARY, day.toString());
    }

    private static DeferredDoc securityPost(LocalDate day) {
        return new DeferredDoc(SECURITY_POST, day.toString());
    }
}
