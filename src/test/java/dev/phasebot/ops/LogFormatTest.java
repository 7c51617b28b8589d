package dev.phasebot.ops;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogFormatTest {

    @Test
    void noFormatIsFineAndMeansPlain() {
        assertDoesNotThrow(() -> LogFormat.check(Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "json"})
    void theTwoFormatsLogbackHasAnAppenderForAreAccepted(String format) {
        assertDoesNotThrow(() -> LogFormat.check(Map.of("PHASEBOT_LOG_FORMAT", format)));
    }

    @Test
    void theAcceptedFormatsAreExactlyTheAppendersOfLogbackXml() throws Exception {
        String xml = Files.readString(Path.of("src/main/resources/logback.xml"));
        List<String> appenders = Pattern.compile("<appender name=\"([^\"]+)\"")
                .matcher(xml)
                .results()
                .map(m -> m.group(1))
                .toList();
        assertEquals(LogFormat.FORMATS, appenders);
        assertTrue(
                xml.contains("<appender-ref ref=\"${PHASEBOT_LOG_FORMAT:-plain}\"/>"),
                "the root logger picks by the variable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xml", "JSON", "", "json "})
    void anyOtherValueIsRefusedNamingTheVariableAndTheChoices(String format) {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> LogFormat.check(Map.of("PHASEBOT_LOG_FORMAT", format)));
        assertEquals("PHASEBOT_LOG_FORMAT: expected one of plain, json, got '" + format + "'", e.getMessage());
    }
}
