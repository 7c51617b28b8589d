package dev.phasebot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's logs as an operator gets them: on the console, with PHASEBOT_LOG_LEVEL=INFO
 * so that there is more than warnings to read (the console logs at WARN by default).
 */
class JsonLogsIT {

    private static final Path JAR = Path.of("target/phasebot.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void withTheJsonFormatEveryStderrLineIsOneJsonObjectAndTheStartAndStopLinesAreAmongThem() throws Exception {
        Run run = run(Map.of("PHASEBOT_LOG_FORMAT", "json"));
        assertEquals(0, run.exit(), run.err());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.err().lines().toList()) {
            JsonNode node = JSON.readTree(line);
            assertTrue(node.isObject(), line);
            for (String field : List.of("timestamp", "level", "loggerName", "formattedMessage")) {
                assertTrue(node.hasNonNull(field), field + " in " + line);
            }
            lines.add(node);
        }
        List<String> messages =
                lines.stream().map(n -> n.get("formattedMessage").asText()).toList();
        String version = manifestVersion();
        assertTrue(
                messages.stream()
                        .anyMatch(m -> m.startsWith(
                                "phasebot " + version + " running: mode=console zone=America/New_York next_standup=")),
                messages.toString());
        assertEquals(
                "phasebot stopped cleanly: mode=console",
                messages.get(messages.size() - 1).replaceAll(" up=.*", ""));
    }

    @Test
    void withoutAFormatTheLogIsPlainTextLines() throws Exception {
        Run run = run(Map.of());
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.err().lines().toList();
        assertFalse(lines.isEmpty());
        String version = manifestVersion();
        for (String line : lines) {
            assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\S+ (INFO |WARN |ERROR) \\[.+] \\S+ - .*"), line);
        }
        assertTrue(
                lines.stream().anyMatch(l -> l.contains(" RunLog - phasebot " + version + " running: mode=console")),
                run.err());
    }

    @Test
    void anUnknownFormatStopsTheBotWithOneLineNamingTheChoices() throws Exception {
        Run run = run(Map.of("PHASEBOT_LOG_FORMAT", "xml"));
        assertEquals(2, run.exit());
        assertEquals(
                "phasebot: PHASEBOT_LOG_FORMAT: expected one of plain, json, got 'xml'",
                run.err().strip());
    }

    private static String manifestVersion() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            String version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
            assertTrue(version != null && !version.isBlank(), "the jar's manifest names its version");
            return version;
        }
    }

    private Run run(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toAbsolutePath().toString());
        pb.environment().remove("SLACK_BOT_TOKEN");
        pb.environment().remove("PHASEBOT_LOG_FORMAT");
        pb.environment().put("PHASEBOT_LOG_LEVEL", "INFO");
        pb.environment().put("PHASEBOT_DB", dir.resolve("logs.db").toString());
        pb.environment().putAll(env);
        Path err = dir.resolve("err.txt");
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().write("quit\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the bot quits when told");
        return new Run(p.exitValue(), Files.readString(err));
    }

    private record Run(int exit, String err) {}
}
