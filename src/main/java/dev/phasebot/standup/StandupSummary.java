package dev.phasebot.standup;

import dev.phasebot.standup.StandupRepository.PostedUpdate;
import dev.phasebot.standup.StandupSession.StandupDay;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * The closing summary as a value, in the plan's order: security team first, then blockers
 * (who on whom), commitments and coordination needs, then who did not post, who is out, and
 * the late updates. A withheld update's items carry what a public place may say instead of
 * its text. {@link StandupDocs} says how it reads.
 */
public record StandupSummary(
        StandupDay day,
        Duration closedLate,
        List<dev.phasebot.incident.IncidentQueries.OpenIncident> openIncidents,
        boolean noSecurityUpdate,
        List<Item> security,
        List<Blocker> blockers,
        List<Item> commitments,
        List<Item> coordination,
        List<String> missing,
        List<OutOfOffice> out,
        List<PostedUpdate> late) {

    public StandupSummary {
        openIncidents = List.copyOf(openIncidents);
        security = List.copyOf(security);
        blockers = List.copyOf(blockers);
        commitments = List.copyOf(commitments);
        coordination = List.copyOf(coordination);
        missing = List.copyOf(missing);
        out = List.copyOf(out);
        late = List.copyOf(late);
    }

    /** One agent's words in a section (or, withheld, where they were given); {@code late} after the close. */
    public record Item(String agent, String text, boolean late) {}

    /**
     * One agent's blockers: on whom, the text (null when withheld: {@code details} says where
     * instead), and the plan's tasks it names, described.
     */
    public record Blocker(
            String agent, List<String> on, String text, String details, List<String> tasks, boolean late) {
        public Blocker {
            on = List.copyOf(on);
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * The security team's updates in full, for the security channel, when
     * {@code standup.security_update} is private: each with the tasks its blockers name, described.
     * It goes with the summary, which says only that they were given.
     */
    public record SecurityPost(LocalDate day, String summaryChannel, List<Entry> entries) {

        public SecurityPost {
            entries = List.copyOf(entries);
        }

        public record Entry(PostedUpdate posted, List<String> blockerTasks) {}
    }
}
