package dev.phasebot.command;

import java.util.ArrayList;
import java.util.List;

/** A word of the text and where it starts, so the rest can be taken as typed. */
record Token(String text, int start) {

    /** The words of {@code text}: runs of anything but white space as a regex's {@code \\s} knows it. */
    static List<Token> split(String text) {
        List<Token> tokens = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            while (at < text.length() && isSpace(text.charAt(at))) {
                at++;
            }
            int start = at;
            while (at < text.length() && !isSpace(text.charAt(at))) {
                at++;
            }
            if (at > start) {
                tokens.add(new Token(text.substring(start, at), start));
            }
        }
        return tokens;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
