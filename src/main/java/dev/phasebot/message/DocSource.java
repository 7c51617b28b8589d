package dev.phasebot.message;

/**
 * Renders a doc at delivery, for a message too costly to render inside the write that causes it
 * (the closing summary of a large standup). A feature registers one under a name
 * ({@link Outbox#register}); an outbox row names it and an argument ({@link DeferredDoc}), and
 * the delivery worker asks for the doc when it sends the row, outside any write, so it reads the
 * state as it is then.
 */
@FunctionalInterface
public interface DocSource {

    /** The doc for {@code argument} as of now; reads through the database's read connections only. */
    Doc render(String argument);
}
