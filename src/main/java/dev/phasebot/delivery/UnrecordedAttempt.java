package dev.phasebot.delivery;

import java.time.Instant;

/**
 * An earlier attempt to post {@code delivery} whose outcome was never written: the process
 * died during the call, or the call failed in a way that leaves open whether Slack posted it.
 * {@code knownChannel} is the Slack channel where earlier messages to the same destination
 * landed (null when none has), for destinations addressed by a name Slack's history does not take.
 */
public record UnrecordedAttempt(OutgoingDelivery delivery, Instant startedAt, String knownChannel) {}
