package dev.phasebot.schedule;

import dev.phasebot.store.Database;
import dev.phasebot.support.PostgresServer;

/**
 * Every timer test of {@link TimerServiceTest} again, on PostgreSQL: a timer fires once when
 * due, never when cancelled, once when fired twice at the same moment, and again after a restart
 * if its handler failed, whichever store holds it.
 */
class TimerServiceOnPostgresTest extends TimerServiceTest {

    private final PostgresServer.TestStore store = new PostgresServer.TestStore();

    @Override
    protected Database openStore() {
        return store.open();
    }
}
