package dev.phasebot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar the README tells newcomers to run, run as they would: a process with piped input. */
class RunnableJarIT {

    @TempDir
    Path dir;

    @Test
    void withNoSlackTokenTheJarRunsTheShippedPlanOnTheConsole() throws Exception {
        Result r = run(Map.of("PHASEBOT_DB", dir.resolve("data/phasebot.db").toString()),
                "/standup open\n/standup security: all clear; today: review\n/standup close\nquit\n");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("phasebot console: AlphaPy Phase 2"), r.out());
        assertTrue(r.out().contains("[#alphapy-phase2] :sunrise: *Daily standup"), r.out());
        assertTrue(r.out().contains("[#alphapy-phase2] *Daily standup summary"), r.out());
        assertTrue(Files.exists(dir.resolve("data/phasebot.db")));
    }

    @Test
    void aBadConfigStopsTheBotWithOneLineNamingTheKey() throws Exception {
        Path config = dir.resolve("bot-config.yml");
        Files.writeString(config, Files.readString(Path.of("bot-config.yml")).replace("zone: America/New_York", "zone: Mars/Base"));
        Result r = run(Map.of("PHASEBOT_CONFIG", config.toString(), "PHASEBOT_DB", dir.resolve("x.db").toString()), "");
        assertEquals(2, r.exit());
        assertEquals("phasebot: " + config + ": phase.zone: expected a time zone id like America/New_York, got 'Mars/Base'",
                r.err().strip());
    }

    @Test
    void aTokenWithoutASigningSecretRefusesToStart() throws Exception {
        Result r = run(Map.of("SLACK_BOT_TOKEN", "xoxb-test", "PHASEBOT_DB", dir.resolve("x.db").toString()), "");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("SLACK_SIGNING_SECRET is not"), r.err());
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(Map<String, String> env, String input) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-jar", Path.of("target/phasebot.jar").toAbsolutePath().toString()));
        pb.environment().remove("SLACK_BOT_TOKEN");
        pb.environment().remove("SLACK_SIGNING_SECRET");
        pb.environment().remove("PHASEBOT_CONFIG");
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
