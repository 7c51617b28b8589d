package dev.phasebot.ops;

import java.util.List;
import java.util.Map;

/**
 * {@code PHASEBOT_LOG_FORMAT}: {@code plain} (the default) or {@code json}, one JSON object per
 * line. logback.xml picks the appender of that name; this check exists because logback, given
 * a name it has no appender for, would start and write no log at all.
 */
public final class LogFormat {

    static final String VARIABLE = "PHASEBOT_LOG_FORMAT";
    static final List<String> FORMATS = List.of("plain", "json");

    private LogFormat() {}

    /** Refuses an unknown format before the first logger is made, naming the variable and the choices. */
    public static void check(Map<String, String> env) {
        String format = env.get(VARIABLE);
        if (format != null && !FORMATS.contains(format)) {
            throw new IllegalStateException(
                    VARIABLE + ": expected one of " + String.join(", ", FORMATS) + ", got '" + format + "'");
        }
    }
}
