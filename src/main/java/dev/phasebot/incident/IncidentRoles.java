package dev.phasebot.incident;

import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Message;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.schedule.Timer;
import dev.phasebot.schedule.TimerService;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An incident's roles (commander, communications, assignee), its stakeholder updates and the
 * reminders to post them. The commander is the lead until handed on; communications is unset
 * until someone takes it (the raiser is often a tester or a bystander who is no responder, and
 * may not even be a member of the security channel), and while unset the commander is reminded.
 * A reminder is a durable timer row ({@value #STATUS_REMINDER}), due {@code status_every} (per
 * severity) after the last update (or the raise): it survives a restart, stops at resolve or
 * cancel, and each update pushes it back.
 */
final class IncidentRoles {

    static final String STATUS_REMINDER = "incident.status";
    static final List<String> ROLES = List.of("commander", "communications", "assignee");
    /** Marks an update's text as fit for the coordination channel even for a security incident. */
    static final String PUBLIC = "public:";

    private final BotConfig config;
    private final TimerService timers;
    private final IncidentRepository repository;
    private final IncidentNotices notices;
    private final IncidentRooms rooms;
    private final Outbox outbox;
    private final Database database;
    private final IncidentGuard guard;
    private final Audience audience;
    private final IncidentDocs docs;
    private final AuditLog audit;
    private final Clock clock;

    IncidentRoles(
            BotConfig config,
            TimerService timers,
            IncidentRepository repository,
            IncidentNotices notices,
            IncidentRooms rooms,
            Outbox outbox,
            Database database,
            IncidentGuard guard,
            Audience audience,
            IncidentDocs docs,
            AuditLog audit,
            Clock clock) {
        this.database = database;
        this.guard = guard;
        this.audience = audience;
        this.docs = docs;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
        this.timers = timers;
        this.repository = repository;
        this.notices = notices;
        this.rooms = rooms;
        this.outbox = outbox;
        timers.on(STATUS_REMINDER, this::remind);
    }

    /** Whether {@code text} starts with {@value #PUBLIC}: words its author says anyone may read. */
    static boolean isMarkedPublic(String text) {
        return text.regionMatches(true, 0, PUBLIC, 0, PUBLIC.length());
    }

    /** {@code text} without its {@value #PUBLIC} mark, if it has one. */
    static String unmarked(String text) {
        return isMarkedPublic(text) ? text.substring(PUBLIC.length()).strip() : text;
    }

    /** Who holds {@code role} of the incident now (communications: null when unset). */
    String holder(Incident incident, String role) {
        return switch (role) {
            case "commander" -> incident.commanderOr(config.lead().id());
            case "communications" -> incident.communications();
            case "assignee" -> incident.assignee();
            default -> throw new IllegalArgumentException("no incident role " + role);
        };
    }

    /** Whether {@code agent} holds a role of the incident (or is its area owner or the lead). */
    boolean isResponder(Incident incident, String agent) {
        return agent.equals(config.lead().id())
                || agent.equals(incident.owner())
                || ROLES.stream().anyMatch(role -> agent.equals(holder(incident, role)));
    }

    /**
     * Says {@code doc} where the incident is worked: its room when it has one that Slack made
     * (or is making), else its channel. A security incident's room or channel is private, so
     * the announcement stays among the security members.
     */
    void announce(Tx tx, Incident incident, String what, Doc doc) {
        boolean inRoom = hasRoom(tx, incident.id());
        Destination to = inRoom ? Destination.room(incident.id()) : notices.channel(incident);
        String key = IncidentNotices.key(incident.id(), what);
        if (inRoom) {
            outbox.post(tx, key, Message.of(to, doc));
        } else {
            notices.say(tx, incident, key, to, doc);
        }
    }

    /** Whether the incident has a room that Slack made (or is making). */
    boolean hasRoom(Tx tx, long id) {
        return rooms.find(tx, id)
                .filter(room -> !"unavailable".equals(room.state()))
                .isPresent();
    }

    /** Arms the next reminder {@code status_every} after {@code from}, dropping any armed before. */
    void rearm(Tx tx, Incident incident, Instant from) {
        timers.cancelAll(tx, STATUS_REMINDER, incident.id() + ":");
        Optional<Duration> every = config.escalation().statusEvery(incident.severity());
        if (every.isPresent() && !incident.closed()) {
            Instant due = from.plus(every.get());
            timers.schedule(tx, STATUS_REMINDER, subject(incident.id(), due), due);
        }
    }

    /** Stops the reminders (resolve, cancel). */
    void stop(Tx tx, long id) {
        timers.cancelAll(tx, STATUS_REMINDER, id + ":");
    }

    private void remind(Tx tx, Timer timer, Instant now) {
        long id = Long.parseLong(timer.subject().split(":")[0]);
        Optional<Incident> found = repository.find(tx, id);
        if (found.isEmpty() || found.get().closed()) {
            return;
        }
        Incident incident = found.get();
        Optional<Duration> every = config.escalation().statusEvery(incident.severity());
        if (every.isEmpty()) {
            return;
        }
        String who = incident.communications() != null
                ? incident.communications()
                : incident.commanderOr(config.lead().id());
        notices.say(
                tx,
                incident,
                IncidentNotices.key(id, "status-reminder:" + timer.dueAt().toEpochMilli()),
                Destination.dm(who),
                Doc.builder()
                        .line(
                                "Incident #" + id + " is due a stakeholder update (every "
                                        + dev.phasebot.message.Times.duration(every.get()) + "): ",
                                Span.code("/incident update " + id + " <what changed>"),
                                ".")
                        .build());
        repository.event(tx, id, now, "phasebot", "status reminder", who);
        Instant next = timer.dueAt().plus(every.get());
        // After an outage, remind once now and then every status_every from now.
        Instant due = next.isAfter(now) ? next : now.plus(every.get());
        timers.schedule(tx, STATUS_REMINDER, subject(id, due), due);
    }

    /**
     * "the lead (a), the commander (a) or the communications (b)": each title with who holds it,
     * in the order given, the same title and person once; {@code lastTitle} held by
     * {@code lastHolder} (none: left out) last.
     */
    static String whoMay(List<List<String>> titled, String lastTitle, String lastHolder) {
        Set<String> named = new LinkedHashSet<>();
        titled.forEach(pair -> named.add("the " + pair.get(0) + " (" + pair.get(1) + ")"));
        if (lastHolder != null) {
            named.add("the " + lastTitle + " (" + lastHolder + ")");
        }
        return listed(List.copyOf(named), " or ");
    }

    /** "a", "a and b", "a, b and c" (with {@code last} the joining word). */
    private static String listed(List<String> items, String last) {
        return items.size() == 1
                ? items.get(0)
                : String.join(", ", items.subList(0, items.size() - 1)) + last + items.get(items.size() - 1);
    }

    /** A reminder's subject: the incident and its due time (timers are once per subject). */
    static String subject(long id, Instant due) {
        return id + ":" + due.toEpochMilli();
    }

    /**
     * Hands {@code role} (commander, communications, assignee) of incident {@code id} to
     * {@code to}: the lead, the commander or the role's holder may. Recorded on the timeline and
     * announced where the incident is worked (its room, else its channel).
     */
    public Doc handOff(String agent, long id, String role, String to) {
        if (!IncidentRoles.ROLES.contains(role)) {
            throw Refusal.of("role", "The roles are " + String.join(", ", IncidentRoles.ROLES) + ".");
        }
        if (config.agent(to).isEmpty()) {
            throw Refusal.of("agent", Span.code(to), " is not an agent of this phase. Nothing was changed.");
        }
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Incident incident = guard.open(tx, id);
            String lead = config.lead().id();
            String commander = incident.commanderOr(lead);
            String holder = holder(incident, role);
            if (!agent.equals(lead) && !agent.equals(commander) && !agent.equals(holder)) {
                throw Refusal.of(
                        null,
                        "Only " + whoMay(List.of(List.of("lead", lead), List.of("commander", commander)), role, holder)
                                + " may hand on the " + role + " of incident #" + id + ". Nothing was changed.");
            }
            if (to.equals(holder)) {
                return Doc.of(to + " already is the " + role + " of incident #" + id + ".");
            }
            if (incident.security() && !audience.isMember(to)) {
                throw Refusal.of(
                        "agent",
                        to + " is not a member of the security channel, so cannot see security incident #" + id
                                + ". Members: " + String.join(", ", audience.members()) + ". Nothing was changed.");
            }
            if (role.equals("assignee")) {
                repository.assign(tx, id, to);
            } else {
                repository.setRole(tx, id, role, to);
            }
            String from = holder == null ? "nobody" : holder;
            repository.event(tx, id, now, agent, "role", role + ": " + from + " → " + to);
            Incident changed = repository.find(tx, id).orElseThrow();
            // Invited first: the room's rows go out in order, so the announcement finds them there.
            rooms.invite(tx, changed, to, now);
            announce(
                    tx,
                    changed,
                    "role:" + role + ":" + now.toEpochMilli(),
                    Doc.of(to + " is now the " + role + " of incident #" + id + " (was " + from + "; handed on by "
                            + agent + ")."));
            notices.say(
                    tx,
                    changed,
                    IncidentNotices.key(id, "role-dm:" + role + ":" + to + ":" + now.toEpochMilli()),
                    Destination.dm(to),
                    docs.card(
                            changed,
                            repository.milestones(tx, id),
                            now,
                            "You are now the " + role + " of this incident."));
            notices.refreshCard(tx, id, now);
            audit.record(tx, now, agent, "incident.role", "#" + id + " " + role + " " + to);
            return Doc.of(to + " is now the " + role + " of incident #" + id + ".");
        });
    }

    /**
     * A stakeholder update: to the coordination channel (a security incident's only as a line
     * saying one was posted, unless its text starts with {@value IncidentRoles#PUBLIC}), the full
     * text where the incident is worked; on the timeline; the next reminder {@code status_every}
     * from now.
     */
    public Doc update(String agent, long id, String text) {
        String body = IncidentGuard.fitting(text, "text", "the update");
        boolean marked = isMarkedPublic(body);
        String update = unmarked(body);
        if (update.isEmpty()) {
            throw Refusal.of(
                    "text",
                    "Write the update after the id, e.g. ",
                    Span.code("/incident update " + id + " rollback done, error rate back to normal"),
                    ".");
        }
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Incident incident = guard.open(tx, id);
            if (!isResponder(incident, agent)) {
                throw Refusal.of(
                        null,
                        "Only "
                                + whoMay(
                                        List.of(
                                                List.of(
                                                        "commander",
                                                        incident.commanderOr(
                                                                config.lead().id())),
                                                List.of("assignee", incident.assignee()),
                                                List.of("area owner", incident.owner()),
                                                List.of("lead", config.lead().id())),
                                        "communications",
                                        incident.communications())
                                + " may post a status update of incident #" + id + ".");
            }
            // Two updates in the same millisecond are two messages: the text is in the key too.
            String at = ":" + now.toEpochMilli() + ":" + Integer.toHexString(body.hashCode());
            Doc full = Doc.of("Status update on " + (incident.security() ? "security " : "") + "incident #" + id
                    + (incident.security() ? "" : " (" + incident.title() + ")") + " from " + agent + ": " + update);
            Destination coordination = notices.publicChannel();
            if (!incident.security()) {
                notices.say(tx, incident, IncidentNotices.key(id, "update" + at), coordination, full);
                if (hasRoom(tx, id)) {
                    announce(tx, incident, "update-room" + at, full);
                }
            } else {
                announce(tx, incident, "update-room" + at, full);
                outbox.post(
                        tx,
                        IncidentNotices.key(id, "update" + at),
                        dev.phasebot.message.Message.of(
                                coordination,
                                marked
                                        ? full
                                        : Doc.of("security incident #" + id
                                                + ": status update posted in the security channel")));
            }
            repository.event(tx, id, now, agent, "status update", (marked ? "public: " : "") + update);
            rearm(tx, incident, now);
            audit.record(tx, now, agent, "incident.update", "#" + id);
            return Doc.of("Status update on incident #" + id + " posted"
                    + (incident.security() && !marked ? " (the coordination channel sees only that one was)" : "")
                    + ".");
        });
    }
}
