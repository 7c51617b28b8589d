package dev.phasebot.config;

/**
 * A team of the plan. Teams are listed in the plan's priority order; {@code security} marks
 * the team whose update opens every standup and who may see security incident details.
 */
public record Team(String name, boolean security) {}
