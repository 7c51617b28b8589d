package dev.phasebot.review;

/** {@code /decision}: the decision's id and the task or gate it links to (null when it names none). */
public record DecisionLogged(long id, String link) {}
