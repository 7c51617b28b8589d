package dev.phasebot.standup;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.Phasebot;
import dev.phasebot.message.Destination;
import java.util.List;

/** What standup steps leave in the store besides the update itself: audit rows and outbox rows. */
final class StandupRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One outbox row: post or update, where, which message it edits, and its text. */
    record Outgoing(String action, String destination, String updateOf, String text) {}

    private final Phasebot bot;

    StandupRows(Phasebot bot) {
        this.bot = bot;
    }

    /** Details of the audit rows with this action, oldest first. */
    List<String> audit(String action) {
        return bot.database()
                .read(tx -> tx.query(
                        "SELECT detail FROM audit_log WHERE action = ? ORDER BY id", rs -> rs.getString(1), action));
    }

    int auditCount() {
        return bot.database()
                .read(tx -> tx.queryOne("SELECT count(*) FROM audit_log", rs -> rs.getInt(1)))
                .orElseThrow();
    }

    /** Each row's text as it would be sent now: a row naming a doc source is rendered by it. */
    List<Outgoing> outbox() {
        List<Outgoing> stored = bot.database()
                .read(tx -> tx.query(
                        "SELECT action, destination, update_of, body FROM outbox ORDER BY id",
                        rs -> new Outgoing(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))));
        // Rendered after the read: a source reads the store itself.
        return stored.stream()
                .map(o -> new Outgoing(
                        o.action(),
                        o.destination(),
                        o.updateOf(),
                        bot.outbox()
                                .message(Destination.parse(o.destination()), o.text())
                                .text()))
                .toList();
    }

    /** The stored bodies of the rows, as written. */
    List<String> bodies() {
        return bot.database().read(tx -> tx.query("SELECT body FROM outbox ORDER BY id", rs -> rs.getString(1)));
    }

    /** Edits of the posted summary of {@code day} (ISO), oldest first. */
    List<String> summaryEdits(String day) {
        return outbox().stream()
                .filter(o -> o.action().equals("update"))
                .filter(o -> o.updateOf().equals(SummaryPoster.summaryKey(java.time.LocalDate.parse(day))))
                .map(Outgoing::text)
                .toList();
    }
}
