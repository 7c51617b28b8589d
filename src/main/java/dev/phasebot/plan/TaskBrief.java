package dev.phasebot.plan;

/** A task as another feature names it: the standup summary's "T3 Model Architecture Design (blocked)". */
public record TaskBrief(String id, String title, String status) {}
