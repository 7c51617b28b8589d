package dev.phasebot.standup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which agents a blocker's text names, in one pass over the text.
 *
 * <p>An id counts where it stands on its own: not preceded or followed by a word character or
 * a '-' ({@code qa-engineer} is not named by {@code senior-qa-engineer}); a leading '@' is
 * allowed. Agent ids are made of those characters only (the config validator insists), so a
 * mention is exactly a maximal run of word characters and '-' that equals an id: the text is
 * cut into such runs once and each is looked up, instead of one regex per agent per text,
 * which for 500 agents made closing a standup take most of a second.
 */
final class AgentMentions {

    /** An id with any other character cannot be a run; it keeps the regex (no shipped id does). */
    private static final Pattern RUN_ONLY = Pattern.compile("[\\w-]+");

    private final List<String> ids;
    private final Map<String, Integer> rankById = new HashMap<>();
    private final Map<Integer, Pattern> unusual = new HashMap<>();

    /** @param ids every agent id, in the order mentions are to be listed */
    AgentMentions(List<String> ids) {
        this.ids = List.copyOf(ids);
        for (int i = 0; i < this.ids.size(); i++) {
            String id = this.ids.get(i);
            if (RUN_ONLY.matcher(id).matches()) {
                rankById.putIfAbsent(id, i);
            } else {
                unusual.put(i, Pattern.compile("(?<![\\w-])@?" + Pattern.quote(id) + "(?![\\w-])"));
            }
        }
    }

    /** The agents {@code text} names, other than {@code self}, each once, in roster order. */
    List<String> in(String text, String self) {
        TreeSet<Integer> named = new TreeSet<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean inRun = i < text.length() && isRunChar(text.charAt(i));
            if (inRun && start < 0) {
                start = i;
            } else if (!inRun && start >= 0) {
                Integer rank = rankById.get(text.substring(start, i));
                if (rank != null) {
                    named.add(rank);
                }
                start = -1;
            }
        }
        unusual.forEach((rank, pattern) -> {
            if (pattern.matcher(text).find()) {
                named.add(rank);
            }
        });
        List<String> mentioned = new ArrayList<>(named.size());
        for (int rank : named) {
            String id = ids.get(rank);
            if (!id.equals(self)) {
                mentioned.add(id);
            }
        }
        return mentioned;
    }

    /** What {@code \w} matches without UNICODE_CHARACTER_CLASS, and '-'. */
    private static boolean isRunChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
