package dev.phasebot.plan;

import dev.phasebot.store.Database;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one way the plan is changed: in one transaction, after which whoever listens (the Slack
 * App Home, which refreshes) is told. A change that finds what was asked already so ("already")
 * changes nothing, so the listeners do not hear of it.
 */
public final class PlanWriter {

    /** What a change did, and whether anything changed (an "already" answer changes nothing). */
    public record Outcome<T>(T value, boolean changed) {
        public static <T> Outcome<T> changed(T value) {
            return new Outcome<>(value, true);
        }

        public static <T> Outcome<T> unchanged(T value) {
            return new Outcome<>(value, false);
        }
    }

    private final Database database;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    public PlanWriter(Database database) {
        this.database = database;
    }

    /** Told after every change to the plan (the Slack App Home refreshes on it). */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Runs a change of the plan in one transaction and tells the listeners once it committed. */
    public <T> T change(Database.TxWork<T> work) {
        T result = database.inTransaction(work);
        changed();
        return result;
    }

    /**
     * Runs a change that may find there is nothing to do; the listeners (the App Home, which
     * calls Slack) hear only of real changes.
     */
    public <T> T answer(Database.TxWork<Outcome<T>> work) {
        Outcome<T> outcome = database.inTransaction(work);
        if (outcome.changed()) {
            changed();
        }
        return outcome.value();
    }

    private void changed() {
        changeListeners.forEach(Runnable::run);
    }
}
