package dev.phasebot.incident;

import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Message;
import dev.phasebot.message.Page;
import dev.phasebot.oncall.OnCall;
import dev.phasebot.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Who gets what. Every incident message goes out through here, so the redaction rule has one
 * place: where a security incident's details may not go, only that it exists (or that this is
 * a page, why, and where to look) is said.
 */
final class IncidentNotices {

    private final BotConfig config;
    private final Outbox outbox;
    private final IncidentRepository repository;
    private final IncidentDocs docs;
    private final Audience audience;
    private final List<Destination.Pager> pagers;
    private final OnCall onCall;
    /** The card is edited in the incident's room too. */
    private final IncidentRooms rooms;

    IncidentNotices(
            BotConfig config,
            Outbox outbox,
            IncidentRepository repository,
            IncidentDocs docs,
            Audience audience,
            List<Destination.Pager> pagers,
            OnCall onCall,
            IncidentRooms rooms) {
        this.config = config;
        this.rooms = rooms;
        this.pagers = List.copyOf(pagers);
        this.onCall = onCall;
        this.outbox = outbox;
        this.repository = repository;
        this.docs = docs;
        this.audience = audience;
    }

    /** Posts {@code doc} to {@code to}, or the redacted line where the details may not go. */
    void say(Tx tx, Incident incident, String key, Destination to, Doc doc) {
        if (audience.maySee(incident, to)) {
            outbox.post(tx, key, Message.of(to, doc));
        } else {
            outbox.post(tx, key, Message.of(to, docs.redacted(incident)));
        }
    }

    /** The card to the incident's channel (and the redacted line to the public one for a security incident). */
    void postCard(Tx tx, Incident incident, List<Milestone> milestones, Instant now) {
        say(tx, incident, cardKey(incident.id()), channel(incident), docs.card(incident, milestones, now));
        if (incident.security()) {
            say(tx, incident, key(incident.id(), "public"), publicChannel(), docs.redacted(incident));
        }
    }

    /**
     * The card by DM to the lead and the area owner on call now (a rotation's or an override's
     * person) and the assignee, but not to {@code agent} who acted; returns who was paged. {@code what} keys the DMs ("raised", "critical:...").
     */
    List<String> pageResponders(
            Tx tx,
            Incident incident,
            List<Milestone> milestones,
            Instant now,
            String agent,
            String what,
            String suffix) {
        List<String> paged = new ArrayList<>();
        List<String> responders = List.of(
                onCall.personAt(tx, "lead", now), onCall.ownerAt(tx, incident.owner(), now), incident.assignee());
        for (String who : new LinkedHashSet<>(responders)) {
            if (!who.equals(agent)) {
                say(
                        tx,
                        incident,
                        key(incident.id(), what + ":" + who + suffix),
                        Destination.dm(who),
                        docs.card(incident, milestones, now, "You are needed on this incident."));
                paged.add(who);
            }
        }
        return paged;
    }

    /**
     * Pages a person or a channel. Where the details may not go, the page still says that it
     * is one, why ({@code why}: "technical assessment missed by 5 min"), and where to look.
     */
    void page(Tx tx, Incident incident, String key, String target, Doc doc, String why) {
        Destination to = config.channels().containsKey(target) ? Destination.channel(target) : Destination.dm(target);
        if (to.isChannel() && target.equals(role(incident))) {
            return;
        }
        if (audience.maySee(incident, to)) {
            outbox.post(
                    tx,
                    key,
                    Message.of(
                            to,
                            to.isChannel()
                                    ? doc
                                    : Doc.builder()
                                            .addAll(doc)
                                            .actions(docs.buttons(incident))
                                            .build()));
        } else {
            outbox.post(tx, key, Message.of(to, docs.redactedPage(incident, why, to.isChannel())));
        }
    }

    /**
     * Tells each pager outside Slack, one row per pager keyed by the event and {@code occasion}
     * (a page's: "raised", a notice's key; empty for an acknowledgement or a resolve), so each event
     * reaches each pager once, in order behind that pager's earlier ones. Acknowledgements and
     * resolves go only for an incident that was paged: no pager heard of the others.
     */
    void toPagers(Tx tx, Incident incident, String occasion, Page page) {
        if (pagers.isEmpty()
                || (page.event() != Page.Event.PAGE && !outbox.enqueued(tx, key(incident.id(), "pager:page:")))) {
            return;
        }
        for (Destination.Pager pager : pagers) {
            String what = "pager:" + page.event().word() + (occasion.isEmpty() ? "" : ":" + occasion);
            outbox.post(tx, key(incident.id(), what + ":" + pager.name()), Message.page(pager, page));
        }
    }

    /** Where a page tells its reader to look: the incident's channel and the command that shows it. */
    String where(Incident incident) {
        return "Slack " + channelName(incident) + ", /incident " + incident.id();
    }

    /** Edits the card in place to show the incident as it is now. */
    void refreshCard(Tx tx, long id, Instant now) {
        Incident incident = repository.find(tx, id).orElseThrow();
        if (audience.maySee(incident, channel(incident))) {
            outbox.update(
                    tx,
                    cardKey(id),
                    Message.of(channel(incident), docs.card(incident, repository.milestones(tx, id), now)));
        }
        rooms.refreshCard(tx, incident, repository.milestones(tx, id), now);
    }

    /** Edits the public channel's redacted line of a security incident. */
    void refreshPublicLine(Tx tx, Incident incident) {
        outbox.update(tx, key(incident.id(), "public"), Message.of(publicChannel(), docs.redacted(incident)));
    }

    String role(Incident incident) {
        return incident.security()
                ? config.escalation().securityChannel()
                : config.escalation().defaultChannel();
    }

    /** The name of the channel the incident's card is in: "#alphapy-phase2". */
    String channelName(Incident incident) {
        return config.channel(role(incident)).name();
    }

    Destination channel(Incident incident) {
        return Destination.channel(role(incident));
    }

    Destination publicChannel() {
        return Destination.channel(config.escalation().defaultChannel());
    }

    static String cardKey(long id) {
        return key(id, "card");
    }

    static String key(long id, String what) {
        return "incident:" + id + ":" + what;
    }
}
