package dev.phasebot.slack;

import dev.phasebot.store.Database;
import dev.phasebot.support.PostgresServer;

/** Every test of {@link SlackUploadTest} again, with the outbox in PostgreSQL. */
class SlackUploadOnPostgresTest extends SlackUploadTest {

    private final PostgresServer.TestStore store = new PostgresServer.TestStore();

    @Override
    protected Database openStore() {
        return store.open();
    }
}
