package dev.phasebot.delivery;

import java.util.List;

/** What Slack's history says about an earlier attempt to post a row whose outcome was never recorded. */
public sealed interface Lookback {

    /**
     * The message is there, at {@code ref}. {@code done}: the row is sent. Otherwise the message
     * is only the first of its parts: {@code parts} are to be recorded, and the rest sent.
     */
    record Found(SentRef ref, List<SentPart> parts, boolean done) implements Lookback {

        public Found {
            parts = List.copyOf(parts);
        }

        /** The whole message is there: the row is sent. */
        public Found(SentRef ref) {
            this(ref, List.of(), true);
        }
    }

    /** The history was read and the message is not in it: posting it now makes no duplicate. */
    record Absent() implements Lookback {}

    /** The history could not be read (no channel id, missing scope, an error): posting may duplicate. */
    record Unknown(String why) implements Lookback {}
}
