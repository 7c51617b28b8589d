package dev.phasebot.review;

import dev.phasebot.config.BotConfig;
import dev.phasebot.message.Outbox;
import dev.phasebot.schedule.TimerService;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import java.time.Clock;
import java.util.List;

/**
 * The weekly technical review, the one entry point for commands and the scheduler: the
 * {@link ReviewLog} records decisions, metrics and topics during the week; {@link ReviewAgenda}
 * builds the agenda from them and from what the other features report ({@link ReviewInputs});
 * {@link ReviewSession} posts it before Friday 14:00, runs the hour and posts the record.
 * Answers are values; {@link ReviewDocs} says how they read.
 */
public final class ReviewService {

    private final Clock clock;
    private final ReviewLog log;
    private final ReviewAgenda agenda;
    private final ReviewSession session;
    private final ReviewCalendar calendar;

    public ReviewService(
            BotConfig config,
            Database database,
            Outbox outbox,
            TimerService timers,
            AuditLog audit,
            Clock clock,
            ReviewInputs inputs) {
        this.clock = clock;
        ReviewRepository repository = new ReviewRepository();
        this.calendar = new ReviewCalendar(config.review(), config.phase().zone());
        this.log = new ReviewLog(config.review(), database, audit, clock, repository, calendar);
        this.agenda = new ReviewAgenda(config.review(), log, inputs, calendar);
        this.session = new ReviewSession(
                config,
                database,
                outbox,
                timers,
                audit,
                repository,
                calendar,
                agenda,
                new ReviewDocs(config),
                inputs.actionItems());
    }

    // --- recording during the week ---

    /** {@code /decision}: logs a decision for the next review; naming a task or gate links it. */
    public DecisionLogged decide(String agent, String text) {
        return log.decide(agent, text);
    }

    /** {@code /decision list [this|last|<date>]}: the decisions of one review week. */
    public DecisionWeek decisions(String week) {
        return log.decisions(week);
    }

    /** {@code /metric}: records a value; the first one is the baseline and fixes the unit. */
    public MetricRecorded recordMetric(String agent, String name, double value, String unit, Boolean lowerIsBetter) {
        return log.recordMetric(agent, name, value, unit, lowerIsBetter);
    }

    /** {@code /metric list}: latest value, baseline and week-over-week change of every metric. */
    public List<MetricReading> metrics() {
        return log.metrics(clock.instant());
    }

    /** {@code /review item}: a topic for the next review. */
    public TopicAdded addItem(String agent, String text) {
        return log.addTopic(agent, text);
    }

    // --- the review itself ---

    /**
     * The cron job before the review (and the start-up catch-up): on the review day, between
     * agenda time and the end of the review, posts the agenda once and arms the open and close
     * timers. Holidays skip the review.
     */
    public boolean postAgendaScheduled() {
        return session.postAgendaScheduled(clock.instant());
    }

    /** {@code /review preview}: the agenda as it would be posted now. */
    public Agenda preview() {
        return agenda.build(calendar.nextStart(clock.instant()), clock.instant());
    }

    /** {@code /review open}: the leader runs this week's review now, off-schedule. */
    public ReviewOpened openNow(String agent) {
        return session.openNow(agent, clock.instant());
    }

    /** {@code /review close}: the leader ends the running review now; the record and action items follow at once. */
    public ReviewClosed closeNow(String agent) {
        return session.closeNow(agent, clock.instant());
    }

    /** {@code /review notes}: a note, or with {@code action: <agent> <text>} an action item, while the review runs. */
    public NoteTaken note(String agent, String text) {
        return session.note(agent, text, clock.instant());
    }

    /** Start-up catch-up: posts this week's agenda if the bot was down when it was due. */
    public void catchUp() {
        postAgendaScheduled();
    }
}
