package dev.phasebot.standup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandReply;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code standup.security_update}: with the shipped {@code private}, the security team's update
 * is told in full only in the private security channel, and nothing anyone else reads quotes it;
 * with {@code public}, it is in the summary as it always was.
 */
class SecurityStandupUpdateTest extends BotTest {

    private static final String TUESDAY = "2026-11-24";
    private static final String COORDINATION = "channel:coordination";
    private static final String SECURITY = "channel:security";
    private static final String REVIEWER = "python-ml-fintech-reviewer";

    /** Words only the security team's update contains: none may reach a public channel or a DM. */
    private static final List<String> SECRETS =
            List.of("whitelist-bypass", "gadget-chain", "rotate-hsm", "pentest-loader");

    private static final String SECRET_UPDATE = "security: whitelist-bypass still open in features.py; "
            + "blockers: gadget-chain in joblib needs software-architect on T3 and #T7 (see T99); "
            + "today: rotate-hsm keys; coordination: qa-engineer to pentest-loader";

    private StandupRows rows;

    SecurityStandupUpdateTest() {
        super(TUESDAY + "T08:30");
    }

    @BeforeEach
    void rows() {
        rows = new StandupRows(bot);
    }

    @Test
    void theShippedPlanTellsTheSecurityUpdateInFullOnlyInTheSecurityChannel() {
        runTheDay();

        List<String> security = slack.textsTo(SECURITY);
        assertEquals(1, security.size(), "one post, with the summary: " + security);
        assertEquals(
                String.join(
                        "\n",
                        "Security team update, standup of Tuesday 24 November 2026",
                        "Given in full here only: the summary in #alphapy-phase2 says it was given and which tasks its "
                                + "blockers name.",
                        "",
                        "  • python-ml-fintech-reviewer: whitelist-bypass still open in features.py",
                        "    blockers: gadget-chain in joblib needs software-architect on T3 and #T7 (see T99) → "
                                + "T3 Model Architecture Design (blocked); T7 CI/CD Pipeline Enhancement (blocked)",
                        "    today: rotate-hsm keys",
                        "    coordination: qa-engineer to pentest-loader"),
                security.get(0));
        assertNoSecretOutsideTheSecurityChannel();
    }

    @Test
    void theSummaryKeepsTheSecurityTeamFirstAndSaysOnlyThatItsUpdateWasGivenAndWhichTasksItsBlockersName() {
        runTheDay();

        List<String> posts = slack.textsTo(COORDINATION);
        assertEquals(2, posts.size());
        assertEquals(
                String.join(
                        "\n",
                        "Daily standup summary: Tuesday 24 November 2026",
                        "09:00–09:15 EST",
                        "",
                        "1. Security team update",
                        "  • python-ml-fintech-reviewer: update given in #alphapy-security; blockers name T3, T7",
                        "",
                        "2. Blockers and dependencies",
                        "  • python-ml-fintech-reviewer is blocked (details in #alphapy-security) → "
                                + "T3 Model Architecture Design (blocked); T7 CI/CD Pipeline Enhancement (blocked)",
                        "  • ml-engineer is blocked on software-architect: waiting on software-architect for T3 → "
                                + "T3 Model Architecture Design (blocked)",
                        "",
                        "3. Deliverable commitments for today",
                        "  • python-ml-fintech-reviewer: given in #alphapy-security",
                        "  • ml-engineer: vectorised features",
                        "",
                        "4. Cross-team coordination needs",
                        "  • python-ml-fintech-reviewer: given in #alphapy-security",
                        "Did not post: software-architect, qa-engineer, senior-system-developer, devops-engineer"),
                posts.get(1));
    }

    @Test
    void theOpeningPostAndTheSecurityTeamsPromptSayWhereItsUpdateGoes() {
        at("09:00");
        assertTrue(bot.standupSession().openScheduled());
        worker.deliverDue();
        assertTrue(slack.textsTo(COORDINATION)
                .get(0)
                .contains(" The security team's update goes in full to #alphapy-security only.\n"));
        assertTrue(slack.textsTo("dm:" + REVIEWER)
                .get(0)
                .contains(" It goes in full to #alphapy-security only; "
                        + "the summary says it was given and which tasks its blockers name.\n"));
        assertFalse(slack.textsTo("dm:qa-engineer").get(0).contains("#alphapy-security"));
    }

    @Test
    void theSecurityPostIsWrittenWithTheSummaryAndOnlyOnceAcrossACloseByHandAndARestart() {
        at("09:00");
        bot.standupSession().openScheduled();
        at("09:05");
        post(REVIEWER, SECRET_UPDATE);
        bot.standupSession().closeNow("senior-system-developer");
        List<StandupRows.Outgoing> written = rows.outbox().stream()
                .filter(o -> o.destination().equals(SECURITY) || o.text().startsWith("Daily standup summary"))
                .toList();
        assertEquals(
                List.of(COORDINATION, SECURITY),
                written.stream().map(StandupRows.Outgoing::destination).toList(),
                "the close wrote both, before anything was delivered");

        restartAt("09:15");
        bot.standupSession().catchUp();
        bot.timers().runDue();
        worker.deliverDue();
        assertEquals(1, slack.textsTo(SECURITY).size());
        assertEquals(
                1,
                bot.database()
                        .read(tx -> tx.queryOne(
                                "SELECT count(*) FROM outbox WHERE dedupe_key = ?",
                                rs -> rs.getInt(1),
                                SummaryPoster.securityUpdateKey(java.time.LocalDate.parse(TUESDAY))))
                        .orElseThrow());
    }

    @Test
    void aLateSecurityUpdateIsPostedToTheSecurityChannelThenEditedInPlaceAndTheSummaryOnlyMarksItGiven() {
        at("09:00");
        bot.standupSession().openScheduled();
        at("09:15");
        assertTrue(slack.textsTo(SECURITY).isEmpty(), "no security update, so nothing to tell the security channel");
        assertTrue(slack.textsTo(COORDINATION).get(1).contains("  • ! No update from the security team."));

        at("09:40");
        post(REVIEWER, SECRET_UPDATE);
        worker.deliverDue();
        List<String> security = slack.textsTo(SECURITY);
        assertEquals(1, security.size());
        assertTrue(
                security.get(0)
                        .contains("  • python-ml-fintech-reviewer: whitelist-bypass still open in features.py "
                                + "(late, 09:40 EST)"),
                security.get(0));
        String edited = slack.textsTo(COORDINATION).stream()
                .filter(t -> t.startsWith("Daily standup summary"))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertTrue(
                edited.contains("  • python-ml-fintech-reviewer: update given in #alphapy-security; "
                        + "blockers name T3, T7 (late)"),
                edited);

        at("09:45");
        post(REVIEWER, "today: rotate-hsm keys and the CI token");
        worker.deliverDue();
        OutgoingDelivery edit = slack.delivered().stream()
                .filter(d -> d.message().destination().key().equals(SECURITY))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertTrue(edit.isUpdate(), "the second change edits the security post instead of posting again");
        assertTrue(
                edit.message().text().contains("    today: rotate-hsm keys and the CI token"),
                edit.message().text());
        assertEquals(2, slack.textsTo(SECURITY).size(), "one post and one edit");

        at("09:50");
        post("qa-engineer", "today: fuzz tests");
        worker.deliverDue();
        assertEquals(2, slack.textsTo(SECURITY).size(), "another agent's late update leaves the security post alone");
        assertNoSecretOutsideTheSecurityChannel();
    }

    @Test
    void historyShowsAWithheldUpdateInFullOnlyToItsAuthorAndTheSecurityChannelsMembers() {
        runTheDay();

        String asQa = history("qa-engineer");
        assertTrue(
                asQa.contains("  • python-ml-fintech-reviewer (09:05 EST): update given in #alphapy-security; "
                        + "blockers name T3, T7"),
                asQa);
        assertTrue(asQa.contains("blockers: waiting on software-architect for T3"), "others' updates in full: " + asQa);
        SECRETS.forEach(secret -> assertFalse(asQa.contains(secret), secret + " in " + asQa));

        for (String reader : List.of(REVIEWER, "senior-system-developer")) {
            String history = history(reader);
            assertTrue(
                    history.contains("security: whitelist-bypass still open in features.py"), reader + ": " + history);
        }
    }

    @Test
    void statusNamesWhoPostedButQuotesNoUpdate() {
        runTheDay();
        String status =
                ((CommandReply.Text) bot.dispatcher().handle(Caller.agent("qa-engineer"), "/standup", "status")).text();
        assertTrue(status.contains("python-ml-fintech-reviewer (09:05 EST)"), status);
        SECRETS.forEach(secret -> assertFalse(status.contains(secret), secret + " in " + status));
    }

    @Test
    void theReviewAgendaSaysTheSecurityTeamIsStillBlockedWithoutQuotingWhy() {
        runTheDay();
        clock.setLocal("2026-11-27T13:00"); // Friday, the agenda an hour before the review
        assertTrue(bot.reviewSession().postAgendaScheduled());
        worker.deliverDue();

        String agenda = lastTo("channel:architecture");
        assertTrue(
                agenda.contains("• python-ml-fintech-reviewer: 1/1 · still blocked: update given in #alphapy-security; "
                        + "blockers name T3, T7"),
                agenda);
        assertTrue(agenda.contains("• ml-engineer: 1/1 · still blocked: waiting on software-architect for T3"), agenda);
        String preview =
                ((CommandReply.Text) bot.dispatcher().handle(Caller.agent("qa-engineer"), "/review", "preview")).text();
        SECRETS.forEach(secret -> assertFalse(preview.contains(secret), secret + " in " + preview));
        assertNoSecretOutsideTheSecurityChannel();
    }

    @Test
    void thePhaseDashboardOfTheAppHomeAndPhaseNextQuoteNoStandupText() {
        runTheDay();
        String dashboard = bot.dashboard().render();
        String next =
                ((CommandReply.Text) bot.dispatcher().handle(Caller.agent("qa-engineer"), "/phase", "next")).text();
        for (String shown : List.of(dashboard, next)) {
            SECRETS.forEach(secret -> assertFalse(shown.contains(secret), secret + " in " + shown));
            assertFalse(shown.contains("vectorised features"), "no update of anyone's: " + shown);
        }
    }

    @Test
    void withPublicTheSecurityUpdateIsInTheSummaryAsBeforeAndNothingGoesToTheSecurityChannel() {
        useSetting("public");
        at("09:00");
        assertTrue(bot.standupSession().openScheduled());
        worker.deliverDue();
        assertFalse(
                slack.textsTo(COORDINATION).get(0).contains("#alphapy-security"),
                slack.textsTo(COORDINATION).get(0));
        assertFalse(slack.textsTo("dm:" + REVIEWER).get(0).contains("#alphapy-security"));
        at("09:03");
        bot.standupUpdates()
                .submit(
                        "ml-engineer",
                        new StandupUpdate(
                                "",
                                "waiting on software-architect for the pipeline design",
                                "vectorised features",
                                "qa-engineer to review the benchmark"));
        bot.standupUpdates()
                .submit(REVIEWER, new StandupUpdate("features.py patched, audit at 50%", "none", "audit report", ""));
        bot.standupUpdates()
                .submit(
                        "qa-engineer",
                        new StandupUpdate("fuzzers found nothing new", "n/a", "security regression suite", ""));
        at("09:15");

        assertTrue(slack.textsTo(SECURITY).isEmpty());
        assertEquals(
                String.join(
                        "\n",
                        "Daily standup summary: Tuesday 24 November 2026",
                        "09:00–09:15 EST",
                        "",
                        "1. Security team update",
                        "  • python-ml-fintech-reviewer: features.py patched, audit at 50%",
                        "  • qa-engineer: fuzzers found nothing new",
                        "",
                        "2. Blockers and dependencies",
                        "  • ml-engineer is blocked on software-architect: waiting on software-architect for the pipeline design",
                        "",
                        "3. Deliverable commitments for today",
                        "  • python-ml-fintech-reviewer: audit report",
                        "  • ml-engineer: vectorised features",
                        "  • qa-engineer: security regression suite",
                        "",
                        "4. Cross-team coordination needs",
                        "  • ml-engineer: qa-engineer to review the benchmark",
                        "Did not post: software-architect, senior-system-developer, devops-engineer"),
                slack.textsTo(COORDINATION).get(1));
        assertTrue(history("qa-engineer").contains("security: features.py patched, audit at 50%"));
    }

    /** Opens at nine; the security team and ml-engineer post; closes at 09:15; everything delivered. */
    private void runTheDay() {
        at("09:00");
        assertTrue(bot.standupSession().openScheduled());
        at("09:03");
        bot.standupUpdates()
                .submit(
                        "ml-engineer",
                        new StandupUpdate("", "waiting on software-architect for T3", "vectorised features", ""));
        at("09:05");
        post(REVIEWER, SECRET_UPDATE);
        at("09:15");
    }

    private void assertNoSecretOutsideTheSecurityChannel() {
        List<OutgoingDelivery> elsewhere = slack.delivered().stream()
                .filter(d -> !d.message().destination().key().equals(SECURITY))
                .toList();
        assertFalse(elsewhere.isEmpty());
        for (OutgoingDelivery d : elsewhere) {
            for (String secret : SECRETS) {
                assertFalse(
                        d.message().text().contains(secret),
                        secret + " reached " + d.message().destination().key() + ": "
                                + d.message().text());
            }
        }
        for (StandupRows.Outgoing o : rows.outbox()) {
            if (!o.destination().equals(SECURITY)) {
                SECRETS.forEach(
                        secret -> assertFalse(o.text().contains(secret), secret + " queued for " + o.destination()));
            }
        }
    }

    /** Replaces the shipped bot by one whose config says {@code security_update: <setting>}. */
    private void useSetting(String setting) {
        startOnPlan(
                Fixtures.shippedConfigText().replace("security_update: private", "security_update: " + setting),
                setting + ".db");
        rows = new StandupRows(bot);
    }

    private StandupResult post(String agent, String text) {
        return bot.standupUpdates().post(agent, new UpdateParser().parse(text));
    }

    private String history(String reader) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(reader), "/standup", "history")).text();
    }
}
