package dev.phasebot.standup;

import java.time.LocalDate;

/** The outbox dedupe keys of a day's standup messages: each is said once a day. */
final class StandupKeys {

    private StandupKeys() {}

    /** The opening post: the day's thread parent. */
    static String open(LocalDate day) {
        return of(day, "open");
    }

    static String summary(LocalDate day) {
        return of(day, "summary");
    }

    /** The security team's updates in the security channel: once a day, like the summary it goes with. */
    static String securityUpdate(LocalDate day) {
        return of(day, "security-update");
    }

    static String of(LocalDate day, String what) {
        return "standup:" + day + ":" + what;
    }
}
