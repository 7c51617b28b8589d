package dev.phasebot.message;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A Markdown file the bot posts (a phase's handoff report, an incident's post-incident report):
 * Slack shows it as a file with {@code title}, the console writes it under its files directory.
 * The filename is made safe here, so no transport ever sees a hostile one: it names no directory,
 * holds no {@code ..}, and keeps to letters, digits, {@code .}, {@code -} and {@code _}.
 */
public record Upload(String filename, String title, String markdown) {

    /** Slack shows at most 255 characters of a name; a file system takes that many too. */
    static final int MAX_FILENAME = 120;

    private static final String FALLBACK_NAME = "file.md";

    public Upload {
        filename = safeFilename(filename);
        title = title == null || title.isBlank() ? filename : title.strip();
        markdown = markdown == null ? "" : markdown;
    }

    /** The file's content as sent: UTF-8. */
    public byte[] bytes() {
        return markdown.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code name} as a plain file name: its last path segment only, anything but letters,
     * digits, {@code .}, {@code -} and {@code _} turned into {@code -}, dots never two in a row
     * nor leading (no {@code ..}, no hidden file), clipped to {@value #MAX_FILENAME} characters;
     * {@code file.md} when nothing is left.
     */
    public static String safeFilename(String name) {
        if (name == null) {
            return FALLBACK_NAME;
        }
        String last = name.strip();
        int slash = Math.max(last.lastIndexOf('/'), last.lastIndexOf('\\'));
        last = last.substring(slash + 1);
        String safe = tidy(last);
        if (safe.length() > MAX_FILENAME) {
            int dot = safe.lastIndexOf('.');
            String extension = dot > 0 && safe.length() - dot <= 10 ? safe.substring(dot) : "";
            // Tidied again: the cut may leave a dot against the extension's. Tidying never lengthens.
            safe = tidy(safe.substring(0, MAX_FILENAME - extension.length()) + extension);
        }
        if (safe.isEmpty() || reserved(safe)) {
            return FALLBACK_NAME;
        }
        return safe;
    }

    /** Safe characters only, no {@code ..} and no {@code --}, nothing leading or trailing but a letter or digit. */
    private static String tidy(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "-")
                .replaceAll("\\.{2,}", ".")
                .replaceAll("-{2,}", "-")
                .replaceAll("^[._-]+", "")
                .replaceAll("[._-]+$", "");
    }

    /** Names Windows keeps for devices, whatever their extension: a file there could not be opened. */
    private static boolean reserved(String name) {
        String base = name.toLowerCase(Locale.ROOT).replaceAll("\\..*$", "");
        return base.matches("con|prn|aux|nul|com[0-9]|lpt[0-9]");
    }
}
