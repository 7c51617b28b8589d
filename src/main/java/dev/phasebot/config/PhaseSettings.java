package dev.phasebot.config;

import java.time.LocalDate;
import java.time.ZoneId;

/** The phase as a whole: its name, first day, the zone every schedule is read in, and the docs link. */
public record PhaseSettings(String name, LocalDate start, ZoneId zone, String docs) {}
