package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.config.Agent;
import dev.phasebot.config.BotConfig;
import dev.phasebot.message.Doc;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SlackHarness;
import dev.phasebot.support.SlackTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The App Home within Slack's limits: only opened Homes are published, a burst of changes is one
 * publish per Home, a 429 is waited out and the latest view published after it, and no minute
 * holds more views.publish than Slack's Tier 4 takes. A real Bolt app on a loopback port gets
 * signed app_home_opened events; the publisher is driven by hand on a settable clock, which the
 * Web API stand-in reads too, so minutes of Slack's pace pass in no time.
 */
class HomeTabLimitsTest extends SlackTest {

    private static final String SECRET = "home-limits-secret";
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private HomeTab home;
    private int events;
    /** Runs once inside the next render of the dashboard (a change made while a publish is under way). */
    private Runnable duringRender;

    HomeTabLimitsTest() {
        super("2026-11-24T10:00", SECRET);
    }

    @Test
    void onlyHomesTheirUsersOpenedArePublished() throws Exception {
        start(harness(Fixtures.shippedConfig()));
        open("U0QA");
        publishDue();

        gate("check 1 1");
        publishDue();

        assertEquals(
                List.of("U0QA", "U0QA"), publishedUsers(), "U0ML and U0LEAD are linked but never opened their Home");
    }

    @Test
    void aBurstOfChangesGivesOnePublishPerOpenedHomeShowingTheLastOfThem() throws Exception {
        start(harness(Fixtures.shippedConfig()));
        List.of("U0QA", "U0ML", "U0LEAD").forEach(this::open);
        publishDue();
        int before = api.calls("views.publish").size();

        for (int i = 0; i < 10; i++) {
            gate("check 1 1");
            gate("uncheck 1 1");
        }
        gate("check 1 2");
        publishDue();

        List<FakeSlackApi.Call> after = since(before);
        assertEquals(3, after.size(), "21 changes, three opened Homes: " + publishedUsers());
        assertEquals(
                java.util.Set.of("U0QA", "U0ML", "U0LEAD"),
                java.util.Set.copyOf(after.stream().map(c -> c.param("user_id")).toList()));
        after.forEach(c -> assertTrue(c.param("view").contains("1/4 criteria"), c.param("view")));
    }

    @Test
    void aChangeMadeWhileTheHomesArePublishedPublishesThemAgainWithIt() throws Exception {
        start(harness(Fixtures.shippedConfig()));
        List.of("U0QA", "U0ML").forEach(this::open);
        publishDue();
        int before = api.calls("views.publish").size();

        gate("check 1 1");
        duringRender = () -> gate("check 1 2");
        publishDue();

        List<FakeSlackApi.Call> after = since(before);
        assertEquals(4, after.size(), "each Home once with the first change, once more with the second");
        after.subList(0, 2).forEach(c -> assertTrue(c.param("view").contains("1/4 criteria")));
        after.subList(2, 4).forEach(c -> assertTrue(c.param("view").contains("2/4 criteria"), c.param("view")));
    }

    @Test
    void a429IsWaitedOutForItsRetryAfterAndTheHomeThatGotItIsPublishedAfterItNotDropped() throws Exception {
        start(harness(Fixtures.shippedConfig()));
        List.of("U0QA", "U0ML", "U0LEAD").forEach(this::open);
        publishDue();
        int before = api.calls("views.publish").size();
        api.fail("views.publish", 429, Map.of("Retry-After", "45"), "{\"ok\":false,\"error\":\"ratelimited\"}");
        gate("check 1 1");
        Instant limited = clock.instant();
        Optional<Instant> next = home.publishDue();
        assertEquals(1, since(before).size(), "after the 429 no other Home is tried before its Retry-After");
        assertEquals(Optional.of(limited.plusSeconds(45)), next);

        clock.set(limited.plusSeconds(44));
        home.publishDue();
        assertEquals(1, since(before).size(), "still within the Retry-After");

        clock.set(limited.plusSeconds(45));
        assertEquals(Optional.empty(), home.publishDue());
        List<FakeSlackApi.Call> retried = since(before + 1);
        assertEquals(
                java.util.Set.of("U0QA", "U0ML", "U0LEAD"),
                java.util.Set.copyOf(
                        retried.stream().map(c -> c.param("user_id")).toList()),
                "the Home that got the 429 is not dropped");
        assertEquals(3, retried.size());
        retried.forEach(c -> assertTrue(c.param("view").contains("1/4 criteria"), "the view as it is now"));
    }

    @Test
    void noMinuteAfterA429HoldsMoreThan100PublishesRetriesIncluded() throws Exception {
        List<String> users = threeHundredAgentsOpenTheirHomes();
        api.fail("views.publish", 429, Map.of("Retry-After", "5"), "{\"ok\":false,\"error\":\"ratelimited\"}");
        Instant changed = clock.instant();

        gate("check 1 1");
        runUntilCurrent(users, changed.plus(Duration.ofMinutes(10)));

        List<Instant> calls = api.arrivals("views.publish").stream()
                .map(FakeSlackApi.Arrival::at)
                .filter(at -> !at.isBefore(changed))
                .toList();
        assertTrue(calls.size() > 300, "the 429 was retried: " + calls.size());
        for (Instant from : calls) {
            long inWindow = calls.stream()
                    .filter(at -> !at.isBefore(from) && at.isBefore(from.plusSeconds(60)))
                    .count();
            assertTrue(inWindow <= 100, inWindow + " views.publish in the minute from " + from);
        }
    }

    @Test
    void aPlanChangeLeavesEveryOneOf300OpenedHomesCurrentWithinFiveMinutesAtSlacksRate() throws Exception {
        List<String> users = threeHundredAgentsOpenTheirHomes();
        Instant changed = clock.instant();

        gate("check 1 1");
        runUntilCurrent(users, changed.plus(FIVE_MINUTES));

        Map<String, FakeSlackApi.Arrival> last = new HashMap<>();
        api.arrivals("views.publish").stream()
                .filter(a -> a.call().status() == 200)
                .forEach(a -> last.put(a.call().param("user_id"), a));
        for (String user : users) {
            FakeSlackApi.Arrival shown = last.get(user);
            assertTrue(shown.call().param("view").contains("1/4 criteria"), user + " shows the change");
            assertTrue(
                    !shown.at().isAfter(changed.plus(FIVE_MINUTES)),
                    user + "'s Home was current only at " + shown.at());
        }
    }

    @Test
    void startUpPublishesEachOpenedHomeOnceAndNoOtherHome() throws Exception {
        start(harness(Fixtures.shippedConfig()));
        List.of("U0QA", "U0ML").forEach(this::open);
        publishDue();
        harness.close();

        // The bot again, on the same store: it starts as Main starts it, the plan changing on the way.
        start(harness(Fixtures.shippedConfig()));
        bot.planService().overdueCheck();
        gate("check 1 1");
        bot.database().run(tx -> bot.agents().link(tx, "qa-engineer", "U0QA", "config-email", clock.instant()));
        publishDue();

        assertEquals(
                List.of("U0QA", "U0ML"),
                api.calls("views.publish").stream()
                        .map(c -> c.param("user_id"))
                        .sorted(java.util.Comparator.reverseOrder())
                        .toList(),
                "each opened Home once, U0LEAD's (never opened) not at all");
    }

    /** 300 agents linked, each opens their Home; the stand-in takes 100 views.publish a minute. */
    private List<String> threeHundredAgentsOpenTheirHomes() throws Exception {
        BotConfig config = Fixtures.shippedConfigWithAgents(300);
        SlackHarness.Builder builder = harness(config);
        List<String> users = new ArrayList<>();
        Map<String, String> preset =
                Map.of("qa-engineer", "U0QA", "ml-engineer", "U0ML", "senior-system-developer", "U0LEAD");
        for (Agent agent : config.agents()) {
            String user = preset.getOrDefault(
                    agent.id(), "U0" + agent.id().replaceAll("[^a-z0-9]", "").toUpperCase());
            builder.link(agent.id(), user);
            users.add(user);
        }
        start(builder);
        api.rateLimit("views.publish", 100);
        users.forEach(this::open);
        runUntilCurrent(users, clock.instant().plus(Duration.ofMinutes(10)));
        assertEquals(300, users.size());
        return users;
    }

    /** Publishes as the bot's thread would, moving the clock to each moment the publisher waits for. */
    private void runUntilCurrent(List<String> users, Instant deadline) {
        while (true) {
            Optional<Instant> next = home.publishDue();
            if (next.isEmpty()) {
                return;
            }
            assertTrue(
                    !next.get().isAfter(deadline),
                    "still publishing at " + next.get() + ", after " + deadline + ", for " + users.size() + " Homes");
            clock.set(next.get().isAfter(clock.instant()) ? next.get() : clock.instant());
        }
    }

    private SlackHarness.Builder harness(BotConfig config) {
        return slackHarness()
                .config(config)
                .link("qa-engineer", "U0QA")
                .link("ml-engineer", "U0ML")
                .link("senior-system-developer", "U0LEAD")
                .standInOnTheClock()
                .beforeStart((phasebot, runtime) -> {
                    Supplier<Doc> dashboard = () -> {
                        Doc doc = phasebot.dashboard().doc();
                        Runnable change = duringRender;
                        duringRender = null;
                        if (change != null) {
                            change.run();
                        }
                        return doc;
                    };
                    runtime.showDashboardAtHome(
                            dashboard,
                            phasebot.agents(),
                            refresh -> {
                                phasebot.planWriter().onChange(refresh);
                                phasebot.incidents().onOpenSetChange(refresh);
                            },
                            phasebot.database());
                    home = runtime.homeTabDrivenByHand();
                });
    }

    /** Every stale Home published: the burst of ten leaves these few nothing to wait for. */
    private void publishDue() {
        clock.tick(Duration.ofMinutes(1));
        assertEquals(Optional.empty(), home.publishDue(), "every stale Home was published");
    }

    private void open(String user) {
        events++;
        String event = "{\"type\":\"event_callback\",\"team_id\":\"T0TEAM\",\"api_app_id\":\"A0APP\","
                + "\"event\":{\"type\":\"app_home_opened\",\"user\":\"" + user
                + "\",\"channel\":\"D0X\",\"tab\":\"home\",\"event_ts\":\"1764000000." + events
                + "\"},\"event_id\":\"Ev0" + events + "\",\"event_time\":1764000000}";
        try {
            assertEquals(200, client.event(event).statusCode());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void gate(String args) {
        // A second apart: the same command signed at the same second would be refused as a replay.
        clock.tick(Duration.ofSeconds(1));
        try {
            String answer = client.slashCommand("U0LEAD", "/gate", args).body();
            assertTrue(answer.contains("criteria met"), answer);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<String> publishedUsers() {
        return api.calls("views.publish").stream().map(c -> c.param("user_id")).toList();
    }

    private List<FakeSlackApi.Call> since(int index) {
        List<FakeSlackApi.Call> all = api.calls("views.publish");
        return all.subList(index, all.size());
    }
}
