package dev.phasebot.review;

import java.time.Instant;

/** An architectural decision as logged: when, by whom, what, and the task or gate it names first (or null). */
public record Decision(Instant at, String agent, String text, String link) {}
