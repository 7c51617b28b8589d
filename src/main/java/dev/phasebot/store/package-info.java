/**
 * The SQLite file: one writer thread committing queued writes in groups ({@link dev.phasebot.store.WriteQueue}),
 * reading connections that never wait for it, migrations and the audit log; entry point
 * {@link dev.phasebot.store.Database}. {@link dev.phasebot.store.StoreCopy} copies the file into
 * an empty PostgreSQL database ({@code phasebot.jar copy-to}).
 */
package dev.phasebot.store;
