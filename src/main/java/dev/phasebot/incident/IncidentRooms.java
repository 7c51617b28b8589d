package dev.phasebot.incident;

import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.delivery.Transport;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Message;
import dev.phasebot.message.RoomAct;
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
 * <p>{@link #around} is where delivery meets the store ({@link RoomDelivery}).
 */
public final class IncidentRooms {

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
    /** Shared by the wrappers {@link #around} makes: the missing scopes are logged at WARN once. */
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

    static String key(long incident, String what) {
        return IncidentNotices.key(incident, "room:" + what);
    }

    /** Wraps the transport that speaks to Slack (or the console) so rows for rooms meet the store. */
    public Transport around(Transport inner) {
        return new RoomDelivery(inner, this, config, database, outbox, repository, docs, audience, clock, warned);
    }
}
