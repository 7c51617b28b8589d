package dev.phasebot.delivery;

import dev.phasebot.store.Database;
import dev.phasebot.support.PostgresServer;

/** Every test of {@link DeliveryInFlightTest} again, with the outbox in PostgreSQL. */
class DeliveryInFlightOnPostgresTest extends DeliveryInFlightTest {

    private final PostgresServer.TestStore store = new PostgresServer.TestStore();

    @Override
    protected Database openStore() {
        return store.open();
    }
}
