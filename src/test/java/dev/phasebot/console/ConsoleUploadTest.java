package dev.phasebot.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.delivery.Transport;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Upload;
import dev.phasebot.support.DeliveryTest;
import dev.phasebot.support.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A file posted through the outbox on the console: written under the files directory, its comment printed. */
class ConsoleUploadTest extends DeliveryTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    ConsoleUploadTest() {
        super("2026-11-24T09:00");
    }

    @Override
    protected Transport transport() {
        return new ConsoleTransport(
                new PrintStream(printed, true, StandardCharsets.UTF_8), Fixtures.shippedConfig(), files());
    }

    private Path files() {
        return dir.resolve("data").resolve("files");
    }

    private void upload(String key, String filename, String markdown) {
        db.run(tx -> outbox.upload(
                tx,
                key,
                Destination.parse("channel:coordination"),
                Doc.of("Phase 2 handoff report"),
                new Upload(filename, "Phase 2 handoff", markdown)));
    }

    @Test
    void anUploadIsWrittenUnderTheFilesDirectoryAndItsCommentSaysWhere() throws Exception {
        upload("handoff", "phase-2-handoff.md", "# Phase 2\n\nAll gates passed. ✓\n");

        assertEquals(1, worker.deliverDue());

        Path file = files().resolve("phase-2-handoff.md");
        assertEquals("# Phase 2\n\nAll gates passed. ✓\n", Files.readString(file, StandardCharsets.UTF_8));
        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("] Phase 2 handoff report"), out);
        assertTrue(out.contains("wrote " + file), out);
        assertEquals(0, worker.pendingCount());
    }

    @Test
    void aSecondFileOfTheSameNameIsWrittenBesideTheFirstWithANumber() throws Exception {
        upload("first", "report.md", "one");
        upload("second", "report.md", "two");

        assertEquals(2, worker.deliverDue());

        assertEquals("one", Files.readString(files().resolve("report.md")));
        assertEquals("two", Files.readString(files().resolve("report-2.md")));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("wrote " + files().resolve("report-2.md")));
    }

    @Test
    void aHostileFilenameIsWrittenInsideTheFilesDirectoryUnderASafeName() throws Exception {
        upload("hostile", "../../etc/pass wd;rm -rf.md", "x");

        assertEquals(1, worker.deliverDue());

        try (Stream<Path> everything = Files.walk(dir)) {
            List<Path> written = everything
                    .filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("phasebot.db"))
                    .toList();
            assertEquals(List.of(files().resolve("pass-wd-rm-rf.md")), written);
        }
    }

    @Test
    void theRowHoldsTheFileAndItsCommentAsTheyWereGiven() throws Exception {
        upload("handoff", "phase-2-handoff.md", "# Phase 2\n");

        com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(db.read(tx -> tx.queryOne("SELECT body FROM outbox", rs -> rs.getString(1)))
                        .orElseThrow());
        List<String> fields = new java.util.ArrayList<>();
        body.get("upload").fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("filename", "title", "markdown"), fields, "the file as given, nothing derived");
        assertEquals("# Phase 2\n", body.get("upload").get("markdown").asText());
        assertTrue(body.get("doc").toString().contains("Phase 2 handoff report"));
    }

    @Test
    void theSameDedupeKeyWritesTheFileOnce() throws Exception {
        upload("handoff", "report.md", "one");
        upload("handoff", "report.md", "one again");

        assertEquals(1, worker.deliverDue());
        try (Stream<Path> in = Files.list(files())) {
            assertEquals(1, in.count());
        }
    }
}
