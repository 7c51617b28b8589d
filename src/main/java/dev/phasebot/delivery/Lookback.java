package dev.phasebot.delivery;

/** What Slack's history says about an earlier attempt to post a row whose outcome was never recorded. */
public sealed interface Lookback {

    /** The message is there: the row is sent, at {@code ref}. */
    record Found(SentRef ref) implements Lookback {
    }

    /** The history was read and the message is not in it: posting it now makes no duplicate. */
    record Absent() implements Lookback {
    }

    /** The history could not be read (no channel id, missing scope, an error): posting may duplicate. */
    record Unknown(String why) implements Lookback {
    }
}
