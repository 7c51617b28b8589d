package dev.phasebot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.support.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phase after phase on one install, as a team runs the packaged jar on the console: phase 2 worked
 * and closed with its report file on disk, bot-config.yml switched to the next phase, a restart;
 * and a phase nobody closed, its process killed, superseded at the restart.
 */
class NextPhaseIT {

    private static final String PHASE_2 = "AlphaPy Phase 2: Specialist Implementation & Security Hardening";

    @TempDir
    Path dir;

    private Path config;
    private Path db;
    private Path files;

    @Test
    void aClosedPhaseKeepsItsReportAndTheNextPhaseRunsOnlyItsOwnPlanAfterTheRestart() throws Exception {
        setUp("closed");
        Result phase2 = run("""
                /standup open
                as qa-engineer
                /standup today: fuzz the YAML loader
                as senior-system-developer
                /phase close
                /phase close Gates 2-4 move to phase 3
                /phase report
                quit
                """);
        assertEquals(0, phase2.exit(), phase2.err());
        assertTrue(phase2.out().contains("! Not closed, nothing changed: Gate 1 (Security Clearance)"), phase2.out());
        assertTrue(phase2.out().contains(PHASE_2 + " closed by senior-system-developer"), phase2.out());
        List<Path> written = reportFiles();
        assertEquals(1, written.size(), "one report file: " + written);
        String markdown = Files.readString(written.get(0));
        assertTrue(markdown.startsWith("# Handoff report: " + PHASE_2 + "\n"), markdown);
        assertTrue(
                markdown.contains("- Status: closed by senior-system-developer: Gates 2-4 move to phase 3"), markdown);
        assertTrue(markdown.contains("| qa-engineer | 1 of 1 |"), "the standup update counted: " + markdown);
        assertTrue(phase2.out().contains("wrote " + written.get(0)), "the console says where: " + phase2.out());
        String reportAtClose = section(phase2.out(), "Handoff report: " + PHASE_2);

        Files.writeString(config, Fixtures.nextPhaseConfigText());
        Result phase3 = run("/phase list\n/phase report 1\n/task list\nquit\n");
        assertEquals(0, phase3.exit(), phase3.err());
        String out = phase3.out();
        assertTrue(out.contains("1. " + PHASE_2 + " · first day "), out);
        assertTrue(
                out.contains("closed ") && out.contains("by senior-system-developer: Gates 2-4 move to phase 3"), out);
        assertTrue(out.contains("2. " + Fixtures.NEXT_PHASE + " · first day "), out);
        assertTrue(out.contains(" · current"), out);
        assertEquals(
                reportAtClose,
                section(out, "Handoff report: " + PHASE_2),
                "phase 2's report reads as it did when it was closed");
        assertTrue(out.contains("Streaming pipeline") && out.contains("Production rollout"), out);
        for (String old : List.of("Security Vulnerability Fix", "CI/CD Pipeline Enhancement", "T7")) {
            assertFalse(out.contains(old), old + " of the old plan in: " + out);
        }
        assertEquals(written, reportFiles(), "a closed phase's report file is not written again");
        assertNoStackTrace(phase2);
        assertNoStackTrace(phase3);
    }

    @Test
    void aPhaseKilledWithAnOpenIncidentIsSupersededAtTheRestartItsIncidentCarriedOverAndItsReportWrittenOnce()
            throws Exception {
        setUp("killed");
        Process first = start();
        String raised = until(first, "/incident Nightly build broken | severity: HIGH\n", "Incident #1");
        assertTrue(raised.contains("Incident #1"), raised);
        first.destroyForcibly(); // kill -9: no shutdown hook, nothing flushed on the way out
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of(), reportFiles(), "nothing closed, no report yet");

        Files.writeString(config, Fixtures.nextPhaseConfigText());
        Result next = run("/incident list\n/phase list\nquit\n");
        assertEquals(0, next.exit(), next.err());
        String out = next.out();
        assertTrue(out.contains(Fixtures.NEXT_PHASE + " began"), out);
        assertTrue(out.contains("Nightly build broken"), out);
        assertTrue(out.contains("carried over"), "the incident list says it came from the phase before: " + out);
        assertTrue(out.contains("1. " + PHASE_2) && out.contains("superseded"), out);
        List<Path> written = reportFiles();
        assertEquals(1, written.size(), "the superseded phase's report, once: " + written);
        String markdown = Files.readString(written.get(0));
        assertTrue(markdown.startsWith("# Handoff report: " + PHASE_2 + "\n"), markdown);
        assertTrue(markdown.contains("superseded"), markdown);
        assertTrue(markdown.contains("Nightly build broken"), markdown);

        Result again = run("/phase list\nquit\n");
        assertEquals(0, again.exit(), again.err());
        assertEquals(written, reportFiles(), "a second restart writes it no more");
        assertNoStackTrace(next);
        assertNoStackTrace(again);
    }

    private void setUp(String name) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        config = home.resolve("bot-config.yml");
        db = home.resolve("phasebot.db");
        files = home.resolve("files");
        Files.writeString(config, Fixtures.shippedConfigTextAsShipped());
    }

    private List<Path> reportFiles() throws IOException {
        if (!Files.isDirectory(files)) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(files)) {
            return listed.sorted().toList();
        }
    }

    /** The last answer in {@code out} that has {@code heading}: up to the console's next prompt or post. */
    private static String section(String out, String heading) {
        int from = out.lastIndexOf(heading);
        assertTrue(from >= 0, heading + " in " + out);
        int end = Stream.of(out.indexOf("senior-system-developer>", from), out.indexOf("\n[#", from), out.length())
                .filter(i -> i >= 0)
                .min(Integer::compare)
                .orElseThrow();
        return out.substring(from, end).strip();
    }

    private static void assertNoStackTrace(Result r) {
        for (String stream : List.of(r.out(), r.err())) {
            assertFalse(stream.contains("\tat dev.") || stream.contains("Exception"), stream);
            assertFalse(stream.contains("went wrong on phasebot's side"), stream);
        }
    }

    private record Result(int exit, String out, String err) {}

    private ProcessBuilder jar() {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target/phasebot.jar").toAbsolutePath().toString()));
        pb.environment().remove("SLACK_BOT_TOKEN");
        pb.environment().remove("SLACK_SIGNING_SECRET");
        pb.environment().remove("PHASEBOT_STANDBY");
        pb.environment().put("PHASEBOT_CONFIG", config.toString());
        pb.environment().put("PHASEBOT_DB", db.toString());
        pb.environment().put("PHASEBOT_FILES_DIR", files.toString());
        return pb;
    }

    private int runs;

    private Result run(String input) throws IOException, InterruptedException {
        int n = ++runs;
        Path out = dir.resolve("out-" + n + ".txt");
        Path err = dir.resolve("err-" + n + ".txt");
        Process p =
                jar().redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the jar did not exit within 30 s: " + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path liveOut;

    private Process start() throws IOException {
        int n = ++runs;
        liveOut = dir.resolve("out-" + n + ".txt");
        return jar().redirectOutput(liveOut.toFile())
                .redirectError(dir.resolve("err-" + n + ".txt").toFile())
                .start();
    }

    /** Types {@code line} into the running jar and waits until its output contains {@code expected}. */
    private String until(Process p, String line, String expected) throws Exception {
        p.getOutputStream().write(line.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            String out = Files.readString(liveOut);
            if (out.contains(expected)) {
                return out;
            }
            if (System.currentTimeMillis() > deadline || !p.isAlive()) {
                throw new AssertionError("no \"" + expected + "\" (alive: " + p.isAlive() + "): " + out);
            }
            Thread.sleep(100); // polling another process, not timing
        }
    }
}
