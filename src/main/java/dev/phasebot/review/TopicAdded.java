package dev.phasebot.review;

/** {@code /review item}: the topic's id and the agenda heading it will be under. */
public record TopicAdded(long id, String heading) {}
