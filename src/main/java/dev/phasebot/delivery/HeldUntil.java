package dev.phasebot.delivery;

import java.time.Instant;

/** A call the pacer holds back: it may go at {@code until}, not before; {@code why} is for the log. */
public record HeldUntil(Instant until, String why) {}
