package dev.phasebot.oncall;

import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Message;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.message.Times;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * On-call overrides: someone covers a role for a while, from now. Each change, its notices (a
 * line in the coordination channel, a DM to the one covering) and its audit row commit together.
 */
public final class Overrides {

    /** Longer than this is a change of rotation, which belongs in bot-config.yml. */
    static final Duration LONGEST = Duration.ofDays(14);

    private final BotConfig config;
    private final Database database;
    private final OnCall onCall;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final Covers covers = new Covers();

    public Overrides(BotConfig config, Database database, OnCall onCall, Outbox outbox, AuditLog audit, Clock clock) {
        this.config = config;
        this.database = database;
        this.onCall = onCall;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** Empty when {@code agent} may hand {@code role} over now: the lead, or whoever is paged for it now. */
    Optional<String> refusalToOverride(String agent, String role) {
        String lead = config.lead().id();
        String onDuty = onCall.personAt(role, clock.instant());
        if (agent.equals(lead) || agent.equals(onDuty)) {
            return Optional.empty();
        }
        return Optional.of("Only the lead (" + lead + ") or the one on call for " + role + " now (" + onDuty
                + ") may override it. Nothing was changed.");
    }

    /** Empty when {@code agent} may cancel override {@code id}: the lead, who asked for it, or who covers. */
    Optional<String> refusalToCancel(String agent, long id) {
        Optional<Cover> cover = database.read(tx -> covers.find(tx, id));
        String lead = config.lead().id();
        if (cover.isEmpty()
                || agent.equals(lead)
                || agent.equals(cover.get().createdBy())
                || agent.equals(cover.get().agent())) {
            return Optional.empty();
        }
        return Optional.of("Only the lead (" + lead + "), " + cover.get().createdBy() + " who asked for it or "
                + cover.get().agent() + " who covers may cancel override #" + id + ". Nothing was changed.");
    }

    /** {@code covering} takes {@code role}'s pages from now for {@code length}; returns the override. */
    public Cover start(String agent, String role, String covering, Duration length) {
        if (length.isZero() || length.isNegative()) {
            throw OnCallCommands.badDuration("An override must last some time, like 2h.");
        }
        if (length.compareTo(LONGEST) > 0) {
            throw OnCallCommands.badDuration(
                    "An override lasts at most 14 days (14d); for longer, change the rotation in bot-config.yml.");
        }
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            String instead = onCall.personAt(tx, role, now);
            if (instead.equals(covering)) {
                // Another override or the rotation gives them the role already: a second one would cover for
                // themselves.
                throw Refusal.of(
                        "agent",
                        covering + " already takes " + role + "'s pages now (",
                        Span.code("/oncall"),
                        " shows until when). Nothing was changed.");
            }
            Instant until = now.plus(length);
            long id = covers.add(tx, role, covering, now, until, agent);
            Cover cover = new Cover(id, role, covering, now, until, agent);
            String when = Times.dayAndClock(until, config.phase().zone(), now);
            outbox.post(
                    tx,
                    key(id, "started"),
                    Message.of(
                            coordination(),
                            Doc.of(
                                    "On call: ",
                                    Span.strong(covering),
                                    " covers " + role + " for " + instead + " until " + when + " (override #" + id
                                            + ", by " + agent + ").")));
            outbox.post(
                    tx,
                    key(id, "started:dm"),
                    Message.of(
                            Destination.dm(covering),
                            Doc.of(
                                    "You are on call for " + role + " until " + when + ", covering for " + instead
                                            + " (override #" + id + ", by " + agent + "): its pages come to you. ",
                                    Span.code("/oncall override cancel " + id),
                                    " ends it early.")));
            audit.record(tx, now, agent, "oncall.override", "#" + id + " " + role + " " + covering + " until " + until);
            return cover;
        });
    }

    /** Ends override {@code id} now; refused when there is no such override or it has already ended. */
    public Cover cancel(String agent, long id) {
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Cover cover = covers.find(tx, id)
                    .orElseThrow(() -> Refusal.of(
                            "id",
                            "There is no override #" + id + " (",
                            Span.code("/oncall overrides"),
                            " lists them). Nothing was changed."));
            if (!covers.cancel(tx, id, now, agent)) {
                throw Refusal.of("id", "Override #" + id + " has already ended. Nothing was changed.");
            }
            String back = onCall.personAt(tx, cover.role(), now);
            outbox.post(
                    tx,
                    key(id, "cancelled"),
                    Message.of(
                            coordination(),
                            Doc.of("On call: override #" + id + " (" + cover.agent() + " covering " + cover.role()
                                    + ") is cancelled by " + agent + "; " + back + " is on call for " + cover.role()
                                    + ".")));
            outbox.post(
                    tx,
                    key(id, "cancelled:dm"),
                    Message.of(
                            Destination.dm(cover.agent()),
                            back.equals(cover.agent())
                                    ? Doc.of(
                                            "Override #" + id + " is cancelled by " + agent + "; " + cover.role()
                                                    + "'s pages still come to you (",
                                            Span.code("/oncall"),
                                            " says until when).")
                                    : Doc.of("Override #" + id + " is cancelled by " + agent + ": " + cover.role()
                                            + "'s pages go to " + back + " again, not to you.")));
            audit.record(tx, now, agent, "oncall.override.cancel", "#" + id);
            return cover;
        });
    }

    /** Every override running now or still to come. */
    public List<Cover> current() {
        Instant now = clock.instant();
        return database.read(tx -> covers.current(tx, now));
    }

    private Destination coordination() {
        // The public coordination channel: the one incidents and the standup use.
        return Destination.channel(config.escalation().defaultChannel());
    }

    private static String key(long id, String what) {
        return "oncall:override:" + id + ":" + what;
    }
}
