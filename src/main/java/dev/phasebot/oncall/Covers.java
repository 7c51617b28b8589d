package dev.phasebot.oncall;

import dev.phasebot.store.Columns;
import dev.phasebot.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code oncall_overrides} table: who covers a role, from when until when. */
final class Covers {

    private static final String COLUMNS =
            "SELECT id, role, agent, starts_at, ends_at, created_by FROM oncall_overrides ";

    /**
     * The override running for {@code role} at {@code at}, the latest asked for first when two
     * overlap. Read inside every page's write, so it is one look-up on the (role, ends_at) index.
     */
    Optional<Cover> running(Tx tx, String role, Instant at) {
        return tx.queryOne(
                COLUMNS + "WHERE role = ? AND ends_at > ? AND starts_at <= ? AND cancelled_at IS NULL "
                        + "ORDER BY id DESC LIMIT 1",
                Covers::cover,
                role,
                at.toEpochMilli(),
                at.toEpochMilli());
    }

    /** Every override not yet ended or cancelled at {@code at}, running or to come, in start order. */
    List<Cover> current(Tx tx, Instant at) {
        return tx.query(
                COLUMNS + "WHERE ends_at > ? AND cancelled_at IS NULL ORDER BY starts_at, id",
                Covers::cover,
                at.toEpochMilli());
    }

    Optional<Cover> find(Tx tx, long id) {
        return tx.queryOne(COLUMNS + "WHERE id = ?", Covers::cover, id);
    }

    long add(Tx tx, String role, String agent, Instant startsAt, Instant endsAt, String createdBy) {
        return tx.insert(
                        "INSERT INTO oncall_overrides(role, agent, starts_at, ends_at, created_by) VALUES (?, ?, ?, ?, ?)",
                        role,
                        agent,
                        startsAt.toEpochMilli(),
                        endsAt.toEpochMilli(),
                        createdBy)
                .orElseThrow();
    }

    /** Ends override {@code id} at {@code at}; false when it had already ended or been cancelled. */
    boolean cancel(Tx tx, long id, Instant at, String by) {
        return tx.update(
                        "UPDATE oncall_overrides SET cancelled_at = ?, cancelled_by = ? "
                                + "WHERE id = ? AND cancelled_at IS NULL AND ends_at > ?",
                        at.toEpochMilli(),
                        by,
                        id,
                        at.toEpochMilli())
                > 0;
    }

    private static Cover cover(ResultSet rs) throws SQLException {
        return new Cover(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                Columns.instant(rs, 4),
                Columns.instant(rs, 5),
                rs.getString(6));
    }
}
