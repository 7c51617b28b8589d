package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.config.PlanSpec;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.SlackTest;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who sees what in the App Home: a real Bolt app on a loopback port receiving signed
 * app_home_opened events, the Home's publisher driven by hand, and the Web API stand-in
 * recording every views.publish.
 */
class HomeTabTest extends SlackTest {

    private static final String SECRET = "home-tab-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INCIDENT_TITLE = "Feature store disk full";

    HomeTabTest() {
        super("2026-11-24T10:00", SECRET);
    }

    private HomeTab home;

    @BeforeEach
    void start() throws Exception {
        start(slackHarness()
                .link("qa-engineer", "U0QA")
                .link("ml-engineer", "U0ML")
                .link("senior-system-developer", "U0LEAD")
                // Wired as Main wires it: the plan's changes and the open incidents' both refresh the Home.
                .beforeStart((phasebot, runtime) -> {
                    runtime.showDashboardAtHome(
                            phasebot.dashboard()::doc,
                            phasebot.agents(),
                            refresh -> {
                                phasebot.planWriter().onChange(refresh);
                                phasebot.incidents().onOpenSetChange(refresh);
                            },
                            phasebot.database());
                    home = runtime.homeTabDrivenByHand();
                }));
        for (String user : List.of("U0QA", "U0ML", "U0LEAD")) {
            open(user);
        }
        client.slashCommand("U0QA", "/incident", INCIDENT_TITLE + " affects T4");
        // Raising it refreshes the three opened Homes; let that settle so each test sees only its own publishes.
        publish();
    }

    @Test
    void aWorkspaceMemberLinkedToNoAgentIsToldHowToGetLinkedAndSeesNothingOfThePlan() throws Exception {
        String home = open("U0NOBODY").toString();

        assertTrue(home.contains("You are not linked to an agent of this phase yet"), home);
        assertTrue(
                home.contains("Ask the lead (senior-system-developer) to run `/standup link &lt;agent&gt; @you`"),
                home);
        assertTrue(home.contains("The lead is <@U0LEAD> on Slack."), home);
        for (String secret : planWords()) {
            assertFalse(
                    Pattern.compile("\\b" + Pattern.quote(secret) + "\\b")
                            .matcher(home)
                            .find(),
                    "the Home of someone unlinked shows `" + secret + "`: " + home);
        }
    }

    @Test
    void aLinkedUserOpeningTheHomeSeesTheDashboard() throws Exception {
        String home = open("U0QA").toString();

        assertTrue(home.contains("*Quality gates*"), home);
        assertTrue(home.contains("*T4* Feature Engineering Optimization"), home);
        assertTrue(home.contains(INCIDENT_TITLE), "the open CRITICAL incident is listed: " + home);
        assertFalse(home.contains("not linked"), home);
    }

    @Test
    void theLeadLinkingSomeoneWithTheCommandTheHomeGaveRepublishesTheirHomeAsTheDashboard() throws Exception {
        assertTrue(open("U0NOBODY").toString().contains("`/standup link &lt;agent&gt; @you`"));
        int before = api.calls("views.publish").size();

        JsonNode reply = JSON.readTree(
                client.slashCommand("U0LEAD", "/standup", "link python-ml-fintech-reviewer <@U0NOBODY|nobody>")
                        .body());

        assertEquals(
                "python-ml-fintech-reviewer is now linked to U0NOBODY.",
                reply.get("text").asText());
        assertTrue(reply.get("blocks").toString().contains("linked to <@U0NOBODY>."), reply.toString());
        publish();
        String home = nextHomeOf("U0NOBODY", before).toString();
        assertTrue(home.contains("*Quality gates*"), home);
        assertTrue(home.contains(INCIDENT_TITLE), home);
    }

    @Test
    void relinkingAnAgentToSomeoneElseTurnsTheFormerUsersHomeBackIntoTheLinkingInstructions() throws Exception {
        assertTrue(open("U0QA").toString().contains("*Quality gates*"));
        int before = api.calls("views.publish").size();

        client.slashCommand("U0LEAD", "/standup", "link qa-engineer <@U0NEWQA|dana>");
        publish();

        String former = nextHomeOf("U0QA", before).toString();
        assertTrue(former.contains("You are not linked to an agent of this phase yet"), former);
        assertFalse(former.contains("Quality gates"), former);
        assertEquals(
                List.of("U0QA"),
                api
                        .calls("views.publish")
                        .subList(before, api.calls("views.publish").size())
                        .stream()
                        .map(c -> c.param("user_id"))
                        .toList(),
                "the newly linked user never opened their Home: it is published when they do");
        assertTrue(open("U0NEWQA").toString().contains("*Quality gates*"));
    }

    @Test
    void aChangeOfThePlanRefreshesOnlyTheOpenedHomesOfLinkedUsers() throws Exception {
        open("U0NOBODY");
        int before = api.calls("views.publish").size();

        String checked = JSON.readTree(
                        client.slashCommand("U0LEAD", "/gate", "check 1 1").body())
                .get("text")
                .asText();
        assertTrue(checked.contains("1 of 4 criteria met"), checked);
        publish();

        List<FakeSlackApi.Call> all = api.calls("views.publish");
        assertEquals(before + 3, all.size(), "the unlinked user's Home shows nothing of the plan: not published again");
        assertEquals(
                java.util.Set.of("U0QA", "U0ML", "U0LEAD"),
                java.util.Set.copyOf(all.subList(before, before + 3).stream()
                        .map(c -> c.param("user_id"))
                        .toList()));
        assertTrue(all.get(before + 2).param("view").contains("1/4 criteria"));
    }

    /** Every task id and title, every gate's label and the open incident's title: what an outsider must not see. */
    private List<String> planWords() {
        PlanSpec plan = bot.config().plan();
        List<String> words = new java.util.ArrayList<>(
                List.of(INCIDENT_TITLE, bot.config().phase().name(), "Quality gates"));
        plan.tasks().forEach(t -> {
            words.add(t.id());
            words.add(t.title());
        });
        plan.gates().forEach(g -> words.add(g.name()));
        return words;
    }

    /** Opens the Home tab as {@code user} and returns the view published for them. */
    private JsonNode open(String user) throws Exception {
        int before = api.calls("views.publish").size();
        String event = "{\"type\":\"event_callback\",\"team_id\":\"T0TEAM\",\"api_app_id\":\"A0APP\","
                + "\"event\":{\"type\":\"app_home_opened\",\"user\":\"" + user
                + "\",\"channel\":\"D0X\",\"tab\":\"home\","
                + "\"event_ts\":\"1764000000.1\"},\"event_id\":\"Ev0" + user + before + "\",\"event_time\":1764000000}";
        assertEquals(200, client.event(event).statusCode());
        publish();
        return nextHomeOf(user, before);
    }

    /** Publishes what is stale, a minute later than the last time, so the pace never holds these few back. */
    private void publish() {
        clock.tick(java.time.Duration.ofMinutes(1));
        assertEquals(java.util.Optional.empty(), home.publishDue(), "every stale Home was published");
    }

    /** The first view published for {@code user} after the first {@code after} publishes, waiting for it. */
    private JsonNode nextHomeOf(String user, int after) throws Exception {
        List<FakeSlackApi.Call> calls = api.calls("views.publish");
        for (FakeSlackApi.Call call : calls.subList(after, calls.size())) {
            if (user.equals(call.param("user_id"))) {
                JsonNode view = JSON.readTree(call.param("view"));
                assertEquals("home", view.get("type").asText());
                return view;
            }
        }
        throw new AssertionError("no Home was published for " + user + " after call " + after);
    }
}
