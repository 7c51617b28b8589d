package dev.phasebot.config;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;

/**
 * Who takes a role's pages in turn ({@code oncall.<role>} in bot-config.yml): the agents in
 * order, each for one shift. Shifts are counted from the first hand-off day at or after the
 * phase's start and change hands at {@code handOffTime} in the phase's zone, so a hand-off
 * stays at 09:00 local across a DST change.
 *
 * @param shift whole days (P1D, P7D): a shift of hours would fall off local time at DST
 */
public record OnCallRotation(List<String> agents, DayOfWeek handOffDay, LocalTime handOffTime, Period shift) {

    /** The roles a rotation may take: the ones a milestone's {@code notify:} names as one person. */
    public static final List<String> ROLES = List.of("lead", "contact");
}
