package dev.phasebot.standup;

import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.message.Outbox;
import dev.phasebot.store.Tx;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Writes the closing summary (and, when the security team's update is withheld, the security
 * channel's post) to the outbox, and rewrites both in place when an update comes after the
 * close. Once a day each, by its dedupe key.
 */
final class SummaryPoster {

    private final StandupRepository repository;
    private final Outbox outbox;
    private final SecurityUpdates security;
    private final SummaryBuilder builder;
    private final StandupDocs docs;
    private final OpenIncidents openIncidents;
    private final Destination channel;
    private final boolean threads;

    SummaryPoster(StandupRepository repository, Outbox outbox, SecurityUpdates security, SummaryBuilder builder,
                  StandupDocs docs, OpenIncidents openIncidents, Destination channel, boolean threads) {
        this.repository = repository;
        this.outbox = outbox;
        this.security = security;
        this.builder = builder;
        this.docs = docs;
        this.openIncidents = openIncidents;
        this.channel = channel;
        this.threads = threads;
    }

    /**
     * With {@code standup.thread}, a late update is noted in the thread of the day's opening
     * post, so those following the standup see it without a new post in the channel.
     */
    void noteLate(Tx tx, LocalDate day, String agent, java.time.Instant at) {
        if (threads) {
            outbox.reply(tx, StandupKeys.of(day, "late:" + agent + ":" + at.toEpochMilli()), StandupKeys.open(day),
                    Message.of(channel, docs.lateNotice(agent, at)));
        }
    }

    /** At the close: the summary, and the security post when some update is withheld. */
    void post(Tx tx, StandupDay standup, Duration closedLate) {
        outbox.post(tx, StandupKeys.summary(standup.day()), summaryMessage(tx, standup, closedLate));
        SecurityPost post = securityPost(tx, standup.day());
        if (!post.entries().isEmpty()) {
            outbox.post(tx, StandupKeys.securityUpdate(standup.day()), Message.of(security.channel(), docs.securityPost(post)));
        }
    }

    /**
     * Re-renders the posted summary in place once the day has closed; true when it had. When
     * {@code agent}'s update is withheld its security-channel post follows: posted now if the
     * close had none to post (the update came late), edited in place otherwise.
     */
    boolean amendIfClosed(Tx tx, LocalDate day, String agent) {
        Optional<StandupDay> standup = repository.find(tx, day);
        if (standup.isEmpty() || !standup.get().isClosed()) {
            return false;
        }
        outbox.update(tx, StandupKeys.summary(day), summaryMessage(tx, standup.get(), null));
        if (security.isWithheld(agent)) {
            Message message = Message.of(security.channel(), docs.securityPost(securityPost(tx, day)));
            if (!outbox.post(tx, StandupKeys.securityUpdate(day), message)) {
                outbox.update(tx, StandupKeys.securityUpdate(day), message);
            }
        }
        return true;
    }

    private Message summaryMessage(Tx tx, StandupDay standup, Duration closedLate) {
        StandupSummary summary = builder.summary(standup, repository.updates(tx, standup.day()),
                repository.outOfOffice(tx, standup.day()), closedLate, openIncidents.openCritical());
        return Message.of(channel, docs.summary(summary));
    }

    private SecurityPost securityPost(Tx tx, LocalDate day) {
        return builder.securityPost(day, repository.updates(tx, day));
    }
}
