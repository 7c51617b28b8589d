package dev.phasebot.incident;

import dev.phasebot.incident.IncidentDetail.IncidentEvent;
import dev.phasebot.message.Times;
import dev.phasebot.message.Upload;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The post-incident report as a Markdown file ({@code incident-<n>.md}): who held which role, the
 * timeline with what people added to it, each deadline met or missed and by how much, the time
 * to act, and the follow-ups. Read on its own, after the room is archived, so it says everything
 * the summary message only points at. Text people typed is written as it is, each on a line of
 * its own: Markdown shows it, it runs nothing.
 */
final class IncidentReportFile {

    private final IncidentDocs docs;
    private final String lead;

    IncidentReportFile(IncidentDocs docs, String lead) {
        this.docs = docs;
        this.lead = lead;
    }

    static String filename(long id) {
        return "incident-" + id + ".md";
    }

    /** The file as of {@code now}: a report asked for while the incident is open counts up to now. */
    Upload upload(
            Incident i, List<Milestone> milestones, List<IncidentEvent> events, List<FollowUp> followUps, Instant now) {
        return new Upload(
                filename(i.id()),
                "Post-incident report, incident #" + i.id(),
                markdown(i, milestones, events, followUps, now));
    }

    String markdown(
            Incident i, List<Milestone> milestones, List<IncidentEvent> events, List<FollowUp> followUps, Instant now) {
        Instant end = i.closed() ? i.closedAt() : now;
        StringBuilder md = new StringBuilder();
        md.append("# Post-incident report: incident #")
                .append(i.id())
                .append(": ")
                .append(oneLine(i.title()))
                .append("\n\n");
        md.append("- Severity: ")
                .append(i.severity())
                .append(i.security() ? " (security)" : "")
                .append('\n');
        md.append("- Raised: ")
                .append(docs.clock(i.raisedAt()))
                .append(" by ")
                .append(i.raisedBy())
                .append('\n');
        if (i.cancelled()) {
            md.append("- Cancelled: ")
                    .append(docs.clock(i.cancelledAt()))
                    .append(" by ")
                    .append(i.cancelledBy())
                    .append(" (")
                    .append(oneLine(i.cancelReason()))
                    .append(")\n");
        } else if (i.resolved()) {
            md.append("- Resolved: ")
                    .append(docs.clock(i.resolvedAt()))
                    .append(" by ")
                    .append(i.resolvedBy());
            if (i.resolution() != null && !i.resolution().isBlank()) {
                md.append(": ").append(oneLine(i.resolution()));
            }
            md.append('\n');
        } else {
            md.append("- Still open at ").append(docs.clock(now)).append('\n');
        }
        if (i.description() != null && !i.description().isBlank()) {
            md.append("\n").append(oneLine(i.description())).append('\n');
        }

        md.append("\n## Roles\n\n");
        md.append("- Commander: ").append(i.commanderOr(lead)).append('\n');
        if (i.communications() != null) {
            md.append("- Communications: ").append(i.communications()).append('\n');
        }
        md.append("- Assignee: ").append(i.assignee()).append('\n');
        md.append("- Area owner: ").append(i.owner()).append('\n');

        md.append("\n## Time to act\n\n");
        md.append("- Acknowledge: ")
                .append(
                        i.acknowledgedAt() == null
                                ? "never acknowledged"
                                : Times.duration(Duration.between(i.raisedAt(), i.acknowledgedAt())) + " (by "
                                        + i.acknowledgedBy() + ")")
                .append('\n');
        if (i.closed()) {
            md.append(i.cancelled() ? "- Cancel: " : "- Resolve: ")
                    .append(Times.duration(Duration.between(i.raisedAt(), end)))
                    .append('\n');
        }

        md.append("\n## Deadlines\n\n");
        if (milestones.isEmpty()) {
            md.append("No clock ran (only CRITICAL runs one).\n");
        }
        for (Milestone m : milestones) {
            md.append("- ")
                    .append(m.name())
                    .append(", due ")
                    .append(docs.clock(m.dueAt()))
                    .append(": ");
            if (m.isMet()) {
                md.append(
                                m.metAt().isAfter(m.dueAt())
                                        ? "missed by " + Times.duration(Duration.between(m.dueAt(), m.metAt()))
                                        : "met " + Times.duration(Duration.between(m.metAt(), m.dueAt())) + " early")
                        .append(" (")
                        .append(docs.clock(m.metAt()))
                        .append(" by ")
                        .append(m.metBy())
                        .append(")");
            } else if (end.isAfter(m.dueAt())) {
                md.append("missed by ")
                        .append(Times.duration(Duration.between(m.dueAt(), end)))
                        .append(", never posted");
            } else {
                md.append("not due yet");
            }
            md.append('\n');
        }

        md.append("\n## Timeline\n\n");
        for (IncidentEvent e : events) {
            md.append("- ")
                    .append(docs.clock(e.at()))
                    .append(" ")
                    .append(e.actor())
                    .append(": ")
                    .append(e.kind());
            if (e.detail() != null && !e.detail().isBlank()) {
                md.append(" — ").append(oneLine(e.detail()));
            }
            md.append('\n');
        }

        md.append("\n## Follow-ups\n\n");
        if (followUps.isEmpty()) {
            md.append("None.\n");
        }
        for (FollowUp f : followUps) {
            md.append("- [")
                    .append(f.done() ? "x" : " ")
                    .append("] ")
                    .append(f.taskId())
                    .append(" ")
                    .append(oneLine(f.title()))
                    .append(" (")
                    .append(f.owner())
                    .append(f.due() == null ? "" : ", due " + f.due())
                    .append(f.phase() == null ? "" : "; in the plan of " + oneLine(f.phase()))
                    .append(")\n");
        }
        return md.toString();
    }

    /** Text as one line: a newline in a note would start a heading or a list of its own. */
    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * A follow-up of an incident: a plan task, open or done; {@code phase} names the earlier
     * phase whose plan had it (null: the live plan).
     */
    record FollowUp(String taskId, String title, String owner, String due, boolean done, String phase) {}
}
