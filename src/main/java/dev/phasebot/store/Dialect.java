package dev.phasebot.store;

/**
 * What the two stores' SQL does not share: how the writer begins a transaction, how a read
 * begins one, where the migrations are, and how an insert's generated id is asked for. Every
 * repository's own SQL is the same on both.
 */
enum Dialect {
    /** IMMEDIATE takes the write lock at BEGIN, so a group never fails half-way on a busy file. */
    SQLITE("BEGIN IMMEDIATE", null, "BEGIN", Migrations.LOCATION, "SELECT last_insert_rowid()"),
    /**
     * A read is one snapshot (REPEATABLE READ), as a SQLite reader's DEFERRED transaction is. A
     * write takes one lock for the whole database first, held to its commit: replicas write one
     * at a time, as SQLite's writers do, so a write that reads before it writes (the next task or
     * incident number, a dedupe check) is as correct with two replicas as with one.
     */
    POSTGRESQL(
            "BEGIN",
            "SELECT pg_advisory_xact_lock(" + Dialect.WRITE_LOCK_KEY + ")",
            "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
            Migrations.POSTGRESQL_LOCATION,
            "SELECT lastval()");

    /** The transaction-scoped advisory lock key that serialises writers across replicas. */
    static final long WRITE_LOCK_KEY = 0x70686173_65777274L;

    final String beginWrite;
    /** Run right after {@link #beginWrite}, or null: what makes writers on other connections wait. */
    final String lockWrites;

    final String beginRead;
    final String migrations;
    final String lastInsertId;

    Dialect(String beginWrite, String lockWrites, String beginRead, String migrations, String lastInsertId) {
        this.beginWrite = beginWrite;
        this.lockWrites = lockWrites;
        this.beginRead = beginRead;
        this.migrations = migrations;
        this.lastInsertId = lastInsertId;
    }
}
