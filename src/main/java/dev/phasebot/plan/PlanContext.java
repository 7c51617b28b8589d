package dev.phasebot.plan;

import dev.phasebot.command.CommandException;
import dev.phasebot.config.BotConfig;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Outbox;
import dev.phasebot.message.SafeText;
import dev.phasebot.message.Times;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the plan's services share: the store, the clock, who the lead is, the rules for finding
 * a task or a gate by what a user typed, how times read, and the one way a change is run.
 */
final class PlanContext {

    /** The answer to a change, and whether anything changed (an "already" answer changes nothing). */
    record Outcome(String text, boolean changed) {
        static Outcome changed(String text) {
            return new Outcome(text, true);
        }

        static Outcome unchanged(String text) {
            return new Outcome(text, false);
        }
    }

    final BotConfig config;
    final Database database;
    final Outbox outbox;
    final AuditLog audit;
    final Clock clock;
    final PlanRepository repository = new PlanRepository();
    final DueDates dueDates;
    final Destination channel;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    PlanContext(BotConfig config, Database database, Outbox outbox, AuditLog audit, Clock clock) {
        this.config = config;
        this.database = database;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.dueDates = new DueDates(config.phase().start(), config.phase().zone());
        this.channel = Destination.channel(config.standup().channel());
    }

    void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Runs a change of the plan in one transaction and tells the listeners once it committed. */
    <T> T change(Database.TxWork<T> work) {
        T result = database.inTransaction(work);
        changed();
        return result;
    }

    /**
     * Runs a change that may find there is nothing to do; the listeners (the App Home, which
     * calls Slack) hear only of real changes.
     */
    String answer(Database.TxWork<Outcome> work) {
        Outcome outcome = database.inTransaction(work);
        if (outcome.changed()) {
            changed();
        }
        return outcome.text();
    }

    void changed() {
        changeListeners.forEach(Runnable::run);
    }

    PlanSnapshot snapshot(Tx tx) {
        return new PlanSnapshot(repository.tasks(tx), repository.gates(tx));
    }

    Task task(PlanSnapshot plan, String id) {
        return plan.task(normaliseRef(id)).orElseThrow(() -> new CommandException("There is no task `"
                + SafeText.escape(id) + "`. `/task list` shows them."));
    }

    Gate gate(PlanSnapshot plan, int number) {
        return plan.gate(number).orElseThrow(() -> new CommandException("There is no gate " + number
                + ". `/gate list` shows them."));
    }

    boolean isLead(String agent) {
        return config.lead().id().equals(agent);
    }

    void requireOwnerOrLead(String agent, Task task, String what) {
        if (!agent.equals(task.owner()) && !isLead(agent)) {
            throw new CommandException("Only " + task.id() + "'s owner (" + task.owner() + ") or the lead ("
                    + config.lead().id() + ") may " + what + " " + task.id() + ".");
        }
    }

    ZoneId zone() {
        return config.phase().zone();
    }

    /** "Tue 24 Nov 09:14 EST" (with the year when it is not this one). */
    String dayAndClock(Instant at, Instant now) {
        return Times.dayAndClock(at, zone(), now);
    }

    /** "at 09:14 EST" today, "on Mon 23 Nov 09:14 EST" another day. */
    String atOrOn(Instant at, Instant now) {
        boolean today = at.atZone(zone()).toLocalDate().equals(now.atZone(zone()).toLocalDate());
        return today ? "at " + Times.clockWithZone(at, zone()) : "on " + dayAndClock(at, now);
    }

    /** "Tue 24 Nov" (with the year when it is not this one). */
    String shortDay(Instant at, Instant now) {
        return Times.shortDay(at.atZone(zone()).toLocalDate(), now.atZone(zone()).toLocalDate());
    }

    /** "T3", "gate:2" from "#T3", "t3", "gate 2", "Gate:2". */
    static String normaliseRef(String ref) {
        String r = ref == null ? "" : ref.strip();
        if (r.startsWith("#")) {
            r = r.substring(1);
        }
        if (r.toLowerCase().startsWith("gate:")) {
            return "gate:" + r.substring(5).strip();
        }
        if (r.toLowerCase().startsWith("gate")) {
            return "gate:" + r.substring(4).strip();
        }
        return r.toUpperCase();
    }
}
