package dev.phasebot.store;

import java.time.Instant;

/** Append-only record of who did what; every command that changes state writes here. */
public final class AuditLog {

    public void record(Tx tx, Instant at, String actor, String action, String detail) {
        tx.update(
                "INSERT INTO audit_log(at, actor, action, detail) VALUES (?, ?, ?, ?)",
                at.toEpochMilli(),
                actor,
                action,
                detail);
    }
}
