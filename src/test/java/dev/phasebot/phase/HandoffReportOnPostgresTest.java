package dev.phasebot.phase;

import dev.phasebot.store.Database;
import dev.phasebot.support.PostgresServer;

/** Every handoff report test of {@link HandoffReportTest} again, the phase's history in PostgreSQL. */
class HandoffReportOnPostgresTest extends HandoffReportTest {

    private final PostgresServer.TestStore store = new PostgresServer.TestStore();

    @Override
    protected Database otherStore() {
        return store.open();
    }
}
