package dev.phasebot.standup;

import java.time.Instant;
import java.time.LocalDate;

/** An update as stored: whose, for which day, when it came, and whether after the close. */
public record PostedUpdate(LocalDate day, String agent, StandupUpdate update, Instant postedAt, boolean late) {}
