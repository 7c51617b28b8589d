package dev.phasebot.review;

import java.time.Instant;

/** A topic for the review (a next-phase planning item): when, by whom, what. */
public record Topic(Instant at, String agent, String text) {}
