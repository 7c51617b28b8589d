package dev.phasebot.phase;

import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.phase.Phases.Entered;
import dev.phasebot.phase.Phases.Phase;
import dev.phasebot.plan.PlanWriter;
import dev.phasebot.store.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A phase's beginning and end as the team sees them: the start-up step that begins the config's
 * phase (superseding the one before when nobody closed it, its open incidents carried over), and
 * {@code /phase list}. Each change and what it tells the coordination channel commit together.
 */
public final class PhaseLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PhaseLifecycle.class);

    private final BotConfig config;
    private final Phases phases;
    private final PlanWriter writer;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final Phases.Freezer freezer;
    private final PhaseDocs docs;
    private final Destination coordination;

    public PhaseLifecycle(
            BotConfig config,
            Phases phases,
            PlanWriter writer,
            Outbox outbox,
            AuditLog audit,
            Clock clock,
            Phases.Freezer freezer) {
        this.config = config;
        this.phases = phases;
        this.writer = writer;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.freezer = freezer;
        this.docs = new PhaseDocs(config.phase().zone());
        this.coordination = Destination.channel(config.standup().channel());
    }

    /**
     * Begins the config's phase at start-up, before its plan is loaded: a new {@code phase.name}
     * ends the current phase and empties the live plan for the new one. Says so in the log and,
     * for a next phase, in the coordination channel.
     */
    public Entered enterAtStartUp(LocalDate firstDay) {
        String name = config.phase().name();
        Instant now = clock.instant();
        Entered entered = writer.change(tx -> {
            Entered e = phases.enter(tx, name, firstDay, now, freezer);
            if (e.previous().isPresent()) {
                Phase previous = e.previous().get();
                audit.record(
                        tx,
                        now,
                        "phasebot",
                        "phase.begin",
                        name + (e.superseded() ? " (superseded " : " (after ") + previous.name() + ")");
                outbox.post(tx, "phase-began:" + name, Message.of(coordination, docs.began(e)));
            }
            return e;
        });
        if (entered.first()) {
            log.info("Phase \"{}\" recorded as this install's first phase", name);
        } else if (entered.previous().isPresent()) {
            Phase previous = entered.previous().get();
            log.info(
                    "Phase \"{}\" began: \"{}\" {}; its plan archived; {} open incident(s) carried over",
                    name,
                    previous.name(),
                    entered.superseded() ? "superseded (nobody closed it)" : "had been closed",
                    entered.carriedOver().size());
        }
        return entered;
    }

    PhaseDocs docs() {
        return docs;
    }

    /** {@code /phase list}: every phase of this install, in order. */
    public List<Phase> list() {
        return phases.all();
    }
}
