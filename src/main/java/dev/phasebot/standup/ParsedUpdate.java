package dev.phasebot.standup;

/**
 * An inline update as read: the sections given, and whether some of its text came before any
 * label and was taken as today's commitments ({@code /standup finishing the report}).
 */
public record ParsedUpdate(StandupUpdate update, boolean unlabeled) {}
