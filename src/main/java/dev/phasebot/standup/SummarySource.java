package dev.phasebot.standup;

import dev.phasebot.message.Doc;
import dev.phasebot.store.Database;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * The day's summary and security post as the delivery worker asks for them
 * ({@link SummaryPoster} names them in the outbox): read from the store as it is at delivery,
 * in one snapshot through a read connection, and built outside any write.
 */
final class SummarySource {

    private final Database database;
    private final StandupRepository repository;
    private final SummaryBuilder builder;
    private final StandupDocs docs;
    private final OpenIncidents openIncidents;
    private final StandupCalendar calendar;

    SummarySource(
            Database database,
            StandupRepository repository,
            SummaryBuilder builder,
            StandupDocs docs,
            OpenIncidents openIncidents,
            StandupCalendar calendar) {
        this.database = database;
        this.repository = repository;
        this.builder = builder;
        this.docs = docs;
        this.openIncidents = openIncidents;
        this.calendar = calendar;
    }

    /** The day's updates as they stand, and who is out. */
    private record Reading(StandupDay day, List<PostedUpdate> updates, List<OutOfOffice> out) {}

    /** {@code day}: ISO date of a standup that has closed. */
    Doc summary(String day) {
        LocalDate date = LocalDate.parse(day);
        Reading reading = database.read(tx -> new Reading(
                repository
                        .find(tx, date)
                        .orElseThrow(() -> new IllegalStateException("no standup on " + day + " to summarise")),
                repository.updates(tx, date),
                repository.outOfOffice(tx, date)));
        return docs.summary(builder.summary(
                reading.day(),
                reading.updates(),
                reading.out(),
                closedLate(reading.day()),
                openIncidents.openCritical()));
    }

    Doc securityPost(String day) {
        LocalDate date = LocalDate.parse(day);
        return docs.securityPost(builder.securityPost(date, database.read(tx -> repository.updates(tx, date))));
    }

    /**
     * How long after its time the standup closed, from the stored day, so every rendering (the
     * first and each edit) says the same: the close is due a window after the opening, when its
     * timer fires; a close by the lead before then is not late.
     */
    private Duration closedLate(StandupDay day) {
        if (day.openedAt() == null || day.closedAt() == null) {
            return null;
        }
        Duration late = Duration.between(calendar.closeAt(day.openedAt()), day.closedAt());
        return late.isNegative() ? Duration.ZERO : late;
    }
}
