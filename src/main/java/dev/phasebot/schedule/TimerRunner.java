package dev.phasebot.schedule;

/** What the scheduler calls when a timer's trigger or the watchdog fires: the timer rows' owner. */
public interface TimerRunner {

    /** Fires one timer if it is still pending; false when it already fired or was cancelled. */
    boolean fire(long timerId);

    /** Fires every due timer, oldest due first; returns how many fired. */
    int runDue();
}
