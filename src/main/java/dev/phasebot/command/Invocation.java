package dev.phasebot.command;

/** One command as a handler receives it: who runs it (a linked agent), and its checked arguments. */
public record Invocation(Caller caller, String agent, Args args) {}
