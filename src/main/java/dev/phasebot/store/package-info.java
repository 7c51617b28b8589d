/** The SQLite file: connection, transactions, migrations and the audit log; entry point {@link dev.phasebot.store.Database}. */
package dev.phasebot.store;
