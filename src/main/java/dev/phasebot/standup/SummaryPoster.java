package dev.phasebot.standup;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.PlanSpec;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.delivery.Outbox.DeferredDoc;
import dev.phasebot.incident.IncidentQueries.OpenIncident;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Message;
import dev.phasebot.plan.PlanService.TaskBrief;
import dev.phasebot.standup.StandupRepository.PostedUpdate;
import dev.phasebot.standup.StandupSession.StandupDay;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The closing summary (and, when the security team's update is withheld, the security
 * channel's post) and their edits when an update comes after the close. Once a day each, by its
 * dedupe key.
 *
 * <p>Neither is rendered in the write that closes the standup, or records a late update: that
 * write only names the day's summary, and the delivery worker asks for it by name when it
 * sends it ({@link #summary(String)}), outside any write, read from the store as it is then in
 * one snapshot. Building a 500-agent summary inside the write would hold up every other write
 * behind it, once per late update; named, a burst of late updates is one pending edit,
 * rendered once from the latest state.
 */
public final class SummaryPoster {

    /** The doc sources the outbox knows the summary and the security post by. */
    static final String SUMMARY = "standup-summary";

    static final String SECURITY_POST = "standup-security-post";

    private final Database database;
    private final StandupRepository repository = new StandupRepository();
    private final Outbox outbox;
    private final SecurityUpdates security;
    private final StandupDocs docs;
    private final StandupCalendar calendar;
    private final SummaryBuilder builder;
    private final Supplier<List<OpenIncident>> openIncidents;
    private final Destination channel;
    private final boolean threads;

    /**
     * Registers the summary and the security post with {@code outbox} as deferred docs.
     * {@code openIncidents}: the open CRITICAL incidents as a public channel may mention them (a
     * security incident without its title); {@code tasks}: the title and state of a task a
     * blocker names ("T3"). Both are asked when the summary is built. {@code plan}: the plan as
     * last (re)loaded, whose task ids a withheld security update's blockers may name.
     */
    public SummaryPoster(
            BotConfig config,
            Database database,
            Outbox outbox,
            StandupCalendar calendar,
            Supplier<List<OpenIncident>> openIncidents,
            Function<String, Optional<TaskBrief>> tasks,
            Supplier<PlanSpec> plan) {
        this.database = database;
        this.outbox = outbox;
        this.security = new SecurityUpdates(config, plan);
        this.docs = new StandupDocs(config.phase().zone());
        this.calendar = calendar;
        this.builder = new SummaryBuilder(config, security, tasks);
        this.openIncidents = openIncidents;
        this.channel = Destination.channel(config.standup().channel());
        this.threads = config.standup().threads();
        outbox.register(SUMMARY, this::summary);
        outbox.register(SECURITY_POST, this::securityPost);
    }

    /** The outbox dedupe key of one of the day's standup messages: each is said once a day. */
    static String key(LocalDate day, String what) {
        return "standup:" + day + ":" + what;
    }

    /** The opening post: the day's thread parent. */
    static String openKey(LocalDate day) {
        return key(day, "open");
    }

    static String summaryKey(LocalDate day) {
        return key(day, "summary");
    }

    /** The security team's updates in the security channel: once a day, like the summary it goes with. */
    static String securityUpdateKey(LocalDate day) {
        return key(day, "security-update");
    }

    /**
     * With {@code standup.thread}, a late update is noted in the thread of the day's opening
     * post, so those following the standup see it without a new post in the channel.
     */
    void noteLate(Tx tx, LocalDate day, String agent, Instant at) {
        if (threads) {
            outbox.reply(
                    tx,
                    key(day, "late:" + agent + ":" + at.toEpochMilli()),
                    openKey(day),
                    Message.of(channel, docs.lateNotice(agent, at)));
        }
    }

    /** At the close: the summary, and the security post when some withheld update was given. */
    void post(Tx tx, LocalDate day) {
        outbox.post(tx, summaryKey(day), channel, deferredSummary(day));
        if (repository.anyUpdateBy(tx, day, security.withheldAgents())) {
            outbox.post(tx, securityUpdateKey(day), security.channel(), deferredSecurityPost(day));
        }
    }

    /**
     * Has the summary edited in place once the day has closed; true when it had. When
     * {@code agent}'s update is withheld its security-channel post follows: posted now if the
     * close had none to post (the update came late), edited in place otherwise.
     */
    boolean amendIfClosed(Tx tx, LocalDate day, String agent) {
        return amendIfClosed(tx, day, repository.find(tx, day), agent);
    }

    /** As above, with the day's standup already read in this transaction. */
    boolean amendIfClosed(Tx tx, LocalDate day, Optional<StandupDay> standup, String agent) {
        if (standup.isEmpty() || !standup.get().isClosed()) {
            return false;
        }
        outbox.refresh(tx, summaryKey(day), channel, deferredSummary(day));
        if (security.isWithheld(agent)
                && !outbox.post(tx, securityUpdateKey(day), security.channel(), deferredSecurityPost(day))) {
            outbox.refresh(tx, securityUpdateKey(day), security.channel(), deferredSecurityPost(day));
        }
        return true;
    }

    /** The day's updates as they stand, and who is out. */
    private record Reading(StandupDay day, List<PostedUpdate> updates, List<OutOfOffice> out) {}

    /** As the delivery worker asks for it; {@code day}: ISO date of a standup that has closed. */
    private Doc summary(String day) {
        LocalDate date = LocalDate.parse(day);
        Reading reading = database.read(tx -> new Reading(
                repository
                        .find(tx, date)
                        .orElseThrow(() -> new IllegalStateException("no standup on " + day + " to summarise")),
                repository.updates(tx, date),
                repository.outOfOffice(tx, date)));
        return docs.summary(builder.summary(
                reading.day(), reading.updates(), reading.out(), closedLate(reading.day()), openIncidents.get()));
    }

    private Doc securityPost(String day) {
        LocalDate date = LocalDate.parse(day);
        return docs.securityPost(builder.securityPost(date, database.read(tx -> repository.updates(tx, date))));
    }

    /**
     * How long after its time the standup closed, from the stored day, so every rendering (the
     * first and each edit) says the same: the close is due a window after the opening, when its
     * timer fires; a close by the lead before then is not late.
     */
    private Duration closedLate(StandupDay day) {
        if (day.openedAt() == null || day.closedAt() == null) {
            return null;
        }
        Duration late = Duration.between(calendar.closeAt(day.openedAt()), day.closedAt());
        return late.isNegative() ? Duration.ZERO : late;
    }

    private static DeferredDoc deferredSummary(LocalDate day) {
        return new DeferredDoc(SUMMARY, day.toString());
    }

    private static DeferredDoc deferredSecurityPost(LocalDate day) {
        return new DeferredDoc(SECURITY_POST, day.toString());
    }
}
