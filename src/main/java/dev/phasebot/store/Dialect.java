package dev.phasebot.store;

/**
 * What the two stores' SQL does not share: how the writer begins a transaction, how a read
 * begins one, where the migrations are, and how an insert's generated id is asked for. Every
 * repository's own SQL is the same on both.
 */
enum Dialect {
    /** IMMEDIATE takes the write lock at BEGIN, so a group never fails half-way on a busy file. */
    SQLITE("BEGIN IMMEDIATE", "BEGIN", Migrations.LOCATION, "SELECT last_insert_rowid()"),
    /** A read is one snapshot (REPEATABLE READ), as a SQLite reader's DEFERRED transaction is. */
    POSTGRESQL(
            "BEGIN",
            "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
            Migrations.POSTGRESQL_LOCATION,
            "SELECT lastval()");

    final String beginWrite;
    final String beginRead;
    final String migrations;
    final String lastInsertId;

    Dialect(String beginWrite, String beginRead, String migrations, String lastInsertId) {
        this.beginWrite = beginWrite;
        this.beginRead = beginRead;
        this.migrations = migrations;
        this.lastInsertId = lastInsertId;
    }
}
