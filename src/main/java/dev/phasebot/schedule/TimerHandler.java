package dev.phasebot.schedule;

import dev.phasebot.store.Tx;
import java.time.Instant;

/**
 * What a kind of timer does when it fires, registered by name with {@link TimerService#on}. It
 * runs inside the transaction that marks the timer fired, so its state changes and messages
 * commit together with that mark, or not at all.
 */
@FunctionalInterface
public interface TimerHandler {

    void onDue(Tx tx, Timer timer, Instant now);
}
