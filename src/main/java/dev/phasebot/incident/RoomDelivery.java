package dev.phasebot.incident;

import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.delivery.Transport;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Message;
import dev.phasebot.message.RoomAct;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import dev.phasebot.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where delivery meets an incident's room ({@link IncidentRooms#around}): the transport that
 * speaks to Slack (or the console), wrapped so that a row for a room gets the room's Slack id
 * from the store before the transport sees it, what Slack answers is recorded (the room made,
 * archived, or refused), and a row that must not go (the room archived, or never made) is dropped
 * with a log line and marked sent so the room's queue moves on. Rows for anything else pass.
 */
final class RoomDelivery implements Transport {

    // Logged as the rooms' own lines, as they were before this class held them.
    private static final Logger log = LoggerFactory.getLogger(IncidentRooms.class);

    private final Transport inner;
    private final IncidentRooms rooms;
    private final BotConfig config;
    private final Database database;
    private final Outbox outbox;
    private final IncidentRepository repository;
    private final IncidentDocs docs;
    private final Audience audience;
    private final Clock clock;
    /** Whether the bot's lack of scopes was logged at WARN already: once per process. */
    private final AtomicBoolean warned;

    RoomDelivery(
            Transport inner,
            IncidentRooms rooms,
            BotConfig config,
            Database database,
            Outbox outbox,
            IncidentRepository repository,
            IncidentDocs docs,
            Audience audience,
            Clock clock,
            AtomicBoolean warned) {
        this.inner = inner;
        this.rooms = rooms;
        this.config = config;
        this.database = database;
        this.outbox = outbox;
        this.repository = repository;
        this.docs = docs;
        this.audience = audience;
        this.clock = clock;
        this.warned = warned;
    }

    /** What to do with a row for a room, decided from the store at delivery. */
    private sealed interface Plan {
        /** Send it, to the room at its Slack id (null for the create). */
        record Send(Transport.OutgoingDelivery delivery) implements Plan {}

        /** Not sent, on purpose: logged, and marked sent so the room's queue moves on. */
        record Drop(String why) implements Plan {}
    }

    @Override
    public Optional<ApiCall> call(OutgoingDelivery delivery) {
        if (!(delivery.message().destination() instanceof Destination.Room)) {
            return inner.call(delivery);
        }
        return plan(delivery) instanceof Plan.Send send ? inner.call(send.delivery()) : Optional.empty();
    }

    @Override
    public Lookback lookBack(UnrecordedAttempt attempt) {
        if (!(attempt.delivery().message().destination() instanceof Destination.Room)) {
            return inner.lookBack(attempt);
        }
        if (plan(attempt.delivery()) instanceof Plan.Send send) {
            return inner.lookBack(new UnrecordedAttempt(send.delivery(), attempt.startedAt(), attempt.knownChannel()));
        }
        return new Lookback.Unknown("the room is not open");
    }

    @Override
    public DeliveryResult deliver(OutgoingDelivery delivery) {
        if (!(delivery.message().destination() instanceof Destination.Room room)) {
            return inner.deliver(delivery);
        }
        Plan plan = plan(delivery);
        if (plan instanceof Plan.Drop drop) {
            log.info("outbox row {} to {} is not sent: {}", delivery.id(), room.key(), drop.why());
            return dropped(room);
        }
        RoomAct act = delivery.message().room();
        DeliveryResult result = inner.deliver(((Plan.Send) plan).delivery());
        if (act != null && act.kind() == RoomAct.Kind.CREATE) {
            if (result instanceof DeliveryResult.Sent sent) {
                created(room.incident(), sent.ref().channel());
            } else if (result instanceof DeliveryResult.Rejected refused) {
                unavailable(room.incident(), refused.reason());
                return dropped(room);
            }
        } else if (act != null && act.kind() == RoomAct.Kind.ARCHIVE && result instanceof DeliveryResult.Sent) {
            archived(room.incident());
        }
        return result;
    }

    private Plan plan(OutgoingDelivery delivery) {
        Destination.Room room = (Destination.Room) delivery.message().destination();
        RoomAct act = delivery.message().room();
        Optional<IncidentRooms.Room> stored = rooms.room(room.incident());
        if (stored.isEmpty()) {
            return new Plan.Drop("incident #" + room.incident() + " has no room in the store");
        }
        IncidentRooms.Room r = stored.get();
        boolean create = act != null && act.kind() == RoomAct.Kind.CREATE;
        if ("unavailable".equals(r.state())) {
            return new Plan.Drop("the bot may not create incident #" + room.incident()
                    + "'s room; the incident keeps to its channel");
        }
        if ("archived".equals(r.state())) {
            return new Plan.Drop("incident #" + room.incident() + "'s room " + r.channelId()
                    + " is archived; what it would say is in the incident's channel");
        }
        if (create) {
            // Created already (by an attempt whose row was not marked sent): nothing to call.
            return r.channelId() == null ? new Plan.Send(delivery) : new Plan.Drop("created already");
        }
        if (r.channelId() == null) {
            return new Plan.Drop("incident #" + room.incident() + "'s room was never created");
        }
        return new Plan.Send(new OutgoingDelivery(
                delivery.id(),
                delivery.isUpdate(),
                delivery.message().to(room.at(r.channelId())),
                delivery.original(),
                delivery.thread(),
                delivery.sentParts()));
    }

    /** Marked sent where it was not: the room's queue goes on, an edit of it finds nothing to edit. */
    private DeliveryResult dropped(Destination.Room room) {
        return new DeliveryResult.Sent(new SentRef(null, null));
    }

    /** Slack created the room (or has it by its name already): its id, kept with the pointer to it. */
    private void created(long incident, String channelId) {
        Instant now = clock.instant();
        database.run(tx -> {
            int updated = tx.update(
                    "UPDATE incident_room SET channel_id = ?, state = 'open' WHERE incident_id = ? AND channel_id IS NULL",
                    channelId,
                    incident);
            if (updated == 0) {
                return;
            }
            repository.event(tx, incident, now, "phasebot", "room", "opened " + channelId);
            repository.find(tx, incident).ifPresent(i -> {
                Destination channel = Destination.channel(
                        i.security()
                                ? config.escalation().securityChannel()
                                : config.escalation().defaultChannel());
                outbox.post(tx, IncidentRooms.key(incident, "pointer"), Message.of(channel, pointer(i, channelId)));
                // The card there links the room from now on, as every card sent after this does.
                if (audience.maySee(i, channel)) {
                    outbox.update(
                            tx,
                            IncidentNotices.cardKey(incident),
                            Message.of(channel, docs.card(i, repository.milestones(tx, incident), now)));
                }
            });
        });
    }

    /** One line naming the room by its mention only: a security room's name carries title words. */
    static Doc pointer(Incident incident, String channelId) {
        return Doc.of(
                Symbol.ALERT,
                " Incident #" + incident.id() + " has its own room: ",
                Span.slackChannel(channelId),
                ". Its responders are invited there.");
    }

    /** The bot may not create the room: the incident keeps to its channel, and the team is told once. */
    private void unavailable(long incident, String why) {
        Instant now = clock.instant();
        boolean notAllowed = IncidentRooms.NOT_ALLOWED.contains(why);
        if (warned.compareAndSet(false, true) || !notAllowed) {
            // Not by its name: a security room's name carries title words.
            log.warn(
                    "incident #{} gets no room of its own: Slack refused to create it ({}); it stays in its channel{}",
                    incident,
                    why,
                    notAllowed ? ". Add the scopes channels:manage, groups:write and pins:write to the app" : "");
        }
        database.run(tx -> {
            tx.update(
                    "UPDATE incident_room SET state = 'unavailable', note = ? WHERE incident_id = ? AND channel_id IS NULL",
                    why,
                    incident);
            repository.event(tx, incident, now, "phasebot", "room", "not created: " + why);
            if (notAllowed) {
                outbox.post(
                        tx,
                        IncidentRooms.NOT_ALLOWED_KEY,
                        Message.of(
                                Destination.channel(config.escalation().defaultChannel()),
                                Doc.of(
                                        Symbol.ALERT,
                                        " Incidents get no room of their own: Slack does not let the bot create "
                                                + "channels (" + why + "). Each incident stays in its channel, as "
                                                + "before; the app needs the scopes channels:manage, groups:write "
                                                + "and pins:write.")));
            }
        });
    }

    private void archived(long incident) {
        Instant now = clock.instant();
        database.run(tx -> {
            tx.update(
                    "UPDATE incident_room SET state = 'archived', archived_at = ? WHERE incident_id = ?",
                    now.toEpochMilli(),
                    incident);
            repository.event(tx, incident, now, "phasebot", "room", "archived");
        });
    }
}
