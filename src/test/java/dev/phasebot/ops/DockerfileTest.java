package dev.phasebot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No container engine or Dockerfile linter runs where the tests do, so this reads the Dockerfile
 * and checks what would otherwise regress unseen: health check, memory flag, pinned bases, a
 * non-root user, an exec-form entrypoint and the data volume.
 */
class DockerfileTest {

    /** A full version first ({@code 3.9.16-...}, {@code 17.0.20_8-...}), optionally a digest after it. */
    private static final Pattern PINNED =
            Pattern.compile("[a-z0-9./_-]+:\\d+\\.\\d+\\.\\d+[^@\\s]*(@sha256:[0-9a-f]{64})?");

    private final List<Instruction> file = read(Path.of("Dockerfile"));
    private final List<Instruction> runtime = finalStage(file);

    @Test
    void everyBaseImageIsNamedWithAFullVersion() {
        List<String> images = file.stream()
                .filter(i -> i.is("FROM"))
                .map(i -> i.words().get(0))
                .toList();
        assertEquals(2, images.size(), "a build stage and a runtime stage: " + images);
        for (String image : images) {
            assertTrue(isPinned(image), image + " is not pinned to a full version");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "eclipse-temurin",
                "eclipse-temurin:latest",
                "eclipse-temurin:17-jre",
                "maven:3.9-eclipse-temurin-17",
                "maven:3-eclipse-temurin-17",
                "eclipse-temurin:17.0.20_8-jre@sha256:abc"
            })
    void aMissingTagALatestTagABareMajorOrABadDigestIsNotAPin(String image) {
        assertFalse(isPinned(image), image);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "eclipse-temurin:17.0.20_8-jre-noble",
                "maven:3.9.16-eclipse-temurin-17-noble",
                "eclipse-temurin:17.0.20_8-jre-noble@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
            })
    void aFullVersionWithOrWithoutADigestIsAPin(String image) {
        assertTrue(isPinned(image), image);
    }

    @Test
    void theContainerReportsItsHealthFromHealthzOnItsPort() {
        Instruction check = only(runtime, "HEALTHCHECK");
        assertTrue(check.args().contains("CMD"), check.args());
        assertTrue(check.args().contains("/healthz"), check.args());
        assertTrue(check.args().contains("${PORT}") || check.args().contains("$PORT"), check.args());
    }

    @Test
    void theHeapFollowsTheContainersMemoryLimit() throws IOException {
        List<String> entrypoint = execForm(only(runtime, "ENTRYPOINT"));
        Matcher percent = entrypoint.stream()
                .map(Pattern.compile("-XX:MaxRAMPercentage=(\\d+(\\.\\d+)?)")::matcher)
                .filter(Matcher::matches)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no -XX:MaxRAMPercentage in " + entrypoint));
        double value = Double.parseDouble(percent.group(1));
        assertTrue(value >= 50 && value <= 90, "leave room for metaspace, threads and native memory: " + value);
        assertTrue(
                entrypoint.indexOf(percent.group()) < entrypoint.indexOf("-jar"),
                "a JVM flag goes before -jar: " + entrypoint);
    }

    @Test
    void theEntrypointIsExecFormSoTheStopSignalReachesJava() throws IOException {
        List<String> entrypoint = execForm(only(runtime, "ENTRYPOINT"));
        assertEquals("java", entrypoint.get(0), entrypoint.toString());
        assertEquals("/app/phasebot.jar", entrypoint.get(entrypoint.size() - 1), entrypoint.toString());
    }

    @Test
    void theBotRunsAsANonRootUserSetBeforeTheEntrypoint() {
        int entrypoint = runtime.indexOf(only(runtime, "ENTRYPOINT"));
        List<Instruction> users = runtime.subList(0, entrypoint).stream()
                .filter(i -> i.is("USER"))
                .toList();
        assertFalse(users.isEmpty(), "no USER before ENTRYPOINT in the runtime stage");
        String user = users.get(users.size() - 1).words().get(0).split(":")[0];
        assertFalse(user.equals("root") || user.equals("0"), "runs as " + user);
        assertTrue(
                runtime.subList(entrypoint, runtime.size()).stream().noneMatch(i -> i.is("USER")),
                "USER changed after ENTRYPOINT");
    }

    @Test
    void theDatabaseLivesOnTheDataVolume() {
        assertTrue(
                only(runtime, "VOLUME").args().matches("\\[?\\s*\"?/data\"?\\s*]?"),
                only(runtime, "VOLUME").args());
        assertTrue(
                runtime.stream().anyMatch(i -> i.is("ENV") && i.args().contains("PHASEBOT_DB=/data/")),
                "PHASEBOT_DB points into /data");
    }

    private static boolean isPinned(String image) {
        return PINNED.matcher(image).matches();
    }

    private static List<String> execForm(Instruction instruction) throws IOException {
        assertTrue(
                instruction.args().startsWith("["), instruction.keyword() + " is in shell form: " + instruction.args());
        return List.of(new ObjectMapper().readValue(instruction.args(), String[].class));
    }

    private static Instruction only(List<Instruction> stage, String keyword) {
        List<Instruction> found = stage.stream().filter(i -> i.is(keyword)).toList();
        assertEquals(1, found.size(), "one " + keyword + " in the runtime stage: " + found);
        return found.get(0);
    }

    private static List<Instruction> finalStage(List<Instruction> all) {
        int lastFrom = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).is("FROM")) {
                lastFrom = i;
            }
        }
        return all.subList(lastFrom, all.size());
    }

    /** Instructions with continuation lines joined and comments dropped, as Docker reads them. */
    private static List<Instruction> read(Path dockerfile) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        try {
            for (String line : Files.readAllLines(dockerfile)) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") || trimmed.isEmpty() && pending.isEmpty()) {
                    continue;
                }
                if (trimmed.endsWith("\\")) {
                    pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                    continue;
                }
                String whole = pending.append(trimmed).toString().strip();
                pending.setLength(0);
                String[] parts = whole.split("\\s+", 2);
                instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + dockerfile.toAbsolutePath(), e);
        }
        return instructions;
    }

    private record Instruction(String keyword, String args) {

        boolean is(String name) {
            return keyword.equals(name);
        }

        /** The arguments without flags such as {@code --platform=...}. */
        List<String> words() {
            return List.of(args.split("\\s+")).stream()
                    .filter(w -> !w.startsWith("--"))
                    .toList();
        }
    }
}
