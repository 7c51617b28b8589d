package dev.phasebot.incident;

import dev.phasebot.message.Doc;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.SafeText;
import dev.phasebot.message.Span;
import dev.phasebot.plan.PlanResult;
import dev.phasebot.plan.TaskChanges;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What people add to an incident's timeline (only the bot's acts are recorded otherwise): a note
 * typed with {@code /incident note}, or a message of the incident's room added with the message
 * shortcut or pinned there. Anyone who may see the incident may add to it; a security incident's
 * timeline only its channel's members.
 */
public final class IncidentTimeline {

    private static final Logger log = LoggerFactory.getLogger(IncidentTimeline.class);

    /** What became of a message pinned in a channel ({@link #addPinned}). */
    public enum Pin {
        /** On the incident's timeline now. */
        RECORDED,
        /** The channel is no incident's room. */
        NOT_IN_A_ROOM,
        /** That message is on the timeline already: pinned again, added with the shortcut, or Slack's retry. */
        ALREADY_ON_THE_TIMELINE,
        /** The pinner is linked to no agent, or may not see the (security) incident. */
        NOT_ALLOWED
    }

    /** The Slack message shortcut's callback id (the app manifest's shortcut). */
    public static final String SHORTCUT = "incident_timeline_add";
    /** A room message is clipped to this many characters: the timeline is a list of lines, the permalink the rest. */
    static final int MAX_QUOTE = 500;

    private final Database database;
    private final IncidentRepository repository;
    private final Audience audience;
    private final AuditLog audit;
    private final Clock clock;

    IncidentTimeline(Database database, IncidentRepository repository, Audience audience, AuditLog audit, Clock clock) {
        this.database = database;
        this.repository = repository;
        this.audience = audience;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code /incident note <id> <text>}: a line of the timeline, by {@code agent}. */
    public Doc note(String agent, long id, String text) {
        String body = IncidentGuard.fitting(text, "text", "the note");
        if (body.isEmpty()) {
            throw Refusal.of(
                    "text",
                    "Write the note after the id: ",
                    Span.code("/incident note " + id + " rolled back v2.3"),
                    ".");
        }
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Incident incident = visible(tx, id, agent);
            repository.event(tx, id, now, agent, "note", body);
            audit.record(tx, now, agent, "incident.note", "#" + id);
            return Doc.of("Added to incident #" + incident.id() + "'s timeline.");
        });
    }

    /**
     * The message shortcut on a message of {@code channelId}: its text (as Slack sends it,
     * entities and all; clipped) and where it is, on the timeline of the incident whose room that
     * channel is. Outside a room, a one-line answer and nothing recorded.
     */
    public Doc addMessage(String agent, String channelId, String text, String ts) {
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Optional<Long> inRoom = room(tx, channelId);
            if (inRoom.isEmpty()) {
                return Doc.of(
                        "Add to incident timeline works only in an incident's room; elsewhere use ",
                        Span.code("/incident note <id> <text>"),
                        ".");
            }
            long id = inRoom.get();
            visible(tx, id, agent);
            repository.event(tx, id, now, agent, "message", quoted(channelId, text, ts));
            audit.record(tx, now, agent, "incident.note", "#" + id + " message " + ts);
            return Doc.of("Added that message to incident #" + id + "'s timeline.");
        });
    }

    /**
     * A message pinned in {@code channelId} by {@code agent} (null: a Slack user linked to no
     * agent, {@code pinner}), on the timeline of the incident whose room that channel is, quoted
     * as the shortcut quotes it. One line per message: a message whose link is on the timeline
     * already (pinned before, added with the shortcut, or the same event sent again by Slack) is
     * not added twice. Nobody is answered, so a pin that is not recorded is only logged.
     */
    public Pin addPinned(String agent, String pinner, String channelId, String text, String ts) {
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Optional<Long> inRoom = room(tx, channelId);
            if (inRoom.isEmpty()) {
                return Pin.NOT_IN_A_ROOM;
            }
            long id = inRoom.get();
            Incident incident = repository.find(tx, id).orElseThrow(() -> IncidentGuard.noSuch(id));
            // Neither the room's name nor the title: a security room's name carries title words.
            if (agent == null) {
                log.info(
                        "a pin in incident #{}'s room is not on its timeline: Slack user {} is linked to no agent",
                        id,
                        pinner);
                return Pin.NOT_ALLOWED;
            }
            if (!audience.maySee(incident, agent)) {
                log.info(
                        "a pin in incident #{}'s room is not on its timeline: {} is not a member of the security channel",
                        id,
                        agent);
                return Pin.NOT_ALLOWED;
            }
            String link = permalink(channelId, ts);
            boolean listed = tx
                    .query(
                            "SELECT detail FROM incident_event WHERE incident_id = ? AND kind IN ('message', 'pinned')",
                            rs -> rs.getString(1),
                            id)
                    .stream()
                    .anyMatch(detail -> detail != null && detail.endsWith(" " + link));
            if (listed) {
                return Pin.ALREADY_ON_THE_TIMELINE;
            }
            repository.event(tx, id, now, agent, "pinned", quoted(channelId, text, ts));
            audit.record(tx, now, agent, "incident.note", "#" + id + " pinned " + ts);
            return Pin.RECORDED;
        });
    }

    /**
     * {@code /incident followup}: a plan task made through {@code tasks} (its rules: the lead adds
     * for anyone, an agent for themself), linked to the incident, on its timeline.
     *
     * <p>The plan is read by everyone, so a security incident's follow-up goes into it titled
     * without its words ("Follow-up of security incident #3"), its words kept with the incident for
     * the report that only the security channel sees, and its owner must be able to read them.
     * Text that starts with {@value IncidentRoles#PUBLIC} is the task's title as typed.
     */
    public Doc followUp(String agent, long id, String text, String owner, String due, TaskChanges tasks) {
        String body = text == null ? "" : text.strip();
        boolean marked = IncidentRoles.isMarkedPublic(body);
        String words = IncidentRoles.unmarked(body);
        if (words.isEmpty()) {
            throw Refusal.of(
                    "text",
                    "Write the follow-up after the id: ",
                    Span.code("/incident followup " + id + " add a canary for config pushes"),
                    ".");
        }
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Incident incident = visible(tx, id, agent);
            boolean kept = incident.security() && !marked;
            String taskOwner = owner == null ? agent : owner;
            if (kept && !audience.isMember(taskOwner)) {
                throw Refusal.of(
                        "owner",
                        taskOwner + " is not a member of the security channel, so could not read what security "
                                + "incident #" + id + "'s follow-up asks. Members: "
                                + String.join(", ", audience.members()) + ". Nothing was added.");
            }
            String title = kept ? securityTitle(id) : words;
            PlanResult.TaskAdded added = tasks.add(agent, title, null, null, owner, due, List.of());
            tx.update(
                    "INSERT INTO incident_followup(incident_id, task_id, created_at, text) VALUES (?, ?, ?, ?)",
                    id,
                    added.taskId(),
                    now.toEpochMilli(),
                    kept ? words : null);
            repository.event(tx, id, now, agent, "follow-up", added.taskId() + " " + words);
            String tail =
                    ", owned by " + added.owner() + ("none".equals(added.due()) ? "" : ", due " + added.due()) + ".";
            if (kept) {
                return Doc.of(
                        "Follow-up " + added.taskId() + " of security incident #" + id + " added to the plan as \""
                                + title + "\"" + tail + " Its words stay with the incident (its report); start the "
                                + "text with ",
                        Span.code(IncidentRoles.PUBLIC),
                        " to name it in the plan.");
            }
            return Doc.of("Follow-up " + added.taskId() + " of incident #" + id + " added to the plan" + tail);
        });
    }

    /** The plan's title of a security incident's follow-up: no words of it. */
    static String securityTitle(long id) {
        return "Follow-up of security incident #" + id + " (details in the security channel)";
    }

    /**
     * The follow-ups of incident {@code id}, in the order they were made, with their words (a
     * security incident's as kept with it). One made in an earlier phase reads as its task was
     * when that phase ended; one whose task the plan dropped reads as done.
     */
    static List<IncidentReportFile.FollowUp> followUps(Tx tx, long id) {
        return tx.query(
                "SELECT f.task_id, COALESCE(f.text, t.title), COALESCE(f.owner, t.owner), COALESCE(f.due, t.due), "
                        + "COALESCE(f.status, t.status), f.phase, t.title FROM incident_followup f "
                        + "LEFT JOIN task t ON t.id = f.task_id AND f.phase IS NULL "
                        + "WHERE f.incident_id = ? ORDER BY f.created_at, f.task_id",
                rs -> {
                    String phase = rs.getString(6);
                    boolean gone = (phase == null && rs.getString(7) == null) || rs.getString(2) == null;
                    String status = rs.getString(5);
                    return new IncidentReportFile.FollowUp(
                            rs.getString(1),
                            gone ? "(no longer in the plan)" : rs.getString(2),
                            rs.getString(3) == null ? "-" : rs.getString(3),
                            rs.getString(4) == null || "none".equals(rs.getString(4)) ? null : rs.getString(4),
                            gone || "done".equals(status),
                            phase);
                },
                id);
    }

    /** The incident whose room {@code channelId} is, if it is one. */
    private static Optional<Long> room(Tx tx, String channelId) {
        return channelId == null
                ? Optional.empty()
                : tx.queryOne(
                        "SELECT incident_id FROM incident_room WHERE channel_id = ?", rs -> rs.getLong(1), channelId);
    }

    /**
     * A room message as a timeline line: its text as Slack sends it (entities and all) read back to
     * what was typed, on one line, clipped; then its link, by which the timeline knows it.
     */
    private static String quoted(String channelId, String text, String ts) {
        String quote = SafeText.unescape(text == null ? "" : text).strip().replaceAll("\\s+", " ");
        if (quote.length() > MAX_QUOTE) {
            quote = quote.substring(0, MAX_QUOTE - 1) + "…";
        }
        return "“" + quote + "” " + permalink(channelId, ts);
    }

    /** Slack's archive link to a message: {@code /archives/<channel>/p<ts without its dot>}. */
    static String permalink(String channelId, String ts) {
        return "https://slack.com/archives/" + channelId + "/p" + (ts == null ? "" : ts.replace(".", ""));
    }

    private Incident visible(Tx tx, long id, String agent) {
        Incident incident = repository.find(tx, id).orElseThrow(() -> IncidentGuard.noSuch(id));
        if (!audience.maySee(incident, agent)) {
            throw Refusal.of(
                    null,
                    "Incident #" + id + " is a security incident; only members of the security channel ("
                            + String.join(", ", audience.members()) + ") may add to its timeline.");
        }
        return incident;
    }
}
