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
import dev.phasebot.oncall.OnCall;
import dev.phasebot.schedule.Timer;
import dev.phasebot.schedule.TimerService;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CRITICAL incident's own Slack channel, its room ({@code escalation.incident_channel}). At
 * raise, in the raise's transaction, the room's queue in the outbox ({@link Destination.Room})
 * gets, in order: create the channel {@code inc-<n>-<title words>} (private for a security
 * incident), invite the responders, set the topic, post the card, pin it. Each is one row and one
 * call, retried on its own; the room's Slack id is kept in {@code incident_room} as soon as Slack
 * answers the create, so a retry, a restart or another replica finds it there and never creates a
 * second room (a create whose answer was lost meets {@code name_taken}, and the transport finds
 * the channel by its name). With the id comes a one-line pointer in the incident's channel that
 * names the room by its mention only, never by its name, whose slug carries title words.
 *
 * <p>{@code archive_after} after the incident is resolved or cancelled a timer queues the archive.
 * Nothing is posted in a room once Slack has archived it: a row still due for it (an edit of the
 * card, a post) is dropped with a log line, since everything said there is said in the incident's
 * channel too. Where the bot may not create channels ({@code missing_scope},
 * {@code restricted_action}), it says so once in the log and in the coordination channel, and the
 * incident keeps to its channel, as without rooms: the room's rows are dropped, nothing else is.
 *
 * <p>{@link #around} is where delivery meets the store: it fills in the room's Slack id before a
 * transport sees a row, records what Slack answered, and drops what must not go.
 */
public final class IncidentRooms {

    private static final Logger log = LoggerFactory.getLogger(IncidentRooms.class);

    static final String ARCHIVE_TIMER = "incident-room-archive";
    /** Slack's longest channel name. */
    static final int MAX_NAME = 80;
    /** Slack's longest topic. */
    static final int MAX_TOPIC = 250;
    /** Slack's answers to a create that mean this bot may not create channels here at all. */
    static final Set<String> NOT_ALLOWED =
            Set.of("missing_scope", "restricted_action", "not_allowed_token_type", "no_permission");
    /** Once per store: the coordination channel hears it the first time, not at every incident. */
    static final String NOT_ALLOWED_KEY = "incident-rooms:not-allowed";

    private final BotConfig config;
    private final Database database;
    private final Outbox outbox;
    private final IncidentRepository repository;
    private final IncidentDocs docs;
    private final Audience audience;
    private final OnCall onCall;
    private final TimerService timers;
    private final Clock clock;
    private final AtomicBoolean warned = new AtomicBoolean();

    IncidentRooms(
            BotConfig config,
            Database database,
            Outbox outbox,
            TimerService timers,
            IncidentRepository repository,
            IncidentDocs docs,
            Audience audience,
            OnCall onCall,
            Clock clock) {
        this.config = config;
        this.database = database;
        this.outbox = outbox;
        this.repository = repository;
        this.docs = docs;
        this.audience = audience;
        this.onCall = onCall;
        this.clock = clock;
        this.timers = timers;
        timers.on(ARCHIVE_TIMER, this::archiveDue);
    }

    /** A room as the store has it. */
    public record Room(long incident, String name, boolean isPrivate, String channelId, String state) {}

    /**
     * Queues the room of a CRITICAL incident just raised, in the raise's transaction: create,
     * invite, topic, card, pin. Nothing when rooms are off or the incident is below CRITICAL.
     */
    void open(Tx tx, Incident incident, List<Milestone> milestones, Instant now) {
        if (!config.escalation().roomsOn() || !incident.isCritical()) {
            return;
        }
        String name = name(incident.id(), incident.title());
        boolean isPrivate = incident.security();
        String topic = topic(incident, milestones, now);
        int added = tx.update(
                "INSERT INTO incident_room(incident_id, name, private, state, created_at, topic) "
                        + "VALUES (?, ?, ?, 'creating', ?, ?) ON CONFLICT(incident_id) DO NOTHING",
                incident.id(),
                name,
                isPrivate ? 1 : 0,
                now.toEpochMilli(),
                topic);
        if (added == 0) {
            return;
        }
        Destination.Room room = Destination.room(incident.id());
        List<String> invited = responders(tx, incident, now);
        outbox.post(
                tx,
                key(incident.id(), "create"),
                Message.roomAct(
                        room, Doc.of("created" + (isPrivate ? " (private)" : "")), RoomAct.create(name, isPrivate)));
        outbox.post(
                tx,
                key(incident.id(), "invite"),
                Message.roomAct(
                        room,
                        Doc.of(invited.isEmpty() ? "invited nobody" : "invited " + String.join(", ", invited)),
                        RoomAct.invite(name, invited)));
        outbox.post(
                tx,
                key(incident.id(), "topic"),
                Message.roomAct(room, Doc.of("topic: " + topic), RoomAct.topic(name, topic)));
        outbox.post(tx, cardKey(incident.id()), Message.of(room, docs.card(incident, milestones, now)));
        outbox.update(tx, cardKey(incident.id()), Message.roomAct(room, Doc.of("pinned the card"), RoomAct.pin(name)));
    }

    /**
     * Edits the room's card with the others, once the room has one (it is dropped once the room is
     * archived), and sets its topic again when what it says changed: a deadline met or missed, the
     * severity, the incident closed.
     */
    void refreshCard(Tx tx, Incident incident, List<Milestone> milestones, Instant now) {
        if (find(tx, incident.id()).isEmpty()) {
            return;
        }
        Destination.Room room = Destination.room(incident.id());
        outbox.update(tx, cardKey(incident.id()), Message.of(room, docs.card(incident, milestones, now)));
        String topic = topic(incident, milestones, now);
        int changed = tx.update(
                "UPDATE incident_room SET topic = ? WHERE incident_id = ? AND (topic IS NULL OR topic <> ?)",
                topic,
                incident.id(),
                topic);
        if (changed > 0) {
            String name = find(tx, incident.id()).orElseThrow().name();
            outbox.post(
                    tx,
                    key(incident.id(), "topic:" + now.toEpochMilli() + ":" + Integer.toHexString(topic.hashCode())),
                    Message.roomAct(room, Doc.of("topic: " + topic), RoomAct.topic(name, topic)));
        }
    }

    /**
     * Someone who just became a responder (assignee, commander, communications) is invited to the
     * room, once it exists or is being made; Slack's "already in channel" counts as done. A security
     * incident's holder is a security channel member already (the role change checks it).
     */
    void invite(Tx tx, Incident incident, String agent, Instant now) {
        Optional<Room> room = find(tx, incident.id());
        if (room.isEmpty()
                || !audience.maySee(incident, agent)
                || "unavailable".equals(room.get().state())) {
            return;
        }
        outbox.post(
                tx,
                key(incident.id(), "invite:" + agent + ":" + now.toEpochMilli()),
                Message.roomAct(
                        Destination.room(incident.id()),
                        Doc.of("invited " + agent),
                        RoomAct.invite(room.get().name(), List.of(agent))));
    }

    /** The incident closed (resolved or cancelled): its room is archived {@code archive_after} from now. */
    void closed(Tx tx, long incident, Instant now) {
        if (config.escalation().roomsOn() && find(tx, incident).isPresent()) {
            timers.schedule(
                    tx,
                    ARCHIVE_TIMER,
                    Long.toString(incident),
                    now.plus(config.escalation().incidentChannel().archiveAfter()));
        }
    }

    /** The archive, due: queued behind whatever the room still has to say. */
    private void archiveDue(Tx tx, Timer timer, Instant now) {
        long incident = Long.parseLong(timer.subject());
        find(tx, incident)
                .ifPresent(room -> outbox.post(
                        tx,
                        key(incident, "archive"),
                        Message.roomAct(Destination.room(incident), Doc.of("archived"), RoomAct.archive(room.name()))));
    }

    Optional<Room> find(Tx tx, long incident) {
        return tx.queryOne(
                "SELECT incident_id, name, private, channel_id, state FROM incident_room WHERE incident_id = ?",
                rs -> new Room(rs.getLong(1), rs.getString(2), rs.getInt(3) != 0, rs.getString(4), rs.getString(5)),
                incident);
    }

    /** The room of {@code incident} as the store has it now, if it has one. */
    public Optional<Room> room(long incident) {
        return database.read(tx -> find(tx, incident));
    }

    /**
     * {@code inc-<n>-<slug>}: the title's words in lower case, letters and digits only, joined by
     * {@code -}, cut at a word so the whole keeps to Slack's 80 characters; {@code inc-<n>} when the
     * title has no such words.
     */
    static String name(long id, String title) {
        StringBuilder name = new StringBuilder("inc-").append(id);
        String[] words = title.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{IsAlphabetic}\\p{IsDigit}]+", " ")
                .strip()
                .split(" ");
        for (String word : words) {
            String ascii = java.text.Normalizer.normalize(word, java.text.Normalizer.Form.NFD)
                    .replaceAll("[^a-z0-9]", "");
            if (ascii.isEmpty()) {
                continue;
            }
            if (name.length() + 1 + ascii.length() > MAX_NAME) {
                break;
            }
            name.append('-').append(ascii);
        }
        return name.toString();
    }

    /**
     * Severity and the next deadline (or how the incident ended), for the room's topic; no title,
     * so a security room's topic says no more than its pointer.
     */
    String topic(Incident incident, List<Milestone> milestones, Instant now) {
        String next = incident.resolved()
                ? "resolved"
                : incident.cancelled()
                        ? "cancelled"
                        : milestones.stream()
                                .filter(m -> !m.isMet())
                                .findFirst()
                                .map(m -> "next: " + m.name() + " by " + docs.clock(m.dueAt())
                                        + (now.isAfter(m.dueAt()) ? ", missed" : ""))
                                .orElse("no deadline open");
        String topic = incident.severity() + (incident.security() ? " security" : "") + " incident #" + incident.id()
                + " · " + next;
        return topic.length() <= MAX_TOPIC ? topic : topic.substring(0, MAX_TOPIC - 1) + "…";
    }

    /**
     * The assignee, the lead and the area owner on call now; for a security incident only those
     * who may read the security channel.
     */
    private List<String> responders(Tx tx, Incident incident, Instant now) {
        List<String> invited = new ArrayList<>();
        for (String who : new LinkedHashSet<>(List.of(
                incident.assignee(), onCall.personAt(tx, "lead", now), onCall.ownerAt(tx, incident.owner(), now)))) {
            if (audience.maySee(incident, who)) {
                invited.add(who);
            }
        }
        return invited;
    }

    static String cardKey(long incident) {
        return key(incident, "card");
    }

    private static String key(long incident, String what) {
        return IncidentNotices.key(incident, "room:" + what);
    }

    /** Wraps the transport that speaks to Slack (or the console) so rows for rooms meet the store. */
    public Transport around(Transport inner) {
        return new Rooms(inner);
    }

    /** What to do with a row for a room, decided from the store at delivery. */
    private sealed interface Plan {
        /** Send it, to the room at its Slack id (null for the create). */
        record Send(Transport.OutgoingDelivery delivery) implements Plan {}

        /** Not sent, on purpose: logged, and marked sent so the room's queue moves on. */
        record Drop(String why) implements Plan {}
    }

    private final class Rooms implements Transport {

        private final Transport inner;

        Rooms(Transport inner) {
            this.inner = inner;
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
                return inner.lookBack(
                        new UnrecordedAttempt(send.delivery(), attempt.startedAt(), attempt.knownChannel()));
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
            Optional<Room> stored = room(room.incident());
            if (stored.isEmpty()) {
                return new Plan.Drop("incident #" + room.incident() + " has no room in the store");
            }
            Room r = stored.get();
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
                outbox.post(tx, key(incident, "pointer"), Message.of(channel, pointer(i, channelId)));
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
        boolean notAllowed = NOT_ALLOWED.contains(why);
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
                        NOT_ALLOWED_KEY,
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
