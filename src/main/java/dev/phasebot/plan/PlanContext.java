package dev.phasebot.plan;

import dev.phasebot.config.BotConfig;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Outbox;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the plan's services share: the store, the clock, who the lead is, the rules for finding
 * a task or a gate by what a user typed, how its posts read, and the one way a change is run.
 */
final class PlanContext {

    /** What a change did, and whether anything changed (an "already" answer changes nothing). */
    record Outcome<T>(T value, boolean changed) {
        static <T> Outcome<T> changed(T value) {
            return new Outcome<>(value, true);
        }

        static <T> Outcome<T> unchanged(T value) {
            return new Outcome<>(value, false);
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
    final PlanTimes times;
    final PlanDocs docs;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    PlanContext(BotConfig config, Database database, Outbox outbox, AuditLog audit, Clock clock) {
        this.config = config;
        this.database = database;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.dueDates = new DueDates(config.phase().start(), config.phase().zone());
        this.channel = Destination.channel(config.standup().channel());
        this.times = new PlanTimes(config.phase().zone());
        this.docs = new PlanDocs(config.phase().zone(), clock);
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
    <T> T answer(Database.TxWork<Outcome<T>> work) {
        Outcome<T> outcome = database.inTransaction(work);
        if (outcome.changed()) {
            changed();
        }
        return outcome.value();
    }

    void changed() {
        changeListeners.forEach(Runnable::run);
    }

    PlanSnapshot snapshot(Tx tx) {
        return new PlanSnapshot(repository.tasks(tx), repository.gates(tx));
    }

    Task task(PlanSnapshot plan, String id) {
        return plan.task(normaliseRef(id)).orElseThrow(() -> noTask(id));
    }

    static Refusal noTask(String id) {
        return Refusal.of("task", "There is no task ", Span.code(id), ". ", Span.code("/task list"), " shows them.");
    }

    Gate gate(PlanSnapshot plan, int number) {
        return plan.gate(number).orElseThrow(() -> noGate(number));
    }

    static Refusal noGate(int number) {
        return Refusal.of("gate", "There is no gate " + number + ". ", Span.code("/gate list"), " shows them.");
    }

    boolean isLead(String agent) {
        return config.lead().id().equals(agent);
    }

    void requireOwnerOrLead(String agent, Task task, String what) {
        if (!agent.equals(task.owner()) && !isLead(agent)) {
            throw Refusal.of(
                    "task",
                    "Only " + task.id() + "'s owner (" + task.owner() + ") or the lead ("
                            + config.lead().id() + ") may " + what + " " + task.id() + ".");
        }
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
