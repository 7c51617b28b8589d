package dev.phasebot.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a word is a slip for another: a letter or two off (one for short words), two
 * letters swapped, the start of it, or its first four letters and some of the rest in order. Used to stop a typo of a subcommand from being taken
 * as free text ({@code /incident lsit} must not raise an incident titled "lsit").
 */
public final class Typos {

    private Typos() {}

    /** The candidates {@code word} is probably a slip for, best first; empty when none is close. */
    public static List<String> suggestions(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        List<String> close = new ArrayList<>();
        int best = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String c = candidate.toLowerCase(Locale.ROOT);
            if (c.equals(w)) {
                continue;
            }
            int distance = isPrefix(w, c) ? 0 : distance(w, c);
            if (distance > allowed(w, c) && isAbbreviation(w, c)) {
                // The weakest match: a slip by a letter or two still wins ("overide" is override, not overrides).
                distance = allowed(w, c);
            }
            if (distance > allowed(w, c)) {
                continue;
            }
            if (distance < best) {
                close.clear();
                best = distance;
            }
            if (distance == best && !close.contains(candidate)) {
                close.add(candidate);
            }
        }
        return close;
    }

    /** True when {@code word} is close to one of {@code candidates} by the measure above. */
    public static boolean isSlipFor(String word, Collection<String> candidates) {
        return !suggestions(word, candidates).isEmpty();
    }

    private static boolean isPrefix(String word, String candidate) {
        return word.length() >= 3 && candidate.startsWith(word);
    }

    /**
     * A shortening that keeps the first four letters and drops some of the rest: "comms" for
     * "communications", the card's own label for that role.
     */
    private static boolean isAbbreviation(String word, String candidate) {
        if (word.length() < 4 || word.length() >= candidate.length() || !candidate.startsWith(word.substring(0, 4))) {
            return false;
        }
        int at = 4;
        for (int i = 4; i < word.length(); i++) {
            at = candidate.indexOf(word.charAt(i), at) + 1;
            if (at == 0) {
                return false;
            }
        }
        return true;
    }

    /** Short words get one edit: at two, half of a four-letter word could differ. */
    private static int allowed(String word, String candidate) {
        if (word.length() < 3) {
            return 0;
        }
        return Math.min(word.length(), candidate.length()) <= 4 ? 1 : 2;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
