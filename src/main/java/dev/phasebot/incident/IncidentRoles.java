package dev.phasebot.incident;

import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Message;
import dev.phasebot.message.Span;
import dev.phasebot.schedule.Timer;
import dev.phasebot.schedule.TimerService;
import dev.phasebot.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    IncidentRoles(
            BotConfig config,
            TimerService timers,
            IncidentRepository repository,
            IncidentNotices notices,
            IncidentRooms rooms,
            Outbox outbox) {
        this.config = config;
        this.timers = timers;
        this.repository = repository;
        this.notices = notices;
        this.rooms = rooms;
        this.outbox = outbox;
        timers.on(STATUS_REMINDER, this::remind);
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

    /** A reminder's subject: the incident and its due time (timers are once per subject). */
    static String subject(long id, Instant due) {
        return id + ":" + due.toEpochMilli();
    }
}
