package dev.phasebot.api;

import dev.phasebot.message.Refusal;

/**
 * The HTTP status of the core's refusal. A {@link Refusal} carries no kind, only its words,
 * and the core words the two kinds that are not bad input the same way everywhere: a
 * permission refusal names who may ("Only the lead (...) may ..."), an unknown item says
 * "There is no task T99". Reading that here keeps the core untouched; {@code ApiHandlerTest}
 * pins both against real refusals, so a rewording shows up as a failing test, not a wrong status.
 */
final class RefusalStatus {

    private RefusalStatus() {}

    static int of(Refusal refusal) {
        String said = refusal.getMessage().strip();
        if (said.startsWith("Only ")) {
            return 403;
        }
        if (said.startsWith("There is no ")) {
            return 404;
        }
        return 400;
    }
}
