package dev.phasebot.incident;

import dev.phasebot.incident.IncidentDetail.IncidentEvent;
import dev.phasebot.incident.IncidentQueries.PhaseIncidents;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import dev.phasebot.message.Times;
import dev.phasebot.phase.PhaseHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How incidents read looking back or across: the post-incident summary, the timeline, list and show. */
public final class IncidentReportDocs {

    /** How the room's opening reads on the timeline, its Slack id after it. */
    private static final String OPENED = "opened ";

    private final IncidentDocs docs;

    public IncidentReportDocs(IncidentDocs docs) {
        this.docs = docs;
    }

    /** Posted to the incident's channel when it is resolved. */
    Doc summary(Incident i, List<Milestone> milestones, List<IncidentEvent> events) {
        Doc.Builder doc = Doc.builder()
                .heading(Symbol.DONE, " Post-incident summary, incident #" + i.id() + ": " + i.title())
                .line("Raised " + docs.clock(i.raisedAt()) + " by " + i.raisedBy() + " · resolved "
                        + docs.clock(i.resolvedAt()) + " by " + i.resolvedBy());
        if (i.resolution() != null && !i.resolution().isBlank()) {
            doc.line("Resolution: " + i.resolution());
        }
        List<String> times = new ArrayList<>();
        if (i.acknowledgedAt() != null) {
            times.add("acknowledge " + Times.duration(Duration.between(i.raisedAt(), i.acknowledgedAt())));
        }
        milestones.stream()
                .filter(m -> m.act().equals("assessment") && m.isMet())
                .findFirst()
                .ifPresent(m -> times.add("assess " + Times.duration(Duration.between(i.raisedAt(), m.metAt()))));
        milestones.stream()
                .filter(m -> m.act().equals("mitigation_plan") && m.isMet())
                .findFirst()
                .ifPresent(m -> times.add("mitigate " + Times.duration(Duration.between(i.raisedAt(), m.metAt()))));
        times.add("resolve " + Times.duration(Duration.between(i.raisedAt(), i.resolvedAt())));
        doc.line(Span.strong("Time to"), " " + String.join(" · ", times));
        List<String> missed = new ArrayList<>();
        for (Milestone m : milestones) {
            Instant done = m.isMet() ? m.metAt() : i.resolvedAt();
            if (done.isAfter(m.dueAt())) {
                missed.add(m.name() + " by " + Times.duration(Duration.between(m.dueAt(), done))
                        + (m.isMet() ? "" : " (never posted)"));
            }
        }
        if (!milestones.isEmpty()) {
            doc.line(
                    missed.isEmpty()
                            ? Line.of("All deadlines met.")
                            : Line.of(Span.strong("Deadlines missed:"), " " + String.join("; ", missed)));
        }
        return doc.addAll(timeline(events)).build();
    }

    Doc timeline(List<IncidentEvent> events) {
        return Doc.builder()
                .bullets(
                        Line.of("Timeline"),
                        events.stream().map(this::timelineLine).toList())
                .build();
    }

    /** One event; the room's opening names the room by its link (the event keeps its Slack id). */
    private Line timelineLine(IncidentEvent e) {
        String head = docs.clock(e.at()) + " " + e.actor() + ": " + e.kind();
        if (e.kind().equals("room") && e.detail() != null && e.detail().startsWith(OPENED)) {
            return Line.of(head + " — opened ", Span.slackChannel(e.detail().substring(OPENED.length())));
        }
        return Line.of(head + (e.detail() == null || e.detail().isBlank() ? "" : " — " + e.detail()));
    }

    /** {@code /incident list}. */
    public Doc list(OpenIncidents incidents) {
        return list(incidents, PhaseHistory.Labels.none());
    }

    /** {@code /incident list}: an incident raised in an earlier phase says it was carried over from it. */
    public Doc list(OpenIncidents incidents, PhaseHistory.Labels phases) {
        if (incidents.open().isEmpty()) {
            return Doc.of("No open incidents.");
        }
        return Doc.builder()
                .bullets(
                        Line.of("Open incidents"),
                        incidents.open().stream()
                                .map(l -> carriedOver(
                                        listItem(l, incidents.now()),
                                        phases.earlier(l.incident().raisedAt())))
                                .toList())
                .build();
    }

    /** {@code /incident list phase <name>}: every incident raised in the phase, each with its state. */
    public Doc list(PhaseIncidents phase) {
        if (phase.incidents().isEmpty()) {
            return Doc.of("No incidents were raised in " + phase.phase() + ".");
        }
        long open =
                phase.incidents().stream().filter(e -> !e.incident().closed()).count();
        return Doc.builder()
                .bullets(
                        Line.of("Incidents raised in " + phase.phase() + ": "
                                + phase.incidents().size() + " (" + open + " open)"),
                        phase.incidents().stream().map(e -> phaseItem(e, phase)).toList())
                .build();
    }

    private Line phaseItem(OpenIncidents.Entry listed, PhaseIncidents phase) {
        Incident i = listed.incident();
        if (!i.closed()) {
            Line line = listItem(listed, phase.now());
            return phase.ended() ? line.plus(" (open, carried over to the next phase)") : line.plus(" (open)");
        }
        String head = "#" + i.id() + " " + i.severity()
                + (listed.maySee()
                        ? (i.security() ? " · security · " : " · ") + i.title()
                        : " security incident (details in the security channel)");
        return Line.of(head
                + (i.cancelled()
                        ? " — cancelled " + docs.dayAndClock(i.cancelledAt(), phase.now()) + " by " + i.cancelledBy()
                        : " — resolved " + docs.dayAndClock(i.resolvedAt(), phase.now()) + " by " + i.resolvedBy()
                                + " (in " + Times.duration(Duration.between(i.raisedAt(), i.resolvedAt())) + ")"));
    }

    private static Line carriedOver(Line line, String earlierPhase) {
        return earlierPhase == null ? line : line.plus(" (carried over from " + earlierPhase + ")");
    }

    /** {@code /incident show}: the card without its buttons, and the timeline. */
    public Doc show(IncidentDetail detail) {
        if (detail instanceof IncidentDetail.Hidden hidden) {
            return Doc.of("Incident #" + hidden.id() + " is a security incident; only members of the security channel ("
                    + String.join(", ", hidden.members()) + ") may see its details.");
        }
        IncidentDetail.Visible shown = (IncidentDetail.Visible) detail;
        return Doc.builder()
                .addAll(docs.card(shown.incident(), shown.milestones(), shown.now(), null, false))
                .addAll(timeline(shown.events()))
                .build();
    }

    /** "#1 CRITICAL · Pipeline outage — next: technical assessment due 10:30 EST (in 18 min)". */
    Line listItem(OpenIncidents.Entry listed, Instant now) {
        Incident i = listed.incident();
        List<Milestone> milestones = listed.milestones();
        StringBuilder line = new StringBuilder("#" + i.id() + " " + i.severity());
        line.append(
                listed.maySee()
                        ? (i.security() ? " · security · " : " · ") + i.title()
                        : " security incident (details in the security channel)");
        milestones.stream()
                .filter(m -> !m.isMet())
                .findFirst()
                .ifPresentOrElse(
                        m -> {
                            line.append(" — next: ")
                                    .append(m.name())
                                    .append(" due ")
                                    .append(docs.clock(m.dueAt()));
                            line.append(
                                    now.isBefore(m.dueAt())
                                            ? " (in " + Times.duration(Duration.between(now, m.dueAt())) + ")"
                                            : " (overdue by " + Times.duration(Duration.between(m.dueAt(), now)) + ")");
                        },
                        () -> line.append(
                                milestones.isEmpty() ? " — no clock" : " — every deadline met, awaiting resolve"));
        // Its room for those who may read it (the list has no room for anyone else).
        return listed.maySee() && i.room() != null
                ? Line.of(line.toString(), " · room ", Span.slackChannel(i.room()))
                : Line.of(line.toString());
    }
}
