package dev.phasebot.command;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of one command, read and checked by the shared parsers: ids are numbers,
 * task refs are upper case ({@code T3}), gate refs are numbers, plan refs are {@code T3} or
 * {@code gate:2}, agents are ids of the phase, texts have mentions read as agents.
 */
public final class Args {

    private final Map<String, Object> values;

    Args(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    /** Arguments as a feature's own code (a button, a test) would give them. */
    public static Args of(Map<String, Object> values) {
        return new Args(values);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public long incident(String name) {
        return (Long) required(name);
    }

    public String task(String name) {
        return (String) required(name);
    }

    public int gate(String name) {
        return (Integer) required(name);
    }

    /** {@code T3} or {@code gate:2}. */
    public String planRef(String name) {
        return (String) required(name);
    }

    public String agent(String name) {
        return (String) required(name);
    }

    public Optional<String> optionalAgent(String name) {
        return Optional.ofNullable((String) values.get(name));
    }

    public String slackUser(String name) {
        return (String) required(name);
    }

    public LocalDate date(String name) {
        return (LocalDate) required(name);
    }

    public int integer(String name) {
        return (Integer) required(name);
    }

    public Optional<Integer> optionalInteger(String name) {
        return Optional.ofNullable((Integer) values.get(name));
    }

    public double number(String name) {
        return (Double) required(name);
    }

    /** A word, a choice (lower case) or a text; empty string when an optional one was left out. */
    public String text(String name) {
        Object value = values.get(name);
        return value == null ? "" : (String) value;
    }

    /** A choice as typed in lower case, or empty when left out. */
    public Optional<String> optionalText(String name) {
        Object value = values.get(name);
        return value == null || ((String) value).isEmpty() ? Optional.empty() : Optional.of((String) value);
    }

    private Object required(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("no argument " + name + " (the command table and its handler disagree)");
        }
        return value;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
