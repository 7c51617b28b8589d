/**
 * The SQLite file: one writer thread committing queued writes in groups ({@link dev.phasebot.store.WriteQueue}),
 * reading connections that never wait for it, migrations and the audit log; entry point
 * {@link dev.phasebot.store.Database}.
 */
package dev.phasebot.store;
