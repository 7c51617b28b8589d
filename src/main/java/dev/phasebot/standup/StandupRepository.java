package dev.phasebot.standup;

import static dev.phasebot.store.Columns.instant;

import dev.phasebot.standup.StandupSession.StandupDay;
import dev.phasebot.store.Columns;
import dev.phasebot.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The standup tables; every method runs in the caller's transaction. */
final class StandupRepository {

    Optional<StandupDay> find(Tx tx, LocalDate day) {
        return tx.queryOne(
                "SELECT day, opened_at, opened_by, reminded_at, closed_at FROM standup WHERE day = ?",
                StandupRepository::day,
                day.toString());
    }

    /** Records the opening; false when this day's standup had already opened. */
    boolean open(Tx tx, LocalDate day, Instant at, String by) {
        return tx.update(
                        "INSERT INTO standup(day, opened_at, opened_by) VALUES (?, ?, ?) "
                                + "ON CONFLICT(day) DO NOTHING",
                        day.toString(),
                        at.toEpochMilli(),
                        by)
                == 1;
    }

    boolean markReminded(Tx tx, LocalDate day, Instant at) {
        return tx.update(
                        "UPDATE standup SET reminded_at = ? WHERE day = ? AND reminded_at IS NULL "
                                + "AND closed_at IS NULL",
                        at.toEpochMilli(),
                        day.toString())
                == 1;
    }

    boolean close(Tx tx, LocalDate day, Instant at) {
        return tx.update(
                        "UPDATE standup SET closed_at = ? WHERE day = ? AND closed_at IS NULL",
                        at.toEpochMilli(),
                        day.toString())
                == 1;
    }

    Optional<PostedUpdate> update(Tx tx, LocalDate day, String agent) {
        return tx.queryOne(
                "SELECT * FROM standup_update WHERE day = ? AND agent = ?",
                StandupRepository::posted,
                day.toString(),
                agent);
    }

    /** Who posted on {@code day}, when, and whether late: what the status shows, without the updates' text. */
    List<StandupStatus.Posted> postedTimes(Tx tx, LocalDate day) {
        return tx.query(
                "SELECT agent, posted_at, late FROM standup_update WHERE day = ? ORDER BY posted_at",
                rs -> new StandupStatus.Posted(rs.getString(1), Columns.instant(rs, 2), rs.getInt(3) == 1),
                day.toString());
    }

    List<PostedUpdate> updates(Tx tx, LocalDate day) {
        return tx.query(
                "SELECT * FROM standup_update WHERE day = ? ORDER BY posted_at",
                StandupRepository::posted,
                day.toString());
    }

    /** Whether any of {@code agents} has an update on {@code day}. */
    boolean anyUpdateBy(Tx tx, LocalDate day, List<String> agents) {
        if (agents.isEmpty()) {
            return false;
        }
        Object[] args = new Object[agents.size() + 1];
        args[0] = day.toString();
        for (int i = 0; i < agents.size(); i++) {
            args[i + 1] = agents.get(i);
        }
        return tx.queryOne(
                                "SELECT count(*) FROM standup_update WHERE day = ? AND agent IN ("
                                        + String.join(", ", java.util.Collections.nCopies(agents.size(), "?")) + ")",
                                rs -> rs.getInt(1),
                                args)
                        .orElse(0)
                > 0;
    }

    List<PostedUpdate> updatesSince(Tx tx, LocalDate firstDay, String agentOrNull) {
        if (agentOrNull == null) {
            return tx.query(
                    "SELECT * FROM standup_update WHERE day >= ? ORDER BY day DESC, posted_at",
                    StandupRepository::posted,
                    firstDay.toString());
        }
        return tx.query(
                "SELECT * FROM standup_update WHERE day >= ? AND agent = ? ORDER BY day DESC",
                StandupRepository::posted,
                firstDay.toString(),
                agentOrNull);
    }

    /** Updates posted in [from, until) ({@code until} null: up to now), newest day first. */
    List<PostedUpdate> updatesPostedBetween(Tx tx, Instant from, Instant until, String agentOrNull) {
        long to = until == null ? Long.MAX_VALUE : until.toEpochMilli();
        if (agentOrNull == null) {
            return tx.query(
                    "SELECT * FROM standup_update WHERE posted_at >= ? AND posted_at < ? ORDER BY day DESC, posted_at",
                    StandupRepository::posted,
                    from.toEpochMilli(),
                    to);
        }
        return tx.query(
                "SELECT * FROM standup_update WHERE posted_at >= ? AND posted_at < ? AND agent = ? ORDER BY day DESC",
                StandupRepository::posted,
                from.toEpochMilli(),
                to,
                agentOrNull);
    }

    void saveUpdate(Tx tx, LocalDate day, String agent, StandupUpdate u, Instant at, boolean late) {
        tx.update(
                "INSERT INTO standup_update(day, agent, security, blockers, commitments, coordination, posted_at, late) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(day, agent) DO UPDATE SET "
                        + "security = excluded.security, blockers = excluded.blockers, "
                        + "commitments = excluded.commitments, coordination = excluded.coordination, "
                        + "posted_at = excluded.posted_at, late = excluded.late",
                day.toString(),
                agent,
                u.security(),
                u.blockers(),
                u.commitments(),
                u.coordination(),
                at.toEpochMilli(),
                late ? 1 : 0);
    }

    /** Rewrites the sections of a stored update, keeping when it was posted and whether late. */
    void replaceSections(Tx tx, LocalDate day, String agent, StandupUpdate u) {
        tx.update(
                "UPDATE standup_update SET security = ?, blockers = ?, commitments = ?, coordination = ? "
                        + "WHERE day = ? AND agent = ?",
                u.security(),
                u.blockers(),
                u.commitments(),
                u.coordination(),
                day.toString(),
                agent);
    }

    void deleteUpdate(Tx tx, LocalDate day, String agent) {
        tx.update("DELETE FROM standup_update WHERE day = ? AND agent = ?", day.toString(), agent);
    }

    long addOutOfOffice(Tx tx, OutOfOffice ooo, String by, Instant at) {
        return tx.insert(
                        "INSERT INTO out_of_office(agent, first_day, last_day, reason, created_by, created_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?)",
                        ooo.agent(),
                        ooo.firstDay().toString(),
                        ooo.lastDay().toString(),
                        ooo.reason(),
                        by,
                        at.toEpochMilli())
                .orElseThrow();
    }

    /** Who is out on {@code day}. */
    List<OutOfOffice> outOfOffice(Tx tx, LocalDate day) {
        return tx.query(
                "SELECT id, agent, first_day, last_day, reason FROM out_of_office "
                        + "WHERE first_day <= ? AND last_day >= ? ORDER BY agent",
                StandupRepository::outOfOffice,
                day.toString(),
                day.toString());
    }

    /** Periods not over by {@code day} (current and upcoming), soonest first; one agent's or everyone's. */
    List<OutOfOffice> outOfOfficeFrom(Tx tx, LocalDate day, String agentOrNull) {
        String sql = "SELECT id, agent, first_day, last_day, reason FROM out_of_office WHERE last_day >= ?";
        if (agentOrNull == null) {
            return tx.query(sql + " ORDER BY first_day, agent, id", StandupRepository::outOfOffice, day.toString());
        }
        return tx.query(
                sql + " AND agent = ? ORDER BY first_day, id",
                StandupRepository::outOfOffice,
                day.toString(),
                agentOrNull);
    }

    Optional<OutOfOffice> outOfOfficeById(Tx tx, long id) {
        return tx.queryOne(
                "SELECT id, agent, first_day, last_day, reason FROM out_of_office WHERE id = ?",
                StandupRepository::outOfOffice,
                id);
    }

    void endOutOfOffice(Tx tx, long id, LocalDate lastDay) {
        tx.update("UPDATE out_of_office SET last_day = ? WHERE id = ?", lastDay.toString(), id);
    }

    void deleteOutOfOffice(Tx tx, long id) {
        tx.update("DELETE FROM out_of_office WHERE id = ?", id);
    }

    private static OutOfOffice outOfOffice(ResultSet rs) throws SQLException {
        return new OutOfOffice(rs.getLong(1), rs.getString(2), Columns.day(rs, 3), Columns.day(rs, 4), rs.getString(5));
    }

    private static StandupDay day(ResultSet rs) throws SQLException {
        return new StandupDay(
                Columns.day(rs, "day"),
                instant(rs, "opened_at"),
                rs.getString("opened_by"),
                instant(rs, "reminded_at"),
                instant(rs, "closed_at"));
    }

    private static PostedUpdate posted(ResultSet rs) throws SQLException {
        return new PostedUpdate(
                Columns.day(rs, "day"),
                rs.getString("agent"),
                new StandupUpdate(
                        rs.getString("security"),
                        rs.getString("blockers"),
                        rs.getString("commitments"),
                        rs.getString("coordination")),
                instant(rs, "posted_at"),
                rs.getInt("late") == 1);
    }

    /** An update as stored: whose, for which day, when it came, and whether after the close. */
    public record PostedUpdate(LocalDate day, String agent, StandupUpdate update, Instant postedAt, boolean late) {}
}
