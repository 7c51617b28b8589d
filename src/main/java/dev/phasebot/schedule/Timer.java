package dev.phasebot.schedule;

import java.time.Instant;

/** A durable one-shot timer: a row in the store, fired at most once. */
public record Timer(long id, String kind, String subject, Instant dueAt) {}
