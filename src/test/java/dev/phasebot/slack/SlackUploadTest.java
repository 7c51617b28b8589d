package dev.phasebot.slack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import dev.phasebot.command.AgentDirectory;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.delivery.Transport;
import dev.phasebot.message.Block;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Upload;
import dev.phasebot.support.DeliveryTest;
import dev.phasebot.support.FakeSlackApi;
import dev.phasebot.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A file posted through the outbox, by the real SlackTransport and the Web API stand-in: Slack's
 * two-step upload, its failures classified as a post's are, and a row that outlives a restart.
 */
class SlackUploadTest extends DeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPORT = "# Phase 2 handoff\n\n- Gate 4: passed ✓\n- Incidents: 1 (resolved)\n";

    /** The shipped plan with the coordination channel's id, as OPERATING asks once a workspace is connected. */
    private final BotConfig config = new ConfigLoader()
            .parse(
                    "bot-config.yml with a channel id",
                    Fixtures.shippedConfigText()
                            .replaceFirst(
                                    "(?m)^  coordination:\n    name: \"#alphapy-phase2\"\n",
                                    "  coordination:\n    name: \"#alphapy-phase2\"\n    id: C0COORD\n"));

    private FakeSlackApi api;
    private Slack slack;
    private MethodsClient methods;

    SlackUploadTest() {
        super("2026-11-24T09:00");
    }

    @Override
    protected void start() throws Exception {
        api = new FakeSlackApi(clock);
        slack = api.slack();
        methods = slack.methods("xoxb-test");
        super.start();
        db.run(tx -> new AgentDirectory(config, db, false).link(tx, "qa-engineer", "U0QA", "test", clock.instant()));
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        api.close();
    }

    @Override
    protected Transport transport() {
        return new SlackTransport(methods, config, new AgentDirectory(config, db, false));
    }

    private void upload(String key, String destination, String filename) {
        Doc comment = Doc.builder()
                .heading("Phase 2 is closed")
                .line("The handoff report <!channel> & all")
                .build();
        db.run(tx -> outbox.upload(
                tx, key, Destination.parse(destination), comment, new Upload(filename, "Phase 2 handoff", REPORT)));
    }

    @Test
    void anUploadGetsAUrlPostsTheBytesThereAndCompletesInTheChannelWithTheComment() throws Exception {
        upload("handoff", "channel:coordination", "phase-2-handoff.md");

        assertEquals(1, worker.deliverDue());

        assertEquals(
                List.of("files.getUploadURLExternal", "upload", "files.completeUploadExternal"),
                api.all().stream().map(FakeSlackApi.Call::method).toList(),
                "the three steps, in order, and nothing else");
        byte[] bytes = REPORT.getBytes(StandardCharsets.UTF_8);
        FakeSlackApi.Call asked = api.calls("files.getUploadURLExternal").get(0);
        assertEquals("phase-2-handoff.md", asked.param("filename"));
        assertEquals(Integer.toString(bytes.length), asked.param("length"), "the length in bytes, not characters");
        FakeSlackApi.Uploaded shared = api.uploads().get(0);
        assertArrayEquals(bytes, shared.bytes());
        assertEquals(bytes.length, shared.length());
        assertEquals("Phase 2 handoff", shared.title());
        assertEquals("C0COORD", shared.channel());
        assertEquals("*Phase 2 is closed*\nThe handoff report &lt;!channel&gt; &amp; all", shared.initialComment());
        JsonNode files =
                JSON.readTree(api.calls("files.completeUploadExternal").get(0).param("files"));
        assertEquals(shared.fileId(), files.get(0).get("id").asText());
        assertEquals(0, worker.pendingCount());
    }

    @Test
    void aFileForAnAgentGoesToTheirDmByTheConversationSlackOpens() throws Exception {
        api.answer("conversations.open", "{\"ok\":true,\"channel\":{\"id\":\"D0QA\"}}");
        upload("mine", "dm:qa-engineer", "notes.md");

        assertEquals(1, worker.deliverDue());

        assertEquals("U0QA", api.calls("conversations.open").get(0).param("users"));
        assertEquals("D0QA", api.uploads().get(0).channel());
    }

    @Test
    void a500OnCompletingIsRetriedFromANewUrlAndTheFileIsSharedOnce() throws Exception {
        api.fail("files.completeUploadExternal", 500, Map.of(), "{\"ok\":false,\"error\":\"internal_error\"}");
        upload("handoff", "channel:coordination", "phase-2-handoff.md");

        assertEquals(0, worker.deliverDue());
        assertEquals(1, worker.pendingCount(), "kept for another try");
        clock.tick(Duration.ofSeconds(1));
        assertEquals(1, worker.deliverDue());

        List<FakeSlackApi.Call> urls = api.calls("files.getUploadURLExternal");
        assertEquals(2, urls.size(), "the whole upload again");
        List<FakeSlackApi.Call> completes = api.calls("files.completeUploadExternal");
        assertEquals(
                List.of(500, 200),
                completes.stream().map(FakeSlackApi.Call::status).toList());
        assertTrue(
                !completes.get(0).param("files").equals(completes.get(1).param("files")),
                "the second try shares the file its own new URL took");
        assertEquals(1, api.uploads().size());
        assertEquals(REPORT, api.uploads().get(0).content());
    }

    @Test
    void aFailedPostOfTheBytesIsRetriedAndNothingIsSharedMeanwhile() throws Exception {
        api.fail("upload", 503, Map.of(), "unavailable");
        upload("handoff", "channel:coordination", "phase-2-handoff.md");

        assertEquals(0, worker.deliverDue());
        assertEquals(List.of(), api.calls("files.completeUploadExternal"));
        clock.tick(Duration.ofSeconds(1));
        assertEquals(1, worker.deliverDue());
        assertEquals(1, api.uploads().size());
    }

    @Test
    void a429HoldsUploadsForItsRetryAfterButNotOtherPosts() throws Exception {
        api.fail(
                "files.getUploadURLExternal",
                429,
                Map.of("Retry-After", "5"),
                "{\"ok\":false,\"error\":\"ratelimited\"}");
        upload("handoff", "channel:coordination", "phase-2-handoff.md");
        upload("mine", "dm:qa-engineer", "notes.md");
        post("hello", "channel:architecture", "the review is at ten");

        worker.deliverDue();
        assertEquals(1, api.calls("files.getUploadURLExternal").size(), "the second upload waits too");
        assertEquals(1, api.succeeded("chat.postMessage").size(), "a post goes on");
        clock.tick(Duration.ofSeconds(4));
        worker.deliverDue();
        assertEquals(1, api.calls("files.getUploadURLExternal").size(), "still held");

        clock.tick(Duration.ofSeconds(1));
        worker.deliverDue();
        assertEquals(2, api.uploads().size());
        assertEquals(0, worker.pendingCount());
        assertEquals(
                1,
                db.read(tx -> tx.queryOne(
                                "SELECT attempts FROM outbox WHERE dedupe_key = 'handoff'", rs -> rs.getInt(1)))
                        .orElseThrow(),
                "sent in one attempt: a hold is not a failure");
    }

    @Test
    void notInChannelRejectsTheUploadForGood() throws Exception {
        api.fail("files.completeUploadExternal", 200, Map.of(), "{\"ok\":false,\"error\":\"not_in_channel\"}");
        upload("handoff", "channel:coordination", "phase-2-handoff.md");

        worker.deliverDue();
        clock.tick(Duration.ofHours(1));
        worker.deliverDue();

        assertEquals(1, api.calls("files.completeUploadExternal").size(), "not tried again");
        assertEquals(
                List.of("failed", "not_in_channel"),
                db.read(tx -> tx.queryOne(
                                "SELECT status, last_error FROM outbox WHERE dedupe_key = 'handoff'",
                                rs -> List.of(rs.getString(1), rs.getString(2))))
                        .orElseThrow());
    }

    @Test
    void aChannelWithoutAnIdTakesTheIdItsLastPostLandedIn() throws Exception {
        post("open", "channel:security", "security review at ten");
        db.run(tx -> outbox.upload(
                tx, "report", Destination.parse("channel:security"), Doc.of("report"), new Upload("r.md", "r", "x")));

        assertEquals(2, worker.deliverDue());

        assertEquals("C0ALPHAPYSECURITY", api.uploads().get(0).channel());
    }

    @Test
    void aChannelWithNoIdKnownIsRefusedWithWhatToSet() throws Exception {
        db.run(tx -> outbox.upload(
                tx, "report", Destination.parse("channel:security"), Doc.of("report"), new Upload("r.md", "r", "x")));

        worker.deliverDue();

        String error = db.read(tx -> tx.queryOne("SELECT last_error FROM outbox", rs -> rs.getString(1)))
                .orElseThrow();
        assertTrue(error.contains("set channels.security.id"), error);
        assertEquals(
                List.of("conversations.list"),
                api.all().stream().map(FakeSlackApi.Call::method).toList(),
                "looked for by its name, nothing uploaded");
    }

    @Test
    void aChannelWithoutAnIdIsFoundByItsNameAmongTheChannelsTheBotCanSee() throws Exception {
        // No post has taught the transport the id (as after a restart between a post and its file).
        FakeSlackApi.Channel security = api.existingChannel("alphapy-security", true);
        db.run(tx -> outbox.upload(
                tx, "report", Destination.parse("channel:security"), Doc.of("report"), new Upload("r.md", "r", "x")));
        db.run(tx -> outbox.upload(
                tx, "again", Destination.parse("channel:security"), Doc.of("again"), new Upload("a.md", "a", "y")));

        assertEquals(2, worker.deliverDue());

        assertEquals(
                List.of(security.id(), security.id()),
                api.uploads().stream().map(FakeSlackApi.Uploaded::channel).toList());
        assertEquals(1, api.calls("conversations.list").size(), "the id found once is kept");
    }

    @Test
    void anUploadWrittenButNotSentIsSentByTheWorkerAfterARestart() throws Exception {
        upload("handoff", "channel:coordination", "phase-2-handoff.md");
        restart(Duration.ofMinutes(5));

        assertEquals(1, worker.deliverDue());

        assertEquals(1, api.uploads().size());
        assertEquals(REPORT, api.uploads().get(0).content());
        assertEquals("phase-2-handoff.md", api.uploads().get(0).filename());
    }

    @Test
    void aHostileFilenameReachesSlackSanitised() throws Exception {
        upload("handoff", "channel:coordination", "../../etc/passwd");

        worker.deliverDue();

        assertEquals("passwd", api.calls("files.getUploadURLExternal").get(0).param("filename"));
    }

    @Test
    void aFileWithoutACommentIsSharedWithoutOne() throws Exception {
        db.run(tx -> outbox.upload(
                tx,
                "bare",
                Destination.parse("channel:coordination"),
                new Doc(List.of()),
                new Upload("r.md", "r", "x")));

        assertEquals(1, worker.deliverDue());

        assertEquals(null, api.calls("files.completeUploadExternal").get(0).param("initial_comment"));
    }

    @Test
    void aCommentKeepsItsListsAndFields() {
        Doc doc = new Doc(List.of(
                new Block.Bullets(Line.of("Missing"), List.of(Line.of("D3 runbook"))),
                new Block.Fields(List.of(new Block.Field("Incidents", Line.of("1 open"))))));
        assertEquals("*Missing*\n• D3 runbook\n*Incidents*: 1 open", SlackUploads.mrkdwn(doc));
    }
}
