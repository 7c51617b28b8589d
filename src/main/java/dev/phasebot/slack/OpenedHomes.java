package dev.phasebot.slack;

import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The table home_opened: whose App Home was opened, and which of those are stale. A change asks
 * for a Home by counting up its {@code wanted}; a publish Slack took records the count it covered
 * as {@code shown}. However many changes come between two publishes, the Home is stale once, and
 * a change made while its publish was under way leaves it stale again.
 */
final class OpenedHomes {

    /** What a round reads at most at once: the rest is read when these are done. */
    private static final int PAGE = 500;

    /** An opened Home that does not show the latest: publish it, then record {@code wanted} as shown. */
    record Stale(String slackUser, long wanted) {}

    private final Database database;

    OpenedHomes(Database database) {
        this.database = database;
    }

    /** {@code user} opened their Home at {@code at}: remembered, and asked for. */
    void opened(Tx tx, String user, Instant at) {
        tx.update(
                "INSERT INTO home_opened(slack_user, opened_at, wanted, shown) VALUES (?, ?, 1, 0) "
                        + "ON CONFLICT(slack_user) DO UPDATE SET opened_at = excluded.opened_at, "
                        + "wanted = home_opened.wanted + 1",
                user,
                at.toEpochMilli());
    }

    /** What {@code users} see changed: those of them who opened their Home are asked for again. */
    void changed(Tx tx, Collection<String> users) {
        for (String user : users) {
            tx.update("UPDATE home_opened SET wanted = wanted + 1 WHERE slack_user = ?", user);
        }
    }

    /** Every opened Home is asked for again (a new leader shows each once, as it renders now). */
    void changedAll(Tx tx) {
        tx.update("UPDATE home_opened SET wanted = wanted + 1");
    }

    /** Stale Homes, whoever opened theirs last first: they are the likeliest to be looking. */
    List<Stale> stale() {
        return database.readCommitted(tx -> tx.query(
                "SELECT slack_user, wanted FROM home_opened WHERE wanted > shown "
                        + "ORDER BY opened_at DESC, slack_user LIMIT " + PAGE,
                rs -> new Stale(rs.getString(1), rs.getLong(2))));
    }

    /** Slack shows {@code home} as it was asked for then; a change since keeps it stale. */
    void shown(Stale home) {
        database.run(tx -> tx.update(
                "UPDATE home_opened SET shown = ? WHERE slack_user = ? AND shown < ?",
                home.wanted(),
                home.slackUser(),
                home.wanted()));
    }
}
