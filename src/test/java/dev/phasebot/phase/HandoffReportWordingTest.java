package dev.phasebot.phase;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.message.PlainText;
import dev.phasebot.phase.HandoffReport.Ending;
import dev.phasebot.phase.HandoffReport.Incident;
import dev.phasebot.phase.HandoffReport.Incidents;
import dev.phasebot.phase.HandoffReport.Participant;
import dev.phasebot.phase.HandoffReport.Standups;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a report reads where the team first saw it read wrongly: counts of one, a phase still running, the file's table. */
class HandoffReportWordingTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant FROM = Instant.parse("2026-12-05T05:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-06T03:07:00Z");
    private static final HandoffReportDocs DOCS = new HandoffReportDocs(NEW_YORK);

    @Test
    void oneUpdateIsOneUpdateNotOneUpdates() {
        HandoffReport r = report(Ending.closed("senior-system-developer", null, TO), List.of());

        String summary = summary(r);
        assertTrue(summary.contains("Standups 1 held, 1 update of 2 expected"), summary);
        assertTrue(DOCS.markdown(r).contains("| Standups | 1 held, 1 update of 2 expected |"), DOCS.markdown(r));
    }

    @Test
    void aRunningPhasesReportCountsTheIncidentsOpenNowNotAtAnEndItHasNotHad() {
        HandoffReport open = report(null, List.of(leak()));
        HandoffReport closed = report(Ending.closed("senior-system-developer", "moving on", TO), List.of(leak()));

        assertTrue(summary(open).contains("Incidents 1 raised, 1 open now"), summary(open));
        assertFalse(summary(open).contains("at the end"), summary(open));
        assertTrue(DOCS.markdown(open).contains("| Incidents | 1 raised, 1 open now |"), DOCS.markdown(open));
        assertTrue(summary(closed).contains("Incidents 1 raised, 1 open at the end"), summary(closed));
    }

    @Test
    void theFilesIncidentTableGivesTheSeverityInItsOwnColumnOnly() {
        String md = DOCS.markdown(report(Ending.closed("senior-system-developer", "moving on", TO), List.of(leak())));

        assertTrue(md.contains("| #1 security incident (details in the security channel) | CRITICAL | "), md);
        assertFalse(md.contains("CRITICAL security incident (details"), md);
    }

    private static Incident leak() {
        return new Incident(
                1, "CRITICAL", true, null, FROM.plus(Duration.ofHours(17)), false, null, true, null, List.of());
    }

    private static HandoffReport report(Ending ending, List<Incident> incidents) {
        return new HandoffReport(
                "AlphaPy Phase 2: Specialist Implementation & Security Hardening",
                LocalDate.of(2026, 12, 5),
                FROM,
                TO,
                ending,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                new Incidents(incidents.size(), null, incidents),
                List.of(),
                List.of(),
                new Standups(1, List.of(new Participant("qa-engineer", 1), new Participant("ml-engineer", 0))),
                List.of());
    }

    private static String summary(HandoffReport r) {
        return PlainText.withUserIds().render(DOCS.doc(r));
    }
}
