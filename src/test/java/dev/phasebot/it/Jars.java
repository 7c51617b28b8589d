package dev.phasebot.it;

import dev.phasebot.support.SignedSlackClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** What the tests of the packaged jar share: a free port, and waiting on the jar as another process. */
final class Jars {

    private Jars() {}

    /** A port nothing listens on now, for the jar to take. */
    static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** Waits until the jar answers a signed command as the lead (U0LEAD) with more than "starting". */
    static void awaitServing(SignedSlackClient client, Process jar, Path err) throws Exception {
        awaitFor(
                () -> {
                    try {
                        String answer = client.slashCommand("U0LEAD", "/standup", "status")
                                .body();
                        return answer.contains("\"response_type\":\"ephemeral\"") && !answer.contains("is starting");
                    } catch (java.net.ConnectException notYet) {
                        return false;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                30_000,
                "the bot answered",
                jar,
                err);
    }

    /** Waits up to a minute for {@code condition}, failing with the jar's stderr when it never holds or the jar died. */
    static void await(BooleanSupplier condition, String what, Process jar, Path err) throws Exception {
        awaitFor(condition, 60_000, what, jar, err);
    }

    private static void awaitFor(BooleanSupplier condition, long millis, String what, Process jar, Path err)
            throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline || !jar.isAlive()) {
                throw new AssertionError(
                        "never happened: " + what + " (alive: " + jar.isAlive() + "): " + Files.readString(err));
            }
            Thread.sleep(100); // polling another process, not timing
        }
    }
}
