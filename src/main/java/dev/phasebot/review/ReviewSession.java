package dev.phasebot.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ReviewSettings;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Message;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.review.ReviewResult.NoteTaken;
import dev.phasebot.review.ReviewResult.ReviewClosed;
import dev.phasebot.review.ReviewResult.ReviewOpened;
import dev.phasebot.schedule.TimerService;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The weekly review as it runs: posts the agenda once before it, opens it (on schedule or by
 * the leader), takes notes, and at the end of the hour posts the record and turns action
 * items into tasks. The row per week and the keyed messages make every step once-only,
 * across restarts too. The agenda is built ({@link ReviewAgenda}) from the {@link ReviewLog}
 * and from what the other features report through {@link ReviewInputs}.
 */
public final class ReviewSession {

    static final String OPEN = "review.open";
    static final String CLOSE = "review.close";
    private static final Pattern ACTION = Pattern.compile("(?is)^action\\s*:\\s*(\\S+)\\s+(.+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BotConfig config;
    private final ReviewSettings settings;
    private final Database database;
    private final Outbox outbox;
    private final AuditLog audit;
    private final TimerService timers;
    private final Clock clock;
    private final ReviewRepository repository;
    private final ReviewCalendar calendar;
    private final ReviewAgenda agenda;
    private final ReviewDocs docs;
    private final ReviewInputs.ActionItems actionItems;
    private final Destination channel;

    public ReviewSession(
            BotConfig config,
            Database database,
            Outbox outbox,
            TimerService timers,
            AuditLog audit,
            Clock clock,
            ReviewLog log,
            ReviewInputs inputs) {
        this.config = config;
        this.settings = config.review();
        this.database = database;
        this.outbox = outbox;
        this.audit = audit;
        this.timers = timers;
        this.clock = clock;
        this.repository = new ReviewRepository();
        this.calendar = new ReviewCalendar(settings, config.phase().zone());
        this.agenda = new ReviewAgenda(settings, log, inputs, calendar);
        this.docs = new ReviewDocs(config);
        this.actionItems = inputs.actionItems();
        this.channel = Destination.channel(settings.channel());
        timers.on(OPEN, (tx, timer, now) -> open(tx, timer.subject(), now, "schedule"));
        timers.on(CLOSE, (tx, timer, now) -> close(tx, timer.subject(), now));
    }

    /**
     * The cron job before the review (and the start-up catch-up): on the review day, between
     * agenda time and the end of the review, posts the agenda once and arms the open and close
     * timers. Holidays skip the review.
     */
    public boolean postAgendaScheduled() {
        Instant now = clock.instant();
        LocalDate day = calendar.day(now);
        if (day.getDayOfWeek() != settings.day() || config.standup().holidays().contains(day)) {
            return false;
        }
        Instant starts = calendar.startOn(day);
        if (now.isBefore(starts.minus(settings.agendaBefore())) || !now.isBefore(starts.plus(settings.duration()))) {
            return false;
        }
        if (database.read(tx -> repository.review(tx, day.toString())).isPresent()) {
            return false;
        }
        Doc posted = gatheredAgenda(starts, now);
        return database.inTransaction(tx -> createReview(tx, day, starts, now, posted));
    }

    /**
     * The agenda, gathered before the write that records and posts it: reading a large team's
     * week (its standups, blockers, incidents, gates) takes tens of milliseconds, which the one
     * writer, and every deadline queued behind it, would otherwise wait out. What commits in
     * those milliseconds is as if it came after the agenda was posted.
     */
    private Doc gatheredAgenda(Instant starts, Instant now) {
        return docs.agenda(agenda.build(starts, now));
    }

    /** Start-up catch-up: posts this week's agenda if the bot was down when it was due. */
    public void catchUp() {
        postAgendaScheduled();
    }

    /** {@code /review preview}: the agenda as it would be posted now. */
    public Agenda preview() {
        Instant now = clock.instant();
        return agenda.build(calendar.nextStart(now), now);
    }

    /** {@code /review open}: the leader runs this week's review now, off-schedule. */
    public ReviewOpened openNow(String agent) {
        Instant now = clock.instant();
        requireLeader(agent, "open it off-schedule");
        LocalDate day = calendar.weekKey(calendar.day(now));
        // reviews are never deleted: one read before the write says whether an agenda is needed
        Doc posted =
                database.read(tx -> repository.review(tx, day.toString())).isEmpty() ? gatheredAgenda(now, now) : null;
        return database.inTransaction(tx -> {
            Optional<ReviewRepository.Review> existing = repository.review(tx, day.toString());
            if (existing.isPresent() && existing.get().openedAt() != null) {
                throw Refusal.of(
                        null,
                        "This week's review already " + (existing.get().closedAt() != null ? "ran." : "is open."));
            }
            if (existing.isEmpty()) {
                createReview(tx, day, now, now, posted != null ? posted : gatheredAgenda(now, now));
            }
            timers.cancel(tx, OPEN, day.toString());
            open(tx, day.toString(), now, agent);
            return new ReviewOpened(day.toString(), now.plus(settings.duration()), channelName());
        });
    }

    /** {@code /review close}: the leader ends the running review now; the record and action items follow at once. */
    public ReviewClosed closeNow(String agent) {
        Instant now = clock.instant();
        requireLeader(agent, "close it early");
        String day = calendar.weekKey(calendar.day(now)).toString();
        return database.inTransaction(tx -> {
            Optional<ReviewRepository.Review> review = repository.review(tx, day);
            if (review.isEmpty() || review.get().openedAt() == null) {
                throw Refusal.of(
                        null,
                        "This week's review is not running; nothing to close. ",
                        Span.code("/review open"),
                        " runs it now.");
            }
            if (review.get().closedAt() != null) {
                return new ReviewClosed(day, review.get().closedAt(), true, channelName());
            }
            timers.cancel(tx, CLOSE, day);
            close(tx, day, now);
            return new ReviewClosed(day, now, false, channelName());
        });
    }

    /** {@code /review notes}: a note, or with {@code action: <agent> <text>} an action item, while the review runs. */
    public NoteTaken note(String agent, String text) {
        Instant now = clock.instant();
        String t = ReviewLog.required(
                "note",
                text,
                "Write the note: ",
                Span.code("/review notes Gate 2 slips a week"),
                " or ",
                Span.code("/review notes action: qa-engineer add the fuzz job to CI"),
                ".");
        String day = calendar.weekKey(calendar.day(now)).toString();
        return database.inTransaction(tx -> {
            Optional<ReviewRepository.Review> review = repository.review(tx, day);
            if (review.isEmpty()
                    || review.get().openedAt() == null
                    || review.get().closedAt() != null) {
                throw Refusal.of(
                        null,
                        "No review is running now; notes are taken during the review ("
                                + settings.day().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + settings.time()
                                + " "
                                + calendar.zone().getId() + ") or after the leader's ",
                        Span.code("/review open"),
                        ".");
            }
            Matcher action = ACTION.matcher(t);
            String owner = null;
            String body = t;
            if (action.matches()) {
                owner = action.group(1).replace("@", "");
                body = action.group(2).strip();
                if (config.agent(owner).isEmpty()) {
                    throw Refusal.of(
                            "note",
                            Span.code(owner),
                            " is not an agent; write ",
                            Span.code("action: <agent> <what>"),
                            ", e.g. ",
                            Span.code("action: qa-engineer add the fuzz job to CI"),
                            ".");
                }
            }
            repository.addNote(tx, day, now, agent, body, owner);
            audit.record(tx, now, agent, owner == null ? "review.note" : "review.action", owner);
            return new NoteTaken(owner);
        });
    }

    // --- the steps, each inside the caller's transaction ---

    private boolean createReview(Tx tx, LocalDate day, Instant starts, Instant now, Doc posted) {
        if (!repository.createReview(tx, day.toString(), starts, now, toJson(posted))) {
            return false;
        }
        outbox.post(tx, "review:" + day + ":agenda", Message.of(channel, posted));
        timers.schedule(tx, OPEN, day.toString(), starts);
        timers.schedule(tx, CLOSE, day.toString(), starts.plus(settings.duration()));
        audit.record(tx, now, "phasebot", "review.agenda", day.toString());
        return true;
    }

    private void open(Tx tx, String day, Instant now, String by) {
        if (!repository.markOpened(tx, day, now, by)) {
            return;
        }
        // On schedule the hour is fixed (a late start after a restart still ends on time); opened
        // by hand, the hour runs from now.
        Instant ends = "schedule".equals(by)
                ? repository
                        .review(tx, day)
                        .map(r -> r.startsAt().plus(settings.duration()))
                        .filter(end -> end.isAfter(now))
                        .orElse(now.plus(settings.duration()))
                : now.plus(settings.duration());
        timers.reschedule(tx, CLOSE, day, ends);
        outbox.post(tx, "review:" + day + ":open", Message.of(channel, docs.opened(ends)));
    }

    private void close(Tx tx, String day, Instant now) {
        if (!repository.markClosed(tx, day, now)) {
            return;
        }
        ReviewRepository.Review review = repository.review(tx, day).orElseThrow();
        List<ReviewRecord.Note> notes = new ArrayList<>();
        List<ReviewRecord.ActionItem> actions = new ArrayList<>();
        for (ReviewRepository.Note n : repository.notes(tx, day)) {
            if (n.actionOwner() == null) {
                notes.add(new ReviewRecord.Note(n.agent(), n.text()));
            } else {
                String taskId = actionItems.add(n.text(), n.actionOwner(), day);
                repository.setNoteTask(tx, n.id(), taskId);
                actions.add(new ReviewRecord.ActionItem(taskId, n.actionOwner(), n.text()));
            }
        }
        LocalDate held = calendar.day(review.openedAt() != null ? review.openedAt() : now);
        ReviewRecord record = new ReviewRecord(held, fromStored(review.agenda()), notes, actions);
        outbox.post(tx, "review:" + day + ":record", Message.of(channel, docs.record(record)));
        audit.record(tx, now, "phasebot", "review.close", day + ", " + actions.size() + " action items");
    }

    private void requireLeader(String agent, String what) {
        if (!agent.equals(settings.leader()) && !agent.equals(config.lead().id())) {
            throw Refusal.of(null, "Only the review's leader (" + settings.leader() + ") may " + what + ".");
        }
    }

    private String channelName() {
        return config.channel(settings.channel()).name();
    }

    private static String toJson(Doc doc) {
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The agenda as stored, a doc as JSON; none when the review was held without one posted. */
    private static Doc fromStored(String stored) {
        if (stored == null) {
            return Doc.of("");
        }
        try {
            return JSON.readValue(stored, Doc.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored agenda: " + e.getMessage(), e);
        }
    }
}
