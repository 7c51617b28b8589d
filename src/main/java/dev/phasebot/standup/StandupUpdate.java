package dev.phasebot.standup;

/**
 * One agent's update, in the plan's four sections. Each section is plain user text (not yet
 * escaped) or empty.
 */
public record StandupUpdate(String security, String blockers, String commitments, String coordination) {

    public StandupUpdate {
        security = clean(security);
        blockers = clean(blockers);
        commitments = clean(commitments);
        coordination = clean(coordination);
    }

    public boolean isEmpty() {
        return security.isEmpty() && blockers.isEmpty() && commitments.isEmpty() && coordination.isEmpty();
    }

    private static String clean(String text) {
        return text == null ? "" : text.strip();
    }
}
