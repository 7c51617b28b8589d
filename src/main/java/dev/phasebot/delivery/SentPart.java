package dev.phasebot.delivery;

/**
 * One message of a delivered outbox row as Slack has it. A doc longer than one Slack message
 * goes out as parts: part 0 is the message, the others are replies in its thread. {@code digest}
 * says what was sent (the transport's own fingerprint of it), so an edit leaves an unchanged part
 * alone; null when unknown, as for a post found in Slack's history after a crash.
 */
public record SentPart(int index, SentRef ref, String digest) {}
