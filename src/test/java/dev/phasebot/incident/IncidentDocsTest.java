package dev.phasebot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.phasebot.incident.IncidentDetail.IncidentEvent;
import dev.phasebot.message.Doc;
import dev.phasebot.message.PlainText;
import dev.phasebot.support.Fixtures;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How incident messages read on the console (and in Slack's fallback): exact plain text. */
class IncidentDocsTest {

    private final IncidentDocs docs = new IncidentDocs(Fixtures.shippedConfig());
    private final IncidentReportDocs reports = new IncidentReportDocs(docs);

    @Test
    void theCardOfAnOpenIncidentReadsAsHeadingFieldsDeadlinesAndTheCommandsToType() {
        Incident open = incident("Pipeline <outage> & *disk*", false, null, null, null);
        List<Milestone> milestones = List.of(
                new Milestone(
                        1,
                        0,
                        "technical assessment",
                        "assessment",
                        at("10:30"),
                        at("10:35"),
                        "ml-engineer",
                        "disk full"),
                new Milestone(1, 1, "mitigation plan", "mitigation_plan", at("11:00"), null, null, null),
                new Milestone(1, 2, "implementation or escalation", "implementation", at("12:00"), null, null, null));

        assertEquals("""
                ! CRITICAL incident #1: Pipeline <outage> & *disk*
                Raised by:  qa-engineer
                Area owner: ml-engineer
                Assignee:   ml-engineer
                Affects:    T4
                Commander:  senior-system-developer

                Deadlines
                  • technical assessment by 10:30 EST: ✓ met at 10:35 EST by ml-engineer (5 min late)
                  • mitigation plan by 11:00 EST: ✗ missed
                  • implementation or escalation by 12:00 EST: due in 50 min
                Must act: ml-engineer (assignee), senior-system-developer (lead)
                the feature store's disk is full
                Raised at 10:00 EST · acknowledged by ml-engineer at 10:04 EST
                [Acknowledge] -> type /incident ack 1
                [Post assessment] -> type /incident assess 1 <text>
                [Post mitigation plan] -> type /incident plan 1 <text>
                [Mark implemented] -> type /incident implemented 1 <text>
                [Escalate] -> type /incident escalate 1 <text>
                [Resolve] -> type /incident resolve 1 <text>""", plain(docs.card(open, milestones, at("11:10"))));
    }

    @Test
    void thePostIncidentSummaryListsTimesToActMissedDeadlinesAndTheTimeline() {
        Incident resolved = incident("Pipeline outage", false, at("11:40"), "senior-system-developer", "cleaned");
        List<Milestone> milestones = List.of(
                new Milestone(
                        1,
                        0,
                        "technical assessment",
                        "assessment",
                        at("10:30"),
                        at("10:35"),
                        "ml-engineer",
                        "disk full"),
                new Milestone(
                        1, 1, "mitigation plan", "mitigation_plan", at("11:00"), at("10:50"), "ml-engineer", "clean"));
        List<IncidentEvent> events = List.of(
                new IncidentEvent(at("10:00"), "qa-engineer", "raised", "CRITICAL"),
                new IncidentEvent(at("10:04"), "ml-engineer", "acknowledged", null),
                new IncidentEvent(
                        at("10:30"), "phasebot", "deadline missed", "technical assessment; paged ml-engineer"),
                new IncidentEvent(at("10:35"), "ml-engineer", "assessment", "disk full"),
                new IncidentEvent(at("10:50"), "ml-engineer", "mitigation plan", "clean and alert"),
                new IncidentEvent(at("11:40"), "senior-system-developer", "resolved", "cleaned"));

        assertEquals("""
                ✓ Post-incident summary, incident #1: Pipeline outage
                Raised 10:00 EST by qa-engineer · resolved 11:40 EST by senior-system-developer
                Resolution: cleaned
                Time to acknowledge 4 min · assess 35 min · mitigate 50 min · resolve 1 h 40 min
                Deadlines missed: technical assessment by 5 min

                Timeline
                  • 10:00 EST qa-engineer: raised — CRITICAL
                  • 10:04 EST ml-engineer: acknowledged
                  • 10:30 EST phasebot: deadline missed — technical assessment; paged ml-engineer
                  • 10:35 EST ml-engineer: assessment — disk full
                  • 10:50 EST ml-engineer: mitigation plan — clean and alert
                  • 11:40 EST senior-system-developer: resolved — cleaned""", plain(reports.summary(resolved, milestones, events)));
    }

    @Test
    void outsideTheSecurityChannelASecurityIncidentIsAnIdAStateAndWhereToLook() {
        Incident secret = incident("Secret key in logs", true, null, null, null);
        assertEquals(
                "! A CRITICAL security incident (#1) is open. Its details are in the private security channel.",
                plain(docs.redacted(secret)));
        assertEquals(
                "! You are paged on CRITICAL security incident #1: technical assessment missed by 5 min. Details are "
                        + "in #alphapy-security; ask senior-system-developer for access.",
                plain(docs.redactedPage(secret, "technical assessment missed by 5 min", false)));
        OpenIncidents.Entry hidden = new OpenIncidents.Entry(
                secret,
                List.of(new Milestone(1, 0, "technical assessment", "assessment", at("10:30"), null, null, null)),
                false);
        assertEquals("""
                Open incidents
                  • #1 CRITICAL security incident (details in the security channel) — next: technical assessment due 10:30 EST (in 18 min)""", plain(reports.list(new OpenIncidents(List.of(hidden), at("10:12")))));
    }

    @Test
    void aNoticeSaysWhatWasMissedWhoIsPagedAndHowLateItWasSent() {
        Milestone due = new Milestone(1, 1, "mitigation plan", "mitigation_plan", at("11:00"), null, null, null);
        assertEquals(
                "! Incident #1 missed its mitigation plan deadline (due 11:00 EST), 10 min ago. Paging "
                        + "senior-system-developer (lead). (sent 10 min late: phasebot was offline or held up)",
                plain(docs.notice(
                        incident("Pipeline outage", false, null, null, null),
                        due,
                        0,
                        2,
                        at("11:10"),
                        java.time.Duration.ofMinutes(10),
                        "senior-system-developer",
                        "lead")));
    }

    private static String plain(Doc doc) {
        return PlainText.withUserIds().render(doc);
    }

    private static Instant at(String time) {
        return LocalDateTime.parse("2026-11-24T" + time)
                .atZone(ZoneId.of("America/New_York"))
                .toInstant();
    }

    private static Incident incident(
            String title, boolean security, Instant resolvedAt, String resolvedBy, String resolution) {
        return new Incident(
                1,
                title,
                "CRITICAL",
                security,
                security ? null : "the feature store's disk is full",
                security ? null : "T4",
                "qa-engineer",
                at("10:00"),
                "ml-engineer",
                "ml-engineer",
                security ? null : at("10:04"),
                security ? null : "ml-engineer",
                resolvedAt != null,
                resolvedAt,
                resolvedBy,
                resolution,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /**
     * Java 17 cannot check the docs' chain over the sealed kinds as exhaustive, so this walks
     * every kind the compiler knows and asks for its wording: a kind added without wording fails.
     */
    @Test
    void everyKindOfIncidentResultIsWordedByTheDocs() throws Exception {
        List<Class<?>> kinds = recordsPermittedBy(IncidentResult.class);
        assertFalse(kinds.isEmpty());
        for (Class<?> kind : kinds) {
            IncidentResult result = (IncidentResult) sample(kind);
            assertFalse(plain(docs.answer(result)).isBlank(), kind.getName());
        }
    }

    private static List<Class<?>> recordsPermittedBy(Class<?> sealed) {
        List<Class<?>> records = new ArrayList<>();
        for (Class<?> kind : sealed.getPermittedSubclasses()) {
            if (kind.isSealed()) {
                records.addAll(recordsPermittedBy(kind));
            } else {
                records.add(kind);
            }
        }
        return records;
    }

    /** An instance of {@code kind} with a plausible value in every component. */
    private static Object sample(Class<?> kind) throws Exception {
        RecordComponent[] components = kind.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> type = components[i].getType();
            types[i] = type;
            if (type == long.class) {
                values[i] = 1L;
            } else if (type == boolean.class) {
                values[i] = true;
            } else if (type == String.class) {
                values[i] = "ml-engineer";
            } else if (type == Instant.class) {
                values[i] = at("10:30");
            } else if (type == Duration.class) {
                values[i] = Duration.ofMinutes(5);
            } else if (type == List.class) {
                values[i] = List.of();
            } else if (type.isEnum()) {
                values[i] = type.getEnumConstants()[0];
            } else {
                throw new AssertionError("no sample for " + type + " in " + kind.getName());
            }
        }
        return kind.getDeclaredConstructor(types).newInstance(values);
    }
}
