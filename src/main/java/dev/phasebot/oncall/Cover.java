package dev.phasebot.oncall;

import java.time.Instant;

/**
 * An on-call override ({@code /oncall override}): {@code agent} takes {@code role}'s pages from
 * {@code startsAt} until {@code endsAt}, whoever the rotation or the plan names meanwhile.
 *
 * @param role      "lead", "contact", or a team's slug for its area owners' rotation
 * @param createdBy who asked for it: the lead, or the one on call handing over
 */
public record Cover(long id, String role, String agent, Instant startsAt, Instant endsAt, String createdBy) {}
