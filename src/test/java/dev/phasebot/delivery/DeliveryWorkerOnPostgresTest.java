package dev.phasebot.delivery;

import dev.phasebot.store.Database;
import dev.phasebot.support.PostgresServer;

/** Every test of {@link DeliveryWorkerTest} again, with the outbox in PostgreSQL. */
class DeliveryWorkerOnPostgresTest extends DeliveryWorkerTest {

    private final PostgresServer.TestStore store = new PostgresServer.TestStore();

    @Override
    protected Database openStore() {
        return store.open();
    }
}
