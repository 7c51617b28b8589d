package dev.phasebot.standup;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.message.Block;
import dev.phasebot.message.Doc;
import dev.phasebot.message.PlainText;
import dev.phasebot.message.Span;
import dev.phasebot.standup.StandupRepository.PostedUpdate;
import dev.phasebot.standup.StandupSession.StandupDay;
import dev.phasebot.standup.StandupSummary.SecurityPost;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the standup's messages read, from values alone: golden plain text for the console and fallbacks. */
class StandupDocsTest {

    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final LocalDate DAY = LocalDate.parse("2026-11-24");
    private static final StandupDay CLOSED = new StandupDay(
            DAY, Instant.parse("2026-11-24T14:00:00Z"), "schedule", null, Instant.parse("2026-11-24T14:15:00Z"));
    private final StandupDocs docs = new StandupDocs(ZONE);

    @Test
    void theSummaryReadsSectionBySectionWithLateUpdatesSetAside() {
        PostedUpdate late = new PostedUpdate(
                DAY,
                "devops-engineer",
                new StandupUpdate("", "", "hardening", ""),
                Instant.parse("2026-11-24T14:40:00Z"),
                true);
        StandupSummary summary = new StandupSummary(
                CLOSED,
                Duration.ZERO,
                List.of(
                        new dev.phasebot.incident.IncidentQueries.OpenIncident(1, false, "Pipeline outage"),
                        new dev.phasebot.incident.IncidentQueries.OpenIncident(2, true, null)),
                false,
                List.of(new StandupSummary.Item(
                        "python-ml-fintech-reviewer", "update given in #alphapy-security", false)),
                List.of(new StandupSummary.Blocker(
                        "ml-engineer",
                        List.of("software-architect"),
                        "waiting on <@U1> & co",
                        null,
                        List.of("T3 Model Architecture Design (blocked)"),
                        false)),
                List.of(new StandupSummary.Item("devops-engineer", "hardening", true)),
                List.of(),
                List.of("qa-engineer"),
                List.of(new OutOfOffice(1, "senior-system-developer", DAY, DAY.plusDays(1), "conference")),
                List.of(late));

        assertEquals(
                String.join(
                        "\n",
                        "Daily standup summary: Tuesday 24 November 2026",
                        "09:00–09:15 EST",
                        "! Open CRITICAL incidents: #1 Pipeline outage, #2 (security incident; details in the security channel)",
                        "",
                        "1. Security team update",
                        "  • python-ml-fintech-reviewer: update given in #alphapy-security",
                        "",
                        "2. Blockers and dependencies",
                        "  • ml-engineer is blocked on software-architect: waiting on <@U1> & co → T3 Model Architecture Design (blocked)",
                        "",
                        "3. Deliverable commitments for today",
                        "  • devops-engineer: hardening (late)",
                        "",
                        "4. Cross-team coordination needs",
                        "  • None.",
                        "Did not post:  qa-engineer",
                        "Out of office: senior-system-developer (until Wed 25 Nov: conference)",
                        "Late update from devops-engineer at 09:40 EST."),
                PlainText.withUserIds().render(docs.summary(summary)));
    }

    @Test
    void theSummaryIsAHeadingAContextAndOneBulletsBlockPerSectionNeverLegacyMrkdwn() {
        StandupSummary empty = new StandupSummary(
                CLOSED,
                Duration.ofMinutes(25),
                List.of(),
                true,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        Doc doc = docs.summary(empty);
        assertEquals(
                List.of(
                        Block.Heading.class,
                        Block.Context.class,
                        Block.Bullets.class,
                        Block.Bullets.class,
                        Block.Bullets.class,
                        Block.Bullets.class,
                        Block.Fields.class),
                doc.blocks().stream().map(Object::getClass).toList());
        assertTrue(PlainText.withUserIds()
                .render(doc)
                .contains("09:00–09:15 EST · Closed 25 min late: phasebot was offline at the closing time.\n"));
    }

    @Test
    void aLateUpdateIsMarkedAsAnAside() {
        StandupSummary summary = new StandupSummary(
                CLOSED,
                null,
                List.of(),
                false,
                List.of(),
                List.of(),
                List.of(new StandupSummary.Item("qa-engineer", "fuzz", true)),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        Block.Bullets commitments =
                (Block.Bullets) docs.summary(summary).blocks().get(4);
        assertEquals(
                Span.aside("(late)"),
                commitments
                        .items()
                        .get(0)
                        .spans()
                        .get(commitments.items().get(0).spans().size() - 1));
    }

    @Test
    void theSecurityPostGivesEverySectionUnderTheAgentsLine() {
        PostedUpdate p = new PostedUpdate(
                DAY,
                "python-ml-fintech-reviewer",
                new StandupUpdate("patched", "waiting on T3", "audit", ""),
                Instant.parse("2026-11-24T14:05:00Z"),
                false);
        assertEquals(
                String.join(
                        "\n",
                        "Security team update, standup of Tuesday 24 November 2026",
                        "Given in full here only: the summary in #alphapy-phase2 says it was given and which tasks its blockers name.",
                        "",
                        "  • python-ml-fintech-reviewer: patched",
                        "    blockers: waiting on T3 → T3 Model Architecture Design (blocked)",
                        "    today: audit"),
                PlainText.withUserIds()
                        .render(docs.securityPost(new SecurityPost(
                                DAY,
                                "#alphapy-phase2",
                                List.of(new SecurityPost.Entry(
                                        p, List.of("T3 Model Architecture Design (blocked)")))))));
    }

    /**
     * Java 17 cannot switch over a sealed type, so the docs test each kind in turn: a kind added
     * to {@link StandupResult} without its wording fails here, not in front of a user.
     */
    @Test
    void everyKindOfStandupResultIsWordedForTheOneWhoAsked() throws ReflectiveOperationException {
        Class<?>[] kinds = StandupResult.class.getPermittedSubclasses();
        assertEquals(7, kinds.length, "a new kind needs its wording in StandupDocs.answer and its sample here");
        for (Class<?> kind : kinds) {
            assertTrue(kind.isRecord(), kind.getSimpleName() + " is a record");
            RecordComponent[] components = kind.getRecordComponents();
            Class<?>[] types =
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Object[] values = Arrays.stream(types).map(StandupDocsTest::sample).toArray();
            StandupResult result =
                    (StandupResult) kind.getDeclaredConstructor(types).newInstance(values);
            Doc answer = assertDoesNotThrow(
                    () -> docs.answer(result, DAY), "StandupDocs has no wording for " + kind.getSimpleName());
            assertFalse(PlainText.withUserIds().render(answer).isBlank(), kind.getSimpleName());
        }
    }

    /** A value of each type a result's records hold; a kind with a new type fails until it has one. */
    private static Object sample(Class<?> type) {
        if (type == LocalDate.class) {
            return DAY;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-11-24T14:15:00Z");
        }
        if (type == String.class) {
            return "#alphapy-phase2";
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == List.class) {
            return List.of(Section.TODAY);
        }
        if (type == Section.class) {
            return Section.BLOCKERS;
        }
        if (type == StandupUpdate.class) {
            return new StandupUpdate("", "waiting on T3", "fuzz tests", "");
        }
        if (type == OutOfOffice.class) {
            return new OutOfOffice(3, "qa-engineer", DAY, DAY.plusDays(2), "holidays");
        }
        throw new AssertionError("no sample " + type.getSimpleName() + ": add one for the new kind");
    }
}
