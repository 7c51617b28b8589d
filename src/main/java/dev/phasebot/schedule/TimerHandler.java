package dev.phasebot.schedule;

import dev.phasebot.store.Tx;
import java.time.Instant;

/**
 * What a kind of timer does when it fires. It runs inside the transaction that marks the
 * timer fired, so its state changes and messages commit together with that mark, or not at all.
 */
public interface TimerHandler {

    String kind();

    void onDue(Tx tx, Timer timer, Instant now);

    /** A handler from a lambda. */
    static TimerHandler of(String kind, Action action) {
        return new TimerHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public void onDue(Tx tx, Timer timer, Instant now) {
                action.onDue(tx, timer, now);
            }
        };
    }

    /** The body of a handler. */
    @FunctionalInterface
    interface Action {
        void onDue(Tx tx, Timer timer, Instant now);
    }
}
