package dev.phasebot.store;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the work a committed transaction left behind; one failing piece does not stop the rest. */
final class AfterCommit {

    private static final Logger log = LoggerFactory.getLogger(AfterCommit.class);

    private AfterCommit() {}

    static void runAll(List<Runnable> work) {
        for (Runnable each : work) {
            try {
                each.run();
            } catch (RuntimeException e) {
                // the transaction is committed: its caller must hear that, not this
                log.error("work after a commit failed", e);
            }
        }
    }
}
