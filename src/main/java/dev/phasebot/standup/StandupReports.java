package dev.phasebot.standup;

import dev.phasebot.config.Agent;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.PlanSpec;
import dev.phasebot.phase.Phases;
import dev.phasebot.standup.StandupRepository.PostedUpdate;
import dev.phasebot.standup.StandupSession.StandupDay;
import dev.phasebot.store.CommittedCache;
import dev.phasebot.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the standup tables say, read only: today's status, past updates, out-of-office periods,
 * and participation for the weekly review. None of them carries a withheld update
 * ({@link SecurityUpdates}) to anyone who may not read the security channel; the status
 * carries no update at all.
 */
public final class StandupReports {

    private final BotConfig config;
    private final Database database;
    private final StandupRepository repository = new StandupRepository();
    private final StandupCalendar calendar;
    private final Clock clock;
    private final SecurityUpdates security;
    /**
     * The status is the same for every caller until something commits or its opening time passes:
     * under a burst of asking, read once.
     */
    private final CommittedCache<StatusKey, StandupStatus> statusOfDay;

    /** {@code plan}: the plan as last (re)loaded, whose task ids a withheld security update's blockers may name. */
    public StandupReports(
            BotConfig config, Database database, StandupCalendar calendar, Clock clock, Supplier<PlanSpec> plan) {
        this.config = config;
        this.database = database;
        this.calendar = calendar;
        this.clock = clock;
        this.security = new SecurityUpdates(config, plan);
        this.statusOfDay = new CommittedCache<>(database);
    }

    /** {@code /standup status}: where today's standup stands and who has posted. */
    public StandupStatus status() {
        Instant now = clock.instant();
        LocalDate day = calendar.dayOf(now);
        boolean beforeOpening = now.isBefore(calendar.openAt(day));
        return statusOfDay.get(new StatusKey(day, beforeOpening), tx -> {
            Optional<StandupDay> standup = repository.find(tx, day);
            List<StandupStatus.Posted> posted = repository.postedTimes(tx, day);
            Set<String> out = repository.outOfOffice(tx, day).stream()
                    .map(OutOfOffice::agent)
                    .collect(Collectors.toSet());
            StandupStatus.State state;
            Instant at;
            if (standup.isPresent() && standup.get().isClosed()) {
                state = StandupStatus.State.CLOSED;
                at = standup.get().closedAt();
            } else if (standup.isPresent()) {
                state = StandupStatus.State.OPEN;
                at = calendar.closeAt(standup.get().openedAt());
            } else if (calendar.isStandupDay(day)) {
                state = beforeOpening ? StandupStatus.State.OPENS : StandupStatus.State.NOT_OPENED;
                at = calendar.openAt(day);
            } else {
                state = StandupStatus.State.NONE;
                at = null;
            }
            Set<String> postedAgents =
                    posted.stream().map(StandupStatus.Posted::agent).collect(Collectors.toSet());
            List<String> missing = config.agents().stream()
                    .map(Agent::id)
                    .filter(a -> !postedAgents.contains(a) && !out.contains(a))
                    .toList();
            return new StandupStatus(
                    day, state, at, posted, missing, out.stream().sorted().toList());
        });
    }

    /** What the status depends on besides the committed rows: the day, and whether its standup is still to come. */
    private record StatusKey(LocalDate day, boolean beforeOpening) {}

    /**
     * {@code /standup history}: updates of the last {@code days} days, newest first; a withheld
     * update in full only when {@code reader} may see it.
     */
    public StandupHistory history(String reader, String agentOrNull, int days) {
        LocalDate first = calendar.dayOf(clock.instant()).minusDays(days - 1L);
        List<PostedUpdate> updates = database.read(tx -> repository.updatesSince(tx, first, agentOrNull));
        return new StandupHistory(
                agentOrNull,
                days,
                updates.stream()
                        .map(p -> new StandupHistory.Entry(
                                p, security.maySee(reader, p.agent()) ? null : security.given(p.update())))
                        .toList());
    }

    /**
     * {@code /standup history phase <name>}: the updates posted in one phase's span of history,
     * newest first; withheld ones as for {@link #history(String, String, int)}.
     */
    public StandupHistory history(String reader, String agentOrNull, Phases.Window phase) {
        List<PostedUpdate> updates =
                database.read(tx -> repository.updatesPostedBetween(tx, phase.from(), phase.until(), agentOrNull));
        return new StandupHistory(
                agentOrNull,
                0,
                phase.phase().name(),
                updates.stream()
                        .map(p -> new StandupHistory.Entry(
                                p, security.maySee(reader, p.agent()) ? null : security.given(p.update())))
                        .toList());
    }

    /** {@code /standup ooo list}: current and upcoming out-of-office periods, one agent's or everyone's. */
    public List<OutOfOffice> outOfOfficeList(String agentOrNull) {
        LocalDate today = calendar.dayOf(clock.instant());
        return database.read(tx -> repository.outOfOfficeFrom(tx, today, agentOrNull));
    }

    /**
     * Standup participation between two days (inclusive) for the weekly review: per agent,
     * updates posted out of standups held, and the blockers in each agent's latest update.
     */
    public Participation participation(LocalDate first, LocalDate last) {
        return database.read(tx -> {
            List<LocalDate> held = new ArrayList<>();
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                if (repository.find(tx, d).isPresent()) {
                    held.add(d);
                }
            }
            if (held.isEmpty()) {
                return new Participation(first, last, 0, List.of());
            }
            List<PostedUpdate> updates = repository.updatesSince(tx, first, null).stream()
                    .filter(p -> !p.day().isAfter(last))
                    .toList();
            List<Participation.Agent> agents = new ArrayList<>();
            for (Agent agent : config.agents()) {
                List<PostedUpdate> mine = updates.stream()
                        .filter(p -> p.agent().equals(agent.id()))
                        .toList();
                int posted = (int) mine.stream()
                        .map(PostedUpdate::day)
                        .filter(held::contains)
                        .distinct()
                        .count();
                // The agenda goes to a channel anyone in the phase reads: a withheld update names tasks only.
                String blocked = mine.stream()
                        .max(Comparator.comparing(PostedUpdate::day))
                        .filter(p -> !UpdateParser.saysNothing(p.update().blockers()))
                        .map(p -> security.isWithheld(p.agent())
                                ? security.given(p.update())
                                : p.update().blockers())
                        .orElse(null);
                agents.add(new Participation.Agent(agent.id(), posted, blocked));
            }
            return new Participation(first, last, held.size(), agents);
        });
    }

    /**
     * Updates of the last {@code days} days (or of one {@code phase}, by its name; else null), newest
     * first, as one reader may see them: an entry's
     * {@code withheld} text (what a public place says of it) replaces the update when the reader
     * may not read it.
     */
    public record StandupHistory(String agentOrNull, int days, String phase, List<Entry> entries) {

        public StandupHistory {
            entries = List.copyOf(entries);
        }

        /** The last {@code days} days, whatever phase they were in. */
        public StandupHistory(String agentOrNull, int days, List<Entry> entries) {
            this(agentOrNull, days, null, entries);
        }

        /** One update; {@code withheld} is null when the reader may see it in full. */
        public record Entry(PostedUpdate posted, String withheld) {}
    }

    /**
     * Standup participation between two days for the weekly review: how many standups were held,
     * and per agent how many of them they posted in and the blockers of their latest update
     * (for a withheld update only what a public place may say of it).
     */
    public record Participation(LocalDate first, LocalDate last, int held, List<Agent> agents) {

        public Participation {
            agents = List.copyOf(agents);
        }

        /** {@code stillBlocked} is null when the latest update names no blocker. */
        public record Agent(String agent, int posted, String stillBlocked) {}
    }
}
