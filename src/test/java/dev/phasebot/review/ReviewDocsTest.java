package dev.phasebot.review;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.message.Block;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.PlainText;
import dev.phasebot.message.Span;
import dev.phasebot.review.ReviewLog.Decision;
import dev.phasebot.review.ReviewLog.Metric;
import dev.phasebot.review.ReviewLog.Topic;
import dev.phasebot.support.Fixtures;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Golden plain text of the review's docs: how the agenda, the record and the lists read on the console. */
class ReviewDocsTest {

    private static final Instant FRIDAY_2PM = Instant.parse("2025-08-22T18:00:00Z");
    private static final Instant MONDAY = Instant.parse("2025-08-18T15:00:00Z");

    private final ReviewDocs docs = new ReviewDocs(Fixtures.shippedConfig());

    @Test
    void theAgendaReadsAsOneTitledListPerSectionWithItsTimeBox() {
        Metric p99 = new Metric("predict_p99_ms", "ms", true, 55, MONDAY);
        Agenda agenda = new Agenda(
                FRIDAY_2PM,
                FRIDAY_2PM.plusSeconds(3600),
                "senior-system-developer",
                List.of(
                        new Agenda.Decisions(
                                "Architectural decisions review: decisions logged this week",
                                25,
                                List.of(new Decision(MONDAY, "software-architect", "Split Model <b> & co (T3)", "T3"))),
                        new Agenda.Metrics("Performance metrics review", 15, List.of(new MetricReading(p99, 44, 40.0))),
                        new Agenda.Reported(
                                Agenda.Source.GATES,
                                "Quality gate assessments",
                                10,
                                List.of(Line.of("Gate 1: Security Clearance: 0/4 criteria met"))),
                        new Agenda.Topics(
                                "Phase 3 planning updates",
                                10,
                                List.of(new Topic(MONDAY, "senior-system-developer", "Streaming spike")))));

        assertEquals("""
                Weekly technical review, Friday 22 August 2025, 14:00–15:00 EDT
                led by senior-system-developer

                1. Architectural decisions review: decisions logged this week (25 min)
                  • Mon 18 Aug, software-architect: Split Model <b> & co (T3)

                2. Performance metrics review (15 min)
                  • predict_p99_ms: 44 ms (baseline 55 ms, -20.0% since baseline; +10.0% week over week) ▲ regression

                3. Quality gate assessments (10 min)
                  • Gate 1: Security Clearance: 0/4 criteria met

                4. Phase 3 planning updates (10 min)
                  • Streaming spike (senior-system-developer)""", render(docs.agenda(agenda)));
    }

    @Test
    void aLongSectionIsClippedAndSaysHowManyMoreThereAre() {
        List<Line> overdue = IntStream.rangeClosed(1, ReviewDocs.MAX_ITEMS + 3)
                .mapToObj(i -> Line.of("T" + i))
                .toList();
        Doc doc = docs.agenda(new Agenda(
                FRIDAY_2PM,
                FRIDAY_2PM.plusSeconds(3600),
                "senior-system-developer",
                List.of(new Agenda.Reported(Agenda.Source.OVERDUE, "Overdue tasks", 60, overdue))));

        Block.Bullets bullets = (Block.Bullets) doc.blocks().get(2);
        assertEquals(ReviewDocs.MAX_ITEMS, bullets.items().size());
        assertEquals(
                new Block.Context(Line.of(Span.aside("(3 more)"))), doc.blocks().get(3));
    }

    @Test
    void anEmptyAgendaSaysNothingWasRecorded() {
        assertEquals(
                """
                Weekly technical review, Friday 22 August 2025, 14:00–15:00 EDT
                led by senior-system-developer
                Nothing was recorded this week: no decisions, metrics, incidents or topics.""",
                render(docs.agenda(
                        new Agenda(FRIDAY_2PM, FRIDAY_2PM.plusSeconds(3600), "senior-system-developer", List.of()))));
    }

    @Test
    void theRecordFollowsTheAgendaWithNotesAndActionItems() {
        ReviewRecord record = new ReviewRecord(
                java.time.LocalDate.of(2025, 8, 22),
                Doc.of("(the agenda)"),
                List.of(new ReviewRecord.Note("qa-engineer", "Gate 2 slips a week")),
                List.of(new ReviewRecord.ActionItem("T8", "qa-engineer", "add the fuzz job to CI")));

        assertEquals("""
                Record of the weekly technical review, Friday 22 August 2025
                (the agenda)

                Notes
                  • qa-engineer: Gate 2 slips a week

                Action items
                  • T8 qa-engineer: add the fuzz job to CI""", render(docs.record(record)));
    }

    @Test
    void theOpeningNoticeNamesTheEndAndHowToTakeNotes() {
        String notice = render(docs.opened(FRIDAY_2PM.plusSeconds(3600)));

        assertEquals("""
                The weekly technical review starts now, until 15:00 EDT, led by senior-system-developer.
                Add notes with /review notes <text>; /review notes action: <agent> <what> makes an action item.""", notice);
    }

    @Test
    void everyKindOfReviewResultHasItsOwnWordingInTheDocs() throws ReflectiveOperationException {
        Class<?>[] kinds = ReviewResult.class.getPermittedSubclasses();
        assertTrue(kinds.length >= 6, "the six kinds of change: " + List.of(kinds));
        for (Class<?> kind : kinds) {
            ReviewResult result = sample(kind);

            String said =
                    assertDoesNotThrow(() -> render(docs.result(result)), kind.getSimpleName() + " has no wording");

            assertFalse(said.isBlank(), kind.getSimpleName() + " reads as nothing");
        }
    }

    /** An instance of a result record, its components filled with plausible values of their types. */
    private static ReviewResult sample(Class<?> kind) throws ReflectiveOperationException {
        RecordComponent[] components = kind.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = types[i] == long.class
                    ? 1L
                    : types[i] == double.class
                            ? 41.0
                            : types[i] == boolean.class
                                    ? Boolean.FALSE
                                    : types[i] == Instant.class
                                            ? FRIDAY_2PM
                                            : types[i] == String.class ? "qa-engineer" : null;
        }
        return (ReviewResult) kind.getDeclaredConstructor(types).newInstance(values);
    }

    private static String render(Doc doc) {
        return PlainText.withUserIds().render(doc);
    }
}
