package dev.phasebot.store;

/**
 * Which queued write the writer takes first. A deadline must never wait behind a burst of
 * updates: a timer firing is taken before delivery bookkeeping, and both before requests.
 * Within one priority, writes are taken in the order they were queued.
 */
public enum WritePriority {
    /** A timer firing: an escalation deadline is late by however long it queues. */
    DEADLINE,
    /** The delivery worker recording what it sent: the outbox stalls until it is written. */
    DELIVERY,
    /** Everything else: commands, updates, the standup opening and closing. */
    NORMAL
}
