package dev.phasebot.schedule;

import java.time.Instant;

/** Something that will call {@link TimerService#fire} near a timer's due time (Quartz, in the bot). */
public interface TimerArming {

    void arm(long timerId, Instant dueAt);

    /** For tests and the console: nothing is armed; due timers run through {@link TimerService#runDue}. */
    TimerArming NONE = (id, due) -> {};
}
