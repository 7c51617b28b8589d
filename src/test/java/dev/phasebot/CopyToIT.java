package dev.phasebot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.support.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar phasebot.jar copy-to <url>} as a team runs it to leave the file for
 * PostgreSQL: stop the bot, copy, start it on the URL and carry on where it stopped.
 */
class CopyToIT {

    @TempDir
    Path dir;

    @Test
    void aTeamsFileMovesToPostgresAndTheBotCarriesOnThere() throws Exception {
        Path file = dir.resolve("data/phasebot.db");
        Result onTheFile = run(
                List.of(),
                Map.of("PHASEBOT_DB", file.toString()),
                "/incident raise HIGH CI runners are down\n/standup open\nas qa-engineer\n"
                        + "/standup today: fuzz the YAML loader\nquit\n");
        assertEquals(0, onTheFile.exit(), onTheFile.err());
        PostgresServer.Database pg = PostgresServer.freshDatabase();

        // The role in the URL itself, as the README allows.
        Result copied = run(
                List.of("copy-to", pg.url() + "?user=" + pg.user() + "&password=" + pg.password()),
                Map.of("PHASEBOT_DB", file.toString()),
                "");

        assertEquals(0, copied.exit(), copied.err());
        assertEquals("", copied.err(), "nothing but the counts");
        assertTrue(copied.out().lines().anyMatch(line -> line.matches("incident +1")), copied.out());
        assertTrue(copied.out().lines().anyMatch(line -> line.matches("standup_update +1")), copied.out());
        assertTrue(copied.out().lines().allMatch(line -> line.matches("[a-z_]+ +\\d+")), copied.out());

        Map<String, String> onPostgres =
                Map.of("PHASEBOT_DB", pg.url(), "PHASEBOT_DB_USER", pg.user(), "PHASEBOT_DB_PASSWORD", pg.password());
        Result carriedOn = run(
                List.of(), onPostgres, "/incident raise HIGH Second outage, after the move\n/standup status\nquit\n");
        assertEquals(0, carriedOn.exit(), carriedOn.err());
        assertTrue(carriedOn.out().contains("#2"), "the next incident number: " + carriedOn.out());
        assertTrue(carriedOn.out().contains("Posted: qa-engineer"), "the copied update: " + carriedOn.out());
    }

    @Test
    void aNonEmptyTargetAMissingFileAndAMissingUrlAreRefusedInOneLine() throws Exception {
        Path file = dir.resolve("phasebot.db");
        assertEquals(
                0,
                run(List.of(), Map.of("PHASEBOT_DB", file.toString()), "/standup open\nquit\n")
                        .exit());
        PostgresServer.Database pg = PostgresServer.freshDatabase();
        Map<String, String> env =
                Map.of("PHASEBOT_DB", file.toString(), "PHASEBOT_DB_USER", pg.user(), "PHASEBOT_DB_PASSWORD", "test");
        assertEquals(0, run(List.of("copy-to", pg.url()), env, "").exit());

        Result notEmpty = run(List.of("copy-to", pg.url()), env, "");
        assertEquals(1, notEmpty.exit());
        assertEquals(List.of(), notEmpty.out().lines().toList());
        List<String> reason = notEmpty.err().lines().toList();
        assertEquals(1, reason.size(), notEmpty.err());
        assertTrue(reason.get(0).startsWith("phasebot: " + pg.url() + " is not empty ("), notEmpty.err());

        Path missing = dir.resolve("elsewhere/phasebot.db");
        Result noFile = run(
                List.of("copy-to", PostgresServer.freshDatabase().url()),
                Map.of("PHASEBOT_DB", missing.toString(), "PHASEBOT_DB_USER", "nobody"),
                "");
        assertEquals(2, noFile.exit());
        assertEquals(
                "phasebot: " + missing + " does not exist: set PHASEBOT_DB to the SQLite file of the phasebot to "
                        + "copy",
                noFile.err().strip());
        assertFalse(Files.exists(missing.getParent()), "no empty file was made in its place");

        Result noUrl = run(List.of("copy-to"), env, "");
        assertEquals(2, noUrl.exit());
        assertEquals(
                "phasebot: usage: java -jar phasebot.jar copy-to jdbc:postgresql://host:5432/name",
                noUrl.err().strip());
    }

    private record Result(int exit, String out, String err) {}

    private Result run(List<String> args, Map<String, String> env, String input)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target/phasebot.jar").toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        for (String inherited : List.of(
                "SLACK_BOT_TOKEN",
                "SLACK_SIGNING_SECRET",
                "PHASEBOT_CONFIG",
                "PHASEBOT_DB_USER",
                "PHASEBOT_DB_PASSWORD",
                "PHASEBOT_LOG_LEVEL",
                "PHASEBOT_STANDBY")) {
            pb.environment().remove(inherited);
        }
        pb.environment().putAll(env);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the jar did not exit within 60 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
