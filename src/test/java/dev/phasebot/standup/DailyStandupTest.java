package dev.phasebot.standup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.Phasebot;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.message.Refusal;
import dev.phasebot.standup.StandupReports.Participation;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The daily standup against the shipped plan, a real SQLite file and a clock moved by hand. */
class DailyStandupTest extends BotTest {

    private static final String TUESDAY = "2026-11-24";
    private static final String CHANNEL = "channel:coordination";
    private static final List<String> AGENTS = List.of(
            "python-ml-fintech-reviewer",
            "software-architect",
            "ml-engineer",
            "qa-engineer",
            "senior-system-developer",
            "devops-engineer");

    DailyStandupTest() {
        super(TUESDAY + "T08:30");
    }

    @Test
    void theStandupOpensAtNineWithOneChannelPostAndADmToEveryAgent() {
        at("08:59:59");
        assertFalse(bot.standupSession().openScheduled());

        at("09:00");
        assertTrue(bot.standupSession().openScheduled());
        worker.deliverDue();

        List<String> posts = slack.textsTo(CHANNEL);
        assertEquals(1, posts.size());
        assertTrue(
                posts.get(0).startsWith("Daily standup, Tuesday 24 November 2026 is open until 09:15 EST."),
                posts.get(0));
        assertEquals(
                "standup_post_update",
                slack.delivered().get(0).message().buttons().get(0).actionId());
        for (String agent : AGENTS) {
            assertEquals(1, slack.textsTo("dm:" + agent).size(), agent);
        }
        assertTrue(slack.textsTo("dm:python-ml-fintech-reviewer").get(0).contains("security update"));
    }

    @Test
    void openingTwiceTheSameDaySaysNothingTwice() {
        at("09:00");
        assertTrue(bot.standupSession().openScheduled());
        at("09:01");
        assertFalse(bot.standupSession().openScheduled());
        worker.deliverDue();
        assertEquals(7, slack.delivered().size());
    }

    @Test
    void theWindowIsOnlyCaughtUpWhileItIsOpen() {
        at("09:14");
        assertTrue(bot.standupSession().openScheduled(), "a start-up at 09:14 still opens the day's standup");
        Phasebot other = Fixtures.bot(dir.resolve("other.db"), clock);
        try {
            at("09:15");
            assertFalse(other.standupSession().openScheduled(), "at 09:15 the window has passed");
        } finally {
            other.close();
        }
    }

    @Test
    void weekendsAndHolidaysHaveNoStandup() {
        clock.setLocal("2026-11-28T09:00"); // Saturday
        assertFalse(bot.standupSession().openScheduled());
        clock.setLocal("2026-11-26T09:00"); // Thanksgiving, a configured holiday
        assertFalse(bot.standupSession().openScheduled());
        Refusal e = assertThrows(
                Refusal.class, () -> bot.standupUpdates().submit("qa-engineer", update("", "", "tests", "")));
        assertEquals(
                "There is no standup today (Thursday 26 November 2026, a holiday). The next one opens "
                        + "Friday 27 November 2026 at 09:00 EST.",
                e.getMessage());
        worker.deliverDue();
        assertTrue(slack.delivered().isEmpty());
    }

    @Test
    void theReminderGoesAtTwelvePastOnlyToAgentsStillMissingAndOnlyOnce() {
        openAtNine();
        at("09:05");
        bot.standupUpdates().submit("qa-engineer", update("", "none", "fuzz tests", ""));
        bot.standupUpdates().submit("python-ml-fintech-reviewer", update("patched", "", "audit", ""));
        slack.clear();

        at("09:11:59");
        assertTrue(slack.delivered().isEmpty());
        at("09:12");
        List<String> reminded = slack.delivered().stream()
                .map(d -> d.message().destination().key())
                .toList();
        assertEquals(
                List.of("dm:software-architect", "dm:ml-engineer", "dm:senior-system-developer", "dm:devops-engineer"),
                reminded);
        assertTrue(slack.delivered().get(0).message().text().contains("closes at 09:15"));
        at("09:13");
        assertEquals(4, slack.delivered().size());
        assertTrue(slack.textsTo(CHANNEL).isEmpty(), "no @-tag of everyone in the channel");
    }

    @Test
    void outOfOfficeAgentsGetNoPromptNorReminderAndAreListedAsOut() {
        at("08:30");
        bot.standupUpdates()
                .outOfOffice(
                        "ml-engineer",
                        "ml-engineer",
                        LocalDate.parse(TUESDAY),
                        LocalDate.parse("2026-11-25"),
                        "conference");
        openAtNine();
        at("09:15");
        assertTrue(slack.textsTo("dm:ml-engineer").isEmpty());
        String summary = slack.textsTo(CHANNEL).get(1);
        assertTrue(summary.contains("\nOut of office: ml-engineer (until Wed 25 Nov: conference)"), summary);
        assertFalse(summary.contains("ml-engineer, qa-engineer"), "ml-engineer is out, not missing: " + summary);
    }

    @Test
    void theSummaryAtQuarterPastFollowsThePlansFormat() {
        openAtNine();
        at("09:03");
        bot.standupUpdates()
                .submit(
                        "ml-engineer",
                        update(
                                "",
                                "waiting on software-architect for the pipeline design",
                                "vectorised features",
                                "qa-engineer to review the benchmark"));
        bot.standupUpdates()
                .submit(
                        "python-ml-fintech-reviewer",
                        update("features.py patched, audit at 50%", "none", "audit report", ""));
        bot.standupUpdates()
                .submit("qa-engineer", update("fuzzers found nothing new", "n/a", "security regression suite", ""));
        at("09:15");

        List<String> posts = slack.textsTo(CHANNEL);
        assertEquals(2, posts.size());
        String summary = posts.get(1);
        // The shipped plan keeps the security team's update in the security channel (SecurityStandupUpdateTest).
        assertEquals(
                String.join(
                        "\n",
                        "Daily standup summary: Tuesday 24 November 2026",
                        "09:00–09:15 EST",
                        "",
                        "1. Security team update",
                        "  • python-ml-fintech-reviewer: update given in #alphapy-security",
                        "  • qa-engineer: fuzzers found nothing new",
                        "",
                        "2. Blockers and dependencies",
                        "  • ml-engineer is blocked on software-architect: waiting on software-architect for the pipeline design",
                        "",
                        "3. Deliverable commitments for today",
                        "  • python-ml-fintech-reviewer: given in #alphapy-security",
                        "  • ml-engineer: vectorised features",
                        "  • qa-engineer: security regression suite",
                        "",
                        "4. Cross-team coordination needs",
                        "  • ml-engineer: qa-engineer to review the benchmark",
                        "Did not post: software-architect, senior-system-developer, devops-engineer"),
                summary);
        at("09:30");
        assertEquals(2, slack.textsTo(CHANNEL).size(), "one summary per day");
    }

    @Test
    void theSummaryNamesOpenCriticalIncidentsButSecurityOnesOnlyById() {
        bot.incidents()
                .raise(
                        "qa-engineer",
                        new dev.phasebot.incident.IncidentService.RaiseRequest(
                                "Pipeline outage", null, false, null, null));
        bot.incidents()
                .raise(
                        "qa-engineer",
                        new dev.phasebot.incident.IncidentService.RaiseRequest(
                                "Secret key in logs", null, true, null, null));
        openAtNine();
        at("09:15");
        String summary = slack.textsTo(CHANNEL).get(slack.textsTo(CHANNEL).size() - 1);
        assertTrue(
                summary.contains("\n! Open CRITICAL incidents: #1 Pipeline outage, "
                        + "#2 (security incident; details in the security channel)"),
                summary);
        assertFalse(summary.contains("Secret key"));
    }

    @Test
    void aMissingSecurityUpdateIsCalledOutAtTheTopOfTheSummary() {
        openAtNine();
        at("09:15");
        assertTrue(
                slack.textsTo(CHANNEL)
                        .get(1)
                        .contains("1. Security team update\n  • ! No update from the security team."),
                slack.textsTo(CHANNEL).get(1));
    }

    @Test
    void aLateUpdateAmendsTheSummaryInPlace() {
        openAtNine();
        at("09:15");
        at("09:40");
        StandupResult.UpdateRecorded answer = (StandupResult.UpdateRecorded)
                bot.standupUpdates().submit("devops-engineer", update("", "", "pipeline hardening", ""));
        assertTrue(answer.late() && answer.amended(), answer.toString());
        worker.deliverDue();

        OutgoingDelivery edit = slack.delivered().stream()
                .filter(OutgoingDelivery::isUpdate)
                .reduce((a, b) -> b)
                .orElseThrow();
        assertEquals(CHANNEL, edit.message().destination().key());
        OutgoingDelivery summary = slack.delivered().stream()
                .filter(d -> d.message().text().startsWith("Daily standup summary"))
                .findFirst()
                .orElseThrow();
        assertEquals("ts-" + summary.id(), edit.original().ts(), "the edit targets the posted summary");
        assertTrue(edit.message().text().contains("  • devops-engineer: pipeline hardening (late)"));
        assertTrue(
                edit.message().text().endsWith("\nLate update from devops-engineer at 09:40 EST."),
                edit.message().text());
        assertTrue(
                edit.message()
                        .text()
                        .contains("\nDid not post: python-ml-fintech-reviewer, software-architect, "
                                + "ml-engineer, qa-engineer, senior-system-developer\n"),
                edit.message().text());
    }

    @Test
    void submittingTheFormAgainTheSameDayReplacesTheWholeUpdate() {
        openAtNine();
        at("09:02");
        assertEquals(
                recorded(update("", "", "first plan", ""), List.of()),
                bot.standupUpdates().submit("qa-engineer", update("", "", "first plan", "")));
        at("09:04");
        assertEquals(
                recorded(update("", "", "second plan", ""), List.of(Section.TODAY)),
                bot.standupUpdates().submit("qa-engineer", update("", "", "second plan", "")));
        at("09:15");
        String summary = slack.textsTo(CHANNEL).get(1);
        assertTrue(summary.contains("second plan"));
        assertFalse(summary.contains("first plan"));
    }

    @Test
    void userTextGoesIntoTheSummaryAsWordsForEachSurfaceToEscape() {
        openAtNine();
        at("09:05");
        bot.standupUpdates()
                .submit(
                        "qa-engineer",
                        update("", "", "<!channel> look <@U0123> <https://evil.example|docs> & more", ""));
        at("09:15");
        String summary = slack.textsTo(CHANNEL).get(1);
        assertTrue(
                summary.contains("qa-engineer: <!channel> look <@U0123> <https://evil.example|docs> & more"),
                "the plain text shows it as typed: " + summary);
        // Raw words in the doc, never mrkdwn: SlackBlocks escapes words (SlackBlocksTest pins how).
        dev.phasebot.message.Doc doc =
                slack.delivered().get(slack.delivered().size() - 1).message().doc();
        assertTrue(doc.toString().contains("Words[text=: <!channel> look <@U0123>"), doc.toString());
    }

    @Test
    void theSecurityTeamMustGiveASecuritySection() {
        openAtNine();
        Refusal e = assertThrows(
                Refusal.class,
                () -> bot.standupUpdates().submit("python-ml-fintech-reviewer", update("", "", "audit", "")));
        assertTrue(e.getMessage().contains("security section"), e.getMessage());
    }

    @Test
    void onlyTheLeadOpensOrClosesByHandAndTheWindowThenRunsFromThatMoment() {
        clock.setLocal("2026-11-28T11:00"); // a Saturday: the meeting moved
        Refusal e = assertThrows(Refusal.class, () -> bot.standupSession().openNow("qa-engineer"));
        assertEquals("Only the lead (senior-system-developer) may open the standup.", e.getMessage());

        assertEquals(
                java.time.Instant.parse("2026-11-28T16:15:00Z"),
                bot.standupSession().openNow("senior-system-developer").closesAt());
        assertThrows(Refusal.class, () -> bot.standupSession().openNow("senior-system-developer"));
        bot.standupUpdates().submit("qa-engineer", update("", "", "weekend triage", ""));
        assertThrows(Refusal.class, () -> bot.standupSession().closeNow("qa-engineer"));
        assertEquals(
                new StandupResult.StandupClosed(LocalDate.parse("2026-11-28"), "#alphapy-phase2"),
                bot.standupSession().closeNow("senior-system-developer"));
        at("11:15");
        List<String> posts = slack.textsTo(CHANNEL);
        assertEquals(2, posts.size(), "the close timer was cancelled by the manual close");
        assertTrue(posts.get(1).contains("weekend triage"));
    }

    @Test
    void aRestartInsideTheWindowSendsNoDuplicateAndLosesNoUpdate() {
        at("09:00");
        bot.standupSession().openScheduled(); // enqueued, but the bot dies before delivering
        at("09:05");
        bot.standupUpdates().submit("qa-engineer", update("", "", "fuzz tests", ""));
        restartAt("09:07");
        bot.standupSession().catchUp();
        assertEquals(2, bot.timers().pending().size(), "reminder and close are still pending rows");
        at("09:07");
        at("09:12");
        at("09:15");

        assertEquals(2, slack.textsTo(CHANNEL).size(), "one opening post and one summary");
        for (String agent : AGENTS) {
            long prompts = slack.textsTo("dm:" + agent).stream()
                    .filter(t -> t.startsWith("Good morning"))
                    .count();
            assertEquals(1, prompts, agent);
        }
        assertTrue(slack.textsTo("dm:qa-engineer").stream().noneMatch(t -> t.contains("Reminder")));
        assertTrue(slack.textsTo(CHANNEL).get(1).contains("  • qa-engineer: fuzz tests"));
    }

    @Test
    void aCloseThatFellDueWhileTheBotWasDownFiresOnceAtStartUpAndSaysItIsLate() {
        openAtNine();
        restartAt("09:40");
        slack.clear();
        bot.standupSession().catchUp();
        assertEquals(2, bot.timers().runDue());
        worker.deliverDue();

        assertEquals(1, slack.delivered().size(), "no stale reminders, one summary");
        assertTrue(
                slack.delivered()
                        .get(0)
                        .message()
                        .text()
                        .contains(
                                "\n09:00–09:40 EST · Closed 25 min late: phasebot was offline at the closing time.\n"),
                slack.delivered().get(0).message().text());
        at("09:41");
        assertEquals(1, slack.delivered().size());
    }

    @Test
    void eachLateUpdateIsNotedInTheThreadOfTheOpeningPostAndTheSummaryStaysInTheChannel() {
        openAtNine();
        OutgoingDelivery opening = slack.delivered().get(0);
        at("09:15");
        at("09:40");
        bot.standupUpdates().submit("devops-engineer", update("", "", "pipeline hardening", ""));
        at("09:45");
        bot.standupUpdates().submit("qa-engineer", update("", "", "fuzz tests", ""));
        worker.deliverDue();

        List<OutgoingDelivery> replies =
                slack.delivered().stream().filter(d -> d.thread() != null).toList();
        assertEquals(
                List.of(
                        "devops-engineer posted a late update at 09:40 EST; the summary is amended.",
                        "qa-engineer posted a late update at 09:45 EST; the summary is amended."),
                replies.stream().map(d -> d.message().text()).toList());
        for (OutgoingDelivery reply : replies) {
            assertEquals(CHANNEL, reply.message().destination().key());
            assertEquals("ts-" + opening.id(), reply.thread().ts(), "a reply to the opening post");
        }
        assertTrue(
                slack.delivered().stream()
                        .filter(d -> d.message().text().startsWith("Daily standup summary"))
                        .allMatch(d -> d.thread() == null),
                "the summary is in the channel, not the thread");
    }

    @Test
    void withThreadsOffALateUpdateOnlyAmendsTheSummary() {
        startOnPlan(Fixtures.shippedConfigText().replace("  thread: true", "  thread: false"), "nothread.db");
        openAtNine();
        at("09:15");
        at("09:40");
        bot.standupUpdates().submit("devops-engineer", update("", "", "pipeline hardening", ""));
        worker.deliverDue();
        assertEquals(3, slack.textsTo(CHANNEL).size(), "the opening post, the summary and its edit");
        assertTrue(slack.delivered().stream().noneMatch(d -> d.thread() != null));
        assertTrue(slack.delivered().stream().noneMatch(d -> d.message().text().contains("posted a late update")));
    }

    @Test
    void participationCountsStandupsHeldAndPostedAndKeepsTheLatestBlockers() {
        openAtNine();
        at("09:05");
        bot.standupUpdates().submit("ml-engineer", update("", "waiting on software-architect", "features", ""));
        bot.standupUpdates().submit("qa-engineer", update("", "none", "fuzz tests", ""));
        at("09:15");

        Participation week =
                bot.standupReports().participation(LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-27"));
        assertEquals(1, week.held());
        assertEquals(
                new Participation.Agent("ml-engineer", 1, "waiting on software-architect"),
                week.agents().get(2));
        assertEquals(
                new Participation.Agent("qa-engineer", 1, null), week.agents().get(3));
        assertEquals(
                new Participation.Agent("devops-engineer", 0, null),
                week.agents().get(5));
    }

    private void openAtNine() {
        at("09:00");
        assertTrue(bot.standupSession().openScheduled());
        worker.deliverDue();
    }

    private static StandupResult recorded(StandupUpdate update, List<Section> updated) {
        return new StandupResult.UpdateRecorded(LocalDate.parse(TUESDAY), update, updated, List.of(), false, false);
    }

    private static StandupUpdate update(String security, String blockers, String commitments, String coordination) {
        return new StandupUpdate(security, blockers, commitments, coordination);
    }
}
