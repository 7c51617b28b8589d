package dev.phasebot.review;

import dev.phasebot.command.CommandException;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ReviewSettings;
import dev.phasebot.incident.IncidentService;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.message.Outbox;
import dev.phasebot.message.SafeText;
import dev.phasebot.text.PlanRefs;
import dev.phasebot.message.Times;
import dev.phasebot.plan.PlanService;
import dev.phasebot.schedule.TimerHandler;
import dev.phasebot.schedule.TimerService;
import dev.phasebot.standup.StandupService;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The weekly technical review: records decisions, metrics and topics during the week; posts
 * an agenda built from them (and from gates, incidents, standups and overdue tasks) ahead of
 * Friday 14:00; opens the review, takes notes, and at the end of the hour posts the record and
 * turns action items into tasks. One review per week: the row per Friday and the keyed
 * messages make every step once-only, across restarts too.
 */
public final class ReviewService {

    static final String OPEN = "review.open";
    static final String CLOSE = "review.close";
    private static final int MAX_TEXT = 1_000;
    private static final Pattern ACTION = Pattern.compile("(?is)^action\\s*:\\s*(\\S+)\\s+(.+)$");
    private static final Pattern TIME_UNITS = Pattern.compile("(?i)(ms|s|sec|secs|seconds?|min|mins|minutes?|h|hours?|"
            + "us|µs|ns|mb|gb|kb|bytes?|%err|errors?)");

    private final BotConfig config;
    private final ReviewSettings settings;
    private final Database database;
    private final Outbox outbox;
    private final AuditLog audit;
    private final TimerService timers;
    private final Clock clock;
    private final PlanService plan;
    private final IncidentService incidents;
    private final StandupService standups;
    private final ReviewRepository repository = new ReviewRepository();
    private final AgendaBuilder agenda;
    private final ZoneId zone;
    private final Destination channel;

    public ReviewService(BotConfig config, Database database, Outbox outbox, TimerService timers, AuditLog audit,
                         Clock clock, PlanService plan, IncidentService incidents, StandupService standups) {
        this.config = config;
        this.settings = config.review();
        this.database = database;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.plan = plan;
        this.incidents = incidents;
        this.standups = standups;
        this.agenda = new AgendaBuilder(config);
        this.zone = config.phase().zone();
        this.channel = Destination.channel(settings.channel());
        this.timers = timers;
        timers.register(TimerHandler.of(OPEN, (tx, timer, now) -> open(tx, timer.subject(), now, "schedule")));
        timers.register(TimerHandler.of(CLOSE, (tx, timer, now) -> close(tx, timer.subject(), now)));
    }

    // --- recording during the week ---

    public String decide(String agent, String text) {
        String t = required(text, "Write the decision: `/decision Model split into DataManager and FeatureManager (T3)`.");
        String link = PlanRefs.inText(t).stream().findFirst().orElse(null);
        Instant now = clock.instant();
        database.run(tx -> {
            repository.addDecision(tx, now, agent, t, link);
            audit.record(tx, now, agent, "review.decision", link);
        });
        return "Decision logged" + (link == null ? "" : " (linked to " + link + ")") + "; it will be on Friday's agenda.";
    }

    /** {@code /decision list [this|last|<date>]}: the decisions of one review week. */
    public String decisions(String week) {
        Instant end = weekEnd(week);
        Instant start = end.minus(Duration.ofDays(7));
        List<ReviewRepository.Decision> list = database.read(tx -> repository.decisions(tx, start, end));
        String range = Times.shortDay(start.atZone(zone).toLocalDate()) + " to " + Times.shortDay(end.atZone(zone).toLocalDate());
        if (list.isEmpty()) {
            return "No decisions logged from " + range + ".";
        }
        StringBuilder text = new StringBuilder("*Decisions, " + range + "*\n");
        list.forEach(d -> text.append("• ").append(decisionLine(d)).append('\n'));
        return text.toString().stripTrailing();
    }

    public String recordMetric(String agent, String name, double value, String unit, Boolean lowerIsBetter) {
        if (!name.matches("[A-Za-z0-9_.:-]{1,60}")) {
            throw new CommandException("Name metrics with letters, digits and `_ . : -` (at most 60), e.g. `predict_p99_ms`.");
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new CommandException("The value must be a number.");
        }
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Optional<Metric> existing = repository.metric(tx, name);
            String answer;
            if (existing.isEmpty()) {
                boolean lower = lowerIsBetter != null ? lowerIsBetter : unit != null && TIME_UNITS.matcher(unit).matches();
                repository.createMetric(tx, name, unit, lower, value, now);
                answer = "Baseline for " + SafeText.escape(name) + " set at " + AgendaBuilder.number(value)
                        + (unit == null ? "" : " " + SafeText.escape(unit)) + " (" + (lower ? "lower" : "higher")
                        + " is better; say `higher` or `lower` after the unit to change that).";
            } else {
                if (unit != null && existing.get().unit() != null && !unit.equalsIgnoreCase(existing.get().unit())) {
                    throw new CommandException(SafeText.escape(name) + " is measured in " + SafeText.escape(existing.get().unit())
                            + ", not " + SafeText.escape(unit) + ".");
                }
                if (lowerIsBetter != null) {
                    repository.setDirection(tx, name, lowerIsBetter);
                }
                answer = "Recorded " + SafeText.escape(name) + " = " + AgendaBuilder.number(value)
                        + (existing.get().unit() == null ? "" : " " + SafeText.escape(existing.get().unit())) + ".";
            }
            repository.addValue(tx, name, value, now, agent);
            audit.record(tx, now, agent, "review.metric", name + "=" + value);
            return answer;
        });
    }

    /** {@code /metric list}: latest value, baseline and week-over-week change of every metric. */
    public String metrics() {
        List<String> lines = metricLines(clock.instant());
        return lines.isEmpty() ? "No metrics recorded yet: `/metric predict_p99_ms 41 ms` records one (its first value is the baseline)."
                : "*Metrics*\n• " + String.join("\n• ", lines);
    }

    public String addItem(String agent, String text) {
        String t = required(text, "Write the topic: `/review item Phase 3: streaming pipeline spike`.");
        Instant now = clock.instant();
        database.run(tx -> {
            repository.addItem(tx, now, agent, t);
            audit.record(tx, now, agent, "review.item", null);
        });
        return "Added to Friday's agenda under Phase 3 planning.";
    }

    // --- the review itself ---

    /**
     * The cron job an hour before the review (and the start-up catch-up): on the review day,
     * between agenda time and the end of the review, posts the agenda once and arms the open
     * and close timers. Holidays skip the review.
     */
    public boolean postAgendaScheduled() {
        Instant now = clock.instant();
        LocalDate day = now.atZone(zone).toLocalDate();
        if (day.getDayOfWeek() != settings.day() || config.standup().holidays().contains(day)) {
            return false;
        }
        Instant starts = ZonedDateTime.of(day, settings.time(), zone).toInstant();
        if (now.isBefore(starts.minus(settings.agendaBefore())) || !now.isBefore(starts.plus(settings.duration()))) {
            return false;
        }
        return database.inTransaction(tx -> createReview(tx, day, starts, now));
    }

    /** {@code /review preview}: the agenda as it would be posted now. */
    public String preview() {
        Instant now = clock.instant();
        return buildAgenda(nextReviewStart(now), now);
    }

    /** {@code /review open}: the lead runs this week's review now, off-schedule. */
    public String openNow(String agent) {
        if (!agent.equals(settings.leader()) && !agent.equals(config.lead().id())) {
            throw new CommandException("Only the review's leader (" + settings.leader() + ") may open it off-schedule.");
        }
        Instant now = clock.instant();
        LocalDate day = weekKey(now.atZone(zone).toLocalDate());
        return database.inTransaction(tx -> {
            Optional<ReviewRepository.Review> existing = repository.review(tx, day.toString());
            if (existing.isPresent() && existing.get().openedAt() != null) {
                throw new CommandException("This week's review already " + (existing.get().closedAt() != null
                        ? "ran." : "is open."));
            }
            if (existing.isEmpty()) {
                createReview(tx, day, now, now);
            }
            timers.cancel(tx, OPEN, day.toString());
            open(tx, day.toString(), now, agent);
            return "The review is open until " + Times.clockWithZone(now.plus(settings.duration()), zone)
                    + "; the agenda is in " + config.channel(settings.channel()).name() + ".";
        });
    }

    /** {@code /review close}: the leader ends the running review now; the record and action items follow at once. */
    public String closeNow(String agent) {
        if (!agent.equals(settings.leader()) && !agent.equals(config.lead().id())) {
            throw new CommandException("Only the review's leader (" + settings.leader() + ") may close it early.");
        }
        Instant now = clock.instant();
        String day = weekKey(now.atZone(zone).toLocalDate()).toString();
        return database.inTransaction(tx -> {
            Optional<ReviewRepository.Review> review = repository.review(tx, day);
            if (review.isEmpty() || review.get().openedAt() == null) {
                throw new CommandException("This week's review is not running; nothing to close. `/review open` runs it now.");
            }
            if (review.get().closedAt() != null) {
                return "This week's review already closed at " + Times.dayAndClock(review.get().closedAt(), zone, now)
                        + "; its record is in " + config.channel(settings.channel()).name() + ".";
            }
            timers.cancel(tx, CLOSE, day);
            close(tx, day, now);
            return "The review is closed; its record and action items are on their way to "
                    + config.channel(settings.channel()).name() + ".";
        });
    }

    /** {@code /review notes}: a note, or with {@code action: <agent> <text>} an action item, while the review runs. */
    public String note(String agent, String text) {
        String t = required(text, "Write the note: `/review notes Gate 2 slips a week` or "
                + "`/review notes action: qa-engineer add the fuzz job to CI`.");
        Instant now = clock.instant();
        String day = weekKey(now.atZone(zone).toLocalDate()).toString();
        return database.inTransaction(tx -> {
            Optional<ReviewRepository.Review> review = repository.review(tx, day);
            if (review.isEmpty() || review.get().openedAt() == null || review.get().closedAt() != null) {
                throw new CommandException("No review is running now; notes are taken during the review ("
                        + settings.day().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) + " "
                        + settings.time() + " " + zone.getId() + ") or after the leader's `/review open`.");
            }
            Matcher action = ACTION.matcher(t);
            String owner = null;
            String body = t;
            if (action.matches()) {
                owner = action.group(1).replace("@", "");
                body = action.group(2).strip();
                if (config.agent(owner).isEmpty()) {
                    throw new CommandException("`" + SafeText.escape(owner) + "` is not an agent; write "
                            + "`action: <agent> <what>`, e.g. `action: qa-engineer add the fuzz job to CI`.");
                }
            }
            repository.addNote(tx, day, now, agent, body, owner);
            audit.record(tx, now, agent, owner == null ? "review.note" : "review.action", owner);
            return owner == null ? "Noted." : "Action item for " + owner + " noted; it becomes a task when the review ends.";
        });
    }

    // --- the steps ---

    private boolean createReview(Tx tx, LocalDate day, Instant starts, Instant now) {
        String text = buildAgenda(starts, now);
        if (!repository.createReview(tx, day.toString(), starts, now, text)) {
            return false;
        }
        outbox.post(tx, "review:" + day + ":agenda", Message.of(channel, text));
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
        Instant ends = "schedule".equals(by) ? repository.review(tx, day).map(r -> r.startsAt().plus(settings.duration()))
                .filter(end -> end.isAfter(now)).orElse(now.plus(settings.duration())) : now.plus(settings.duration());
        timers.reschedule(tx, CLOSE, day, ends);
        outbox.post(tx, "review:" + day + ":open", Message.of(channel, ":bell: *The weekly technical review starts now*, until "
                + Times.clockWithZone(ends, zone) + ", led by " + settings.leader() + ". Add notes with `/review notes <text>`;"
                + " `/review notes action: <agent> <what>` makes an action item."));
    }

    private void close(Tx tx, String day, Instant now) {
        if (!repository.markClosed(tx, day, now)) {
            return;
        }
        ReviewRepository.Review review = repository.review(tx, day).orElseThrow();
        List<ReviewRepository.Note> notes = repository.notes(tx, day);
        LocalDate held = (review.openedAt() != null ? review.openedAt() : now).atZone(zone).toLocalDate();
        StringBuilder record = new StringBuilder(":memo: *Record of the weekly technical review, "
                + Times.longDay(held) + "*\n\n");
        record.append(review.agenda()).append("\n\n*Notes*\n");
        List<String> actions = new ArrayList<>();
        if (notes.stream().noneMatch(n -> n.actionOwner() == null)) {
            record.append("No notes were taken.\n");
        }
        for (ReviewRepository.Note n : notes) {
            if (n.actionOwner() == null) {
                record.append("• ").append(n.agent()).append(": ").append(SafeText.escape(n.text())).append('\n');
            } else {
                String taskId = plan.addActionItem(n.text(), n.actionOwner(), day);
                repository.setNoteTask(tx, n.id(), taskId);
                actions.add("*" + taskId + "* " + n.actionOwner() + ": " + SafeText.escape(n.text()));
            }
        }
        record.append("\n*Action items*\n").append(actions.isEmpty() ? "None." : "• " + String.join("\n• ", actions));
        outbox.post(tx, "review:" + day + ":record", Message.of(channel, record.toString()));
        audit.record(tx, now, "phasebot", "review.close", day + ", " + actions.size() + " action items");
    }

    // --- the agenda ---

    private String buildAgenda(Instant starts, Instant now) {
        Instant from = starts.minus(Duration.ofDays(7));
        List<AgendaBuilder.Section> sections = new ArrayList<>();
        List<String> decisions = database.read(tx -> repository.decisions(tx, from, starts)).stream()
                .map(this::decisionLine).toList();
        sections.add(new AgendaBuilder.Section(settings.agenda().get(0) + ": decisions logged this week", 15, decisions));
        sections.add(new AgendaBuilder.Section(settings.agenda().size() > 1 ? settings.agenda().get(1) : "Quality gates",
                10, plan.gateLines()));
        sections.add(new AgendaBuilder.Section(settings.agenda().size() > 2 ? settings.agenda().get(2) : "Metrics",
                10, metricLines(now)));
        sections.add(new AgendaBuilder.Section("Incidents of the week", 5, incidents.weekForReview(from, starts, now)));
        LocalDate firstDay = from.atZone(zone).toLocalDate();
        LocalDate lastDay = starts.atZone(zone).toLocalDate();
        sections.add(new AgendaBuilder.Section("Standup participation and open blockers", 5,
                standups.participation(firstDay, lastDay)));
        sections.add(new AgendaBuilder.Section("Overdue tasks", 5, plan.overdueLines()));
        List<String> items = database.read(tx -> repository.items(tx, from, starts)).stream()
                .map(i -> SafeText.escape(i.text()) + " (" + i.agent() + ")").toList();
        sections.add(new AgendaBuilder.Section(settings.agenda().size() > 3 ? settings.agenda().get(3) : "Next phase",
                10, items));
        return agenda.render(starts, sections);
    }

    private List<String> metricLines(Instant now) {
        return database.read(tx -> repository.metrics(tx).stream().map(m -> {
            double latest = repository.valueBefore(tx, m.name(), now.plusMillis(1)).orElse(m.baseline());
            Double weekAgo = repository.valueBefore(tx, m.name(), now.minus(Duration.ofDays(7))).orElse(null);
            return AgendaBuilder.metricLine(m, latest, weekAgo);
        }).toList());
    }

    private String decisionLine(ReviewRepository.Decision d) {
        return Times.shortDay(d.at().atZone(zone).toLocalDate()) + ", " + d.agent() + ": " + SafeText.escape(d.text());
    }

    /**
     * Which week's review a day belongs to, named by its scheduled day: a review run by hand on
     * Wednesday is that week's review, and Friday's schedule then posts nothing more.
     */
    private LocalDate weekKey(LocalDate day) {
        return day.with(java.time.temporal.TemporalAdjusters.nextOrSame(settings.day()));
    }

    /** The start of this week's review if it is still ahead (or running), else next week's. */
    private Instant nextReviewStart(Instant now) {
        LocalDate day = now.atZone(zone).toLocalDate();
        while (day.getDayOfWeek() != settings.day()) {
            day = day.plusDays(1);
        }
        Instant starts = ZonedDateTime.of(day, settings.time(), zone).toInstant();
        return now.isAfter(starts.plus(settings.duration())) ? ZonedDateTime.of(day.plusDays(7), settings.time(), zone)
                .toInstant() : starts;
    }

    private Instant weekEnd(String week) {
        Instant now = clock.instant();
        if (week == null || week.isBlank() || week.equalsIgnoreCase("this")) {
            return nextReviewStart(now);
        }
        if (week.equalsIgnoreCase("last")) {
            return nextReviewStart(now).minus(Duration.ofDays(7));
        }
        try {
            return nextReviewStart(LocalDate.parse(week).atStartOfDay(zone).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            throw new CommandException("Say which week: `this`, `last`, or a date in it like 2026-11-20.");
        }
    }

    private static String required(String text, String usage) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new CommandException(usage);
        }
        if (t.length() > MAX_TEXT) {
            throw new CommandException("Keep it under " + MAX_TEXT + " characters and link longer documents.");
        }
        return t;
    }

    /** Start-up catch-up: posts this week's agenda if the bot was down when it was due. */
    public void catchUp() {
        postAgendaScheduled();
    }
}
