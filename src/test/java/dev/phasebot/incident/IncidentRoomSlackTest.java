package dev.phasebot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Message;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.FakeSlackApi.Call;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.SlackTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A CRITICAL incident's own room, through a real Bolt app, the delivery worker and the Web API
 * stand-in: what Slack is asked to do, in what order, and what it never is.
 */
class IncidentRoomSlackTest extends SlackTest {

    private static final String SECRET = "incident-room-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ROOM_METHODS = Set.of(
            "conversations.create",
            "conversations.invite",
            "conversations.setTopic",
            "chat.postMessage",
            "pins.add",
            "conversations.archive");

    IncidentRoomSlackTest() {
        super("2026-11-24T10:00", SECRET);
    }

    @Test
    void aRaiseCreatesTheRoomInvitesTheRespondersSetsTheTopicPostsTheCardAndPinsItInThatOrder() throws Exception {
        start();
        raise("Pipeline outage affects T4");
        drain();

        assertEquals(1, api.channels().size(), api.channels().toString());
        FakeSlackApi.Channel room = api.channels().get(0);
        assertEquals("inc-1-pipeline-outage", room.name());
        assertFalse(room.isPrivate());
        List<Call> inRoom = api.all().stream()
                .filter(c -> ROOM_METHODS.contains(c.method()))
                .filter(c ->
                        c.method().equals("conversations.create") || room.id().equals(c.param("channel")))
                .toList();
        assertEquals(
                List.of(
                        "conversations.create",
                        "conversations.invite",
                        "conversations.setTopic",
                        "chat.postMessage",
                        "pins.add"),
                inRoom.stream().map(Call::method).toList());
        assertEquals(
                Set.of("U0ML", "U0LEAD"), Set.of(inRoom.get(1).param("users").split(",")));
        String topic = inRoom.get(2).param("topic");
        assertTrue(topic.contains("CRITICAL") && topic.contains("next: technical assessment by 10:30"), topic);
        assertTrue(
                inRoom.get(3).param("text").contains("Pipeline outage"),
                inRoom.get(3).param("text"));
        FakeSlackApi.Posted card = api.posted().stream()
                .filter(p -> p.channel().equals(room.id()))
                .findFirst()
                .orElseThrow();
        assertEquals(card.ts(), inRoom.get(4).param("timestamp"), "the card is what is pinned");
        assertTrue(
                api.succeeded("chat.postMessage").stream()
                        .anyMatch(c -> c.param("channel").equals("#alphapy-phase2")
                                && c.param("text").contains("Incident #1 has its own room")
                                && unescaped(c.param("blocks")).contains("<#" + room.id() + ">")),
                "the pointer in the coordination channel, naming the room by its mention");
        assertTrue(
                postedTo("#alphapy-phase2", t -> t.contains("Pipeline outage")), "the card stays in the channel too");
        assertEquals(0, worker.pendingCount());
    }

    @Test
    void aSecurityIncidentsRoomIsPrivateInvitesOnlySecurityMembersAndItsPointerHasNoTitleWords() throws Exception {
        start();
        raise("security ZETA-TITLE token in logs affects T4 -- rotate now");
        drain();

        assertEquals(1, api.channels().size());
        FakeSlackApi.Channel room = api.channels().get(0);
        assertTrue(room.isPrivate());
        assertEquals("inc-1-zeta-title-token-in-logs", room.name());
        Call invite = api.succeeded("conversations.invite").get(0);
        // T4's owner (ml-engineer) may not read the security channel: not invited.
        assertEquals(Set.of("U0SEC", "U0LEAD"), Set.of(invite.param("users").split(",")));
        assertTrue(api.succeeded("conversations.setTopic").get(0).param("topic").startsWith("CRITICAL security"));
        assertFalse(
                api.succeeded("conversations.setTopic").get(0).param("topic").contains("ZETA"));
        List<Call> pointers = api.succeeded("chat.postMessage").stream()
                .filter(c -> c.param("text").contains("has its own room"))
                .toList();
        assertEquals(1, pointers.size());
        Call pointer = pointers.get(0);
        assertEquals("#alphapy-security", pointer.param("channel"));
        String said = pointer.param("text") + " " + unescaped(pointer.param("blocks"));
        assertTrue(said.contains("<#" + room.id() + ">"), said);
        for (String word : List.of("ZETA", "zeta", "token", "logs", room.name())) {
            assertFalse(said.contains(word), word + " in " + said);
        }
    }

    @Test
    void onceTheRoomIsMadeTheCardInTheChannelAndEveryLaterCardLinkItButNotForThoseWhoMayNotReadIt() throws Exception {
        start();
        raise("Pipeline outage affects T4");
        raise("security ZETA token in logs affects T4");
        drain();
        String room = api.channels().get(0).id();
        String securityRoom = api.channels().get(1).id();

        assertTrue(
                api.succeeded("chat.update").stream()
                        .filter(c -> !room.equals(c.param("channel")))
                        .anyMatch(c -> unescaped(c.param("blocks")).contains("<#" + room + ">")),
                "the coordination channel's card is edited to link the room");
        command("U0LEAD", "/incident", "assign 1 qa-engineer");
        drain();
        Call dm = api.succeeded("chat.postMessage").stream()
                .filter(c -> unescaped(c.param("blocks") == null ? "" : c.param("blocks"))
                        .contains("You are now the assignee"))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertTrue(unescaped(dm.param("blocks")).contains("<#" + room + ">"), "the new assignee's card links it");
        assertEquals(
                room,
                bot.incidentQueries()
                        .list("qa-engineer")
                        .open()
                        .get(0)
                        .incident()
                        .room());
        assertEquals(
                null,
                bot.incidentQueries()
                        .list("qa-engineer")
                        .open()
                        .get(1)
                        .incident()
                        .room(),
                "a non-member learns nothing of a private room");
        assertEquals(
                securityRoom,
                bot.incidentQueries()
                        .list("senior-system-developer")
                        .open()
                        .get(1)
                        .incident()
                        .room());
        assertTrue(api.succeeded("chat.postMessage").stream()
                .filter(c -> c.param("channel").equals("#alphapy-phase2"))
                .noneMatch(c -> unescaped(c.param("blocks") == null ? "" : c.param("blocks"))
                        .contains(securityRoom)));
        String listed = command("U0QA", "/incident", "list");
        // The answer's text is the plain rendering: the link reads as the channel's id there.
        assertTrue(listed.contains("Pipeline outage") && listed.contains(" · room #" + room), listed);
        assertFalse(listed.contains(securityRoom), "a non-member's list names no private room: " + listed);
        assertTrue(command("U0LEAD", "/incident", "list").contains(" · room #" + securityRoom));
    }

    @Test
    void twoIncidentsAtOnceKeepTheirRoomsApart() throws Exception {
        start();
        raise("Pipeline outage affects T4");
        raise("Feature store corrupt affects T4");
        drain();

        assertEquals(
                List.of("inc-1-pipeline-outage", "inc-2-feature-store-corrupt"),
                api.channels().stream().map(FakeSlackApi.Channel::name).toList());
        String first = api.channels().get(0).id();
        String second = api.channels().get(1).id();
        List<FakeSlackApi.Posted> inFirst =
                api.posted().stream().filter(p -> p.channel().equals(first)).toList();
        List<FakeSlackApi.Posted> inSecond =
                api.posted().stream().filter(p -> p.channel().equals(second)).toList();
        assertEquals(1, inFirst.size());
        assertEquals(1, inSecond.size());
        assertTrue(inFirst.get(0).text().contains("#1") && inFirst.get(0).text().contains("Pipeline outage"));
        assertTrue(
                inSecond.get(0).text().contains("#2") && inSecond.get(0).text().contains("Feature store"));
        assertEquals(
                Set.of(first, second),
                Set.copyOf(api.succeeded("pins.add").stream()
                        .map(c -> c.param("channel"))
                        .toList()));
        assertTrue(bot.incidents().rooms().room(1).orElseThrow().channelId().equals(first));
        assertTrue(bot.incidents().rooms().room(2).orElseThrow().channelId().equals(second));
    }

    @Test
    void aRetryAfterA500OnTheCreateMakesOneRoom() throws Exception {
        start();
        api.fail("conversations.create", 500, Map.of(), "{\"ok\":false,\"error\":\"internal_error\"}");
        raise("Pipeline outage affects T4");
        drain();

        assertEquals(2, api.calls("conversations.create").size(), "tried again after the 500");
        assertEquals(1, api.channels().size());
        assertEquals(1, api.succeeded("pins.add").size());
        assertEquals(0, worker.pendingCount());
    }

    @Test
    void aCreateWhoseAnswerWasLostFindsTheRoomByItsNameInsteadOfMakingASecond() throws Exception {
        start();
        // Slack made it, the bot never learnt so: the next create meets name_taken.
        FakeSlackApi.Channel made = api.existingChannel("inc-1-pipeline-outage", false);
        raise("Pipeline outage affects T4");
        drain();

        assertEquals(1, api.channels().size());
        assertEquals(1, api.calls("conversations.list").size());
        assertEquals(made.id(), bot.incidents().rooms().room(1).orElseThrow().channelId());
        assertEquals(made.id(), api.succeeded("pins.add").get(0).param("channel"));
    }

    @Test
    void aCreateSentAgainAfterARestartFindsTheRoomInTheStoreAndCallsSlackNoMore() throws Exception {
        start();
        raise("Pipeline outage affects T4");
        drain();
        // As if the bot died after Slack created the room and its id was kept, before the row was marked sent.
        bot.database()
                .run(tx -> tx.update(
                        "UPDATE outbox SET status = 'pending', attempt_started_at = NULL WHERE dedupe_key = ?",
                        "incident:1:room:create"));
        drain();

        assertEquals(1, api.calls("conversations.create").size());
        assertEquals(1, api.channels().size());
        assertEquals(0, worker.pendingCount());
    }

    @Test
    void aRateLimitedCreateWaitsOutItsRetryAfterAndMakesOneRoom() throws Exception {
        start();
        api.fail("conversations.create", 429, Map.of("Retry-After", "20"), "{\"ok\":false,\"error\":\"ratelimited\"}");
        raise("Pipeline outage affects T4");
        worker.deliverDue();
        assertEquals(1, api.calls("conversations.create").size());
        clock.tick(Duration.ofSeconds(10));
        worker.deliverDue();
        assertEquals(1, api.calls("conversations.create").size(), "held for its Retry-After");
        drain();
        assertEquals(2, api.calls("conversations.create").size());
        assertEquals(1, api.channels().size());
    }

    @Test
    void theRoomIsArchivedArchiveAfterTheResolveAndNothingIsPostedThereAfter() throws Exception {
        start();
        raise("Pipeline outage affects T4");
        drain();
        String room = api.channels().get(0).id();
        bot.incidents().resolve("senior-system-developer", 1, "disk cleaned");
        drain();
        int postsInRoom = postsIn(room);

        clock.tick(Duration.ofHours(24).minusSeconds(1));
        bot.timers().runDue();
        drain();
        assertTrue(api.calls("conversations.archive").isEmpty(), "not before archive_after");

        clock.tick(Duration.ofSeconds(1));
        bot.timers().runDue();
        drain();
        assertEquals(1, api.succeeded("conversations.archive").size());
        assertEquals(room, api.succeeded("conversations.archive").get(0).param("channel"));
        assertTrue(api.channels().get(0).archived());
        assertEquals("archived", bot.incidents().rooms().room(1).orElseThrow().state());

        bot.database()
                .run(tx -> bot.outbox()
                        .post(tx, "late", Message.of(Destination.room(1), Doc.of("said after the archive"))));
        drain();
        assertEquals(postsInRoom, postsIn(room), "nothing is posted in an archived room");
        assertTrue(api.calls("chat.postMessage").stream()
                .noneMatch(c -> c.param("text").contains("after the archive")));
        assertEquals(0, worker.pendingCount());
    }

    @Test
    void whereTheBotMayNotCreateChannelsItSaysSoOnceAndEachIncidentKeepsToItsChannel() throws Exception {
        start();
        for (int i = 0; i < 2; i++) {
            api.fail(
                    "conversations.create",
                    200,
                    Map.of(),
                    "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"channels:manage\"}");
        }
        raise("Pipeline outage affects T4");
        drain();
        raise("Feature store corrupt affects T4");
        drain();

        assertEquals(2, api.calls("conversations.create").size());
        assertTrue(api.channels().isEmpty());
        for (String method : List.of("conversations.invite", "conversations.setTopic", "pins.add")) {
            assertTrue(api.calls(method).isEmpty(), method);
        }
        List<Call> said = api.succeeded("chat.postMessage").stream()
                .filter(c -> c.param("text").contains("no room of their own"))
                .toList();
        assertEquals(1, said.size(), "said once");
        assertEquals("#alphapy-phase2", said.get(0).param("channel"));
        assertTrue(said.get(0).param("text").contains("missing_scope"));
        assertTrue(postedTo("#alphapy-phase2", t -> t.contains("Pipeline outage")), "card #1 as before");
        assertTrue(postedTo("#alphapy-phase2", t -> t.contains("Feature store corrupt")), "card #2 as before");
        assertEquals(
                "unavailable", bot.incidents().rooms().room(2).orElseThrow().state());
        assertEquals(0, worker.pendingCount());
    }

    @Test
    void theRoomsTopicFollowsTheDeadlinesAsTheyAreMetOrMissedAndSaysWhenTheIncidentIsResolved() throws Exception {
        start();
        raise("Pipeline outage affects T4");
        drain();
        command("U0ML", "/incident", "assess 1 disk full on the runner");
        drain();
        command("U0ML", "/incident", "note 1 nothing changes the topic");
        drain();
        clock.tick(Duration.ofMinutes(61));
        bot.timers().runDue();
        drain();
        bot.incidents().resolve("senior-system-developer", 1, "disk cleaned");
        drain();

        List<String> topics = api.succeeded("conversations.setTopic").stream()
                .map(c -> c.param("topic"))
                .toList();
        assertEquals(4, topics.size(), topics.toString());
        assertTrue(topics.get(0).endsWith("next: technical assessment by 10:30 EST"), topics.get(0));
        assertTrue(topics.get(1).contains("next: mitigation plan by 11:00 EST"), topics.get(1));
        assertFalse(topics.get(1).contains("missed"), topics.get(1));
        assertTrue(topics.get(2).endsWith("next: mitigation plan by 11:00 EST, missed"), topics.get(2));
        assertEquals("CRITICAL incident #1 · resolved", topics.get(3));
        String room = api.channels().get(0).id();
        assertTrue(api.succeeded("conversations.setTopic").stream().allMatch(c -> room.equals(c.param("channel"))));
        Call summary = api.succeeded("chat.postMessage").stream()
                .filter(c -> c.param("channel").equals("#alphapy-phase2")
                        && c.param("text").contains("Post-incident summary"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                unescaped(summary.param("blocks")).contains("room — opened <#" + room + ">"),
                "the summary's timeline links the room: " + summary.param("blocks"));
    }

    @Test
    void anIncidentRaisedToCriticalLaterGetsItsRoomThenAndKeepsItWhenLoweredAndRaisedAgain() throws Exception {
        start();
        raise("HIGH Pipeline outage affects T4");
        drain();
        assertTrue(api.calls("conversations.create").isEmpty(), "no room below CRITICAL");

        command("U0LEAD", "/incident", "severity 1 CRITICAL");
        drain();
        assertEquals(1, api.channels().size());
        assertEquals("inc-1-pipeline-outage", api.channels().get(0).name());
        assertEquals(1, api.succeeded("pins.add").size());
        assertTrue(postedTo("#alphapy-phase2", t -> t.contains("Incident #1 has its own room")));

        command("U0LEAD", "/incident", "severity 1 HIGH");
        drain();
        clock.tick(Duration.ofSeconds(1));
        command("U0LEAD", "/incident", "severity 1 CRITICAL");
        drain();
        assertEquals(1, api.calls("conversations.create").size(), "one room for the incident");
        List<String> topics = api.succeeded("conversations.setTopic").stream()
                .map(c -> c.param("topic"))
                .toList();
        assertTrue(topics.stream().anyMatch(t -> t.startsWith("HIGH incident #1")), topics.toString());
        assertTrue(topics.get(topics.size() - 1).startsWith("CRITICAL incident #1 · next:"), topics.toString());
    }

    @Test
    void aNewAssigneeAndANewRoleHolderAreInvitedToTheRoomBeforeTheHandOffIsAnnouncedThere() throws Exception {
        start();
        raise("Pipeline outage affects T4");
        drain();
        String room = api.channels().get(0).id();

        command("U0LEAD", "/incident", "assign 1 qa-engineer");
        drain();
        command("U0LEAD", "/incident", "role 1 communications python-ml-fintech-reviewer");
        drain();

        List<Call> invites = api.succeeded("conversations.invite");
        assertEquals(3, invites.size(), invites.toString());
        assertEquals("U0QA", invites.get(1).param("users"));
        assertEquals("U0SEC", invites.get(2).param("users"));
        assertTrue(invites.stream().allMatch(c -> room.equals(c.param("channel"))));
        List<Call> inRoom = api.all().stream()
                .filter(c -> room.equals(c.param("channel")))
                .filter(c -> Set.of("conversations.invite", "chat.postMessage").contains(c.method()))
                .toList();
        int invited = inRoom.indexOf(invites.get(2));
        int announced = -1;
        for (int i = 0; i < inRoom.size(); i++) {
            if (inRoom.get(i).method().equals("chat.postMessage")
                    && inRoom.get(i).param("text").contains("is now the communications")) {
                announced = i;
            }
        }
        assertTrue(invited >= 0 && announced > invited, "invited at " + invited + ", announced at " + announced);
    }

    @Test
    void aSecurityRoomInvitesNoOneOutsideTheSecurityChannelWhenRolesChange() throws Exception {
        start();
        raise("security token in logs affects T4");
        drain();

        String refused = command("U0LEAD", "/incident", "assign 1 ml-engineer");
        drain();
        assertTrue(refused.contains("not a member of the security channel"), refused);
        assertEquals(1, api.succeeded("conversations.invite").size(), "only the raise's invite");
    }

    private void start() throws Exception {
        start(slackHarness()
                .config(Fixtures.shippedConfig())
                .link("qa-engineer", "U0QA")
                .link("ml-engineer", "U0ML")
                .link("python-ml-fintech-reviewer", "U0SEC")
                .link("senior-system-developer", "U0LEAD"));
    }

    private void raise(String text) throws Exception {
        String answer = JSON.readTree(
                        client.slashCommand("U0QA", "/incident", text).body())
                .get("text")
                .asText();
        assertTrue(answer.startsWith("Incident #"), answer);
    }

    /** A signed slash command a second after the last one (the same signature twice is a replay); its answer. */
    private String command(String user, String name, String text) throws Exception {
        clock.tick(Duration.ofSeconds(1));
        return JSON.readTree(client.slashCommand(user, name, text).body())
                .get("text")
                .asText();
    }

    /** Blocks as the client sends them: JSON with {@code <} and {@code >} escaped. */
    private static String unescaped(String json) {
        return json.replace("\\u003c", "<").replace("\\u003e", ">");
    }

    private int postsIn(String channel) {
        return (int)
                api.posted().stream().filter(p -> p.channel().equals(channel)).count();
    }

    private boolean postedTo(String channel, java.util.function.Predicate<String> text) {
        return api.succeeded("chat.postMessage").stream()
                .anyMatch(c -> c.param("channel").equals(channel) && text.test(c.param("text")));
    }
}
