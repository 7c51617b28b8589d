package dev.phasebot.incident;

import dev.phasebot.config.BotConfig;
import dev.phasebot.message.Button;
import dev.phasebot.message.SafeText;
import dev.phasebot.message.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** How incidents read: the card, notices, the post-incident summary, list and show. */
final class IncidentMessages {

    private final BotConfig config;
    private final ZoneId zone;

    IncidentMessages(BotConfig config) {
        this.config = config;
        this.zone = config.phase().zone();
    }

    String title(Incident i) {
        return "*" + i.severity() + " incident #" + i.id() + ": " + SafeText.escape(i.title()) + "*"
                + (i.security() ? " · security" : "");
    }

    /** What may be said where the details may not: that it exists, its id and its state. */
    String redacted(Incident i) {
        return (i.closed() ? ":white_check_mark: A " : ":rotating_light: A ") + i.severity()
                + " security incident (#" + i.id() + ") is "
                + (i.cancelled() ? "cancelled (raised in error)" : i.resolved() ? "resolved" : "open")
                + ". Its details are in the private security channel.";
    }

    /** To those paged for it: they may stand down. */
    String cancelledNotice(Incident i) {
        return ":no_entry_sign: Incident #" + i.id() + " (" + SafeText.escape(i.title()) + ") was cancelled by "
                + i.cancelledBy() + " at " + Times.clockWithZone(i.cancelledAt(), zone) + ": "
                + SafeText.escape(i.cancelReason()) + ". You are no longer needed on it.";
    }

    String severityChanged(Incident i, String was, String by, String clockNote) {
        return ":arrows_counterclockwise: Incident #" + i.id() + " is now " + i.severity() + " (was " + was
                + "), set by " + by + ": " + clockNote + ".";
    }

    String card(Incident i, List<Milestone> milestones, Instant now) {
        StringBuilder text = new StringBuilder();
        text.append(i.cancelled() ? ":no_entry_sign: " : i.resolved() ? ":white_check_mark: " : ":rotating_light: ")
                .append(title(i)).append('\n');
        if (i.cancelled()) {
            text.append("*Cancelled:* ").append(SafeText.escape(i.cancelReason())).append(" (by ").append(i.cancelledBy())
                    .append(" at ").append(Times.clockWithZone(i.cancelledAt(), zone)).append(")\n");
        }
        text.append("Raised by ").append(i.raisedBy()).append(" at ").append(Times.clockWithZone(i.raisedAt(), zone))
                .append(" · area owner: ").append(i.owner()).append(" · assignee: ").append(i.assignee());
        if (i.affects() != null) {
            text.append(" · affects ").append(i.affects());
        }
        text.append('\n');
        if (!milestones.isEmpty()) {
            text.append("*Deadlines*\n");
            for (Milestone m : milestones) {
                text.append("• ").append(m.name()).append(" by ").append(Times.clockWithZone(m.dueAt(), zone)).append(": ");
                if (m.isMet()) {
                    text.append(":white_check_mark: met at ").append(Times.clockWithZone(m.metAt(), zone)).append(" by ")
                            .append(m.metBy());
                    if (m.metAt().isAfter(m.dueAt())) {
                        text.append(" (").append(Times.duration(Duration.between(m.dueAt(), m.metAt()))).append(" late)");
                    }
                } else if (i.closed() && i.closedAt().isBefore(m.dueAt())) {
                    text.append(i.cancelled() ? "not needed (cancelled)" : "not needed (resolved before it was due)");
                } else if (!now.isBefore(m.dueAt())) {
                    text.append(":x: missed");
                } else {
                    text.append("due in ").append(Times.duration(Duration.between(now, m.dueAt())));
                }
                text.append('\n');
            }
        } else {
            text.append("_Not CRITICAL: no escalation clock._\n");
        }
        if (!i.closed()) {
            text.append("*Must act:* ").append(String.join(", ", mustAct(i))).append('\n');
        }
        if (i.description() != null && !i.description().isBlank()) {
            text.append("> ").append(SafeText.escape(i.description()).replace("\n", "\n> ")).append('\n');
        }
        if (i.acknowledgedAt() != null) {
            text.append("Acknowledged by ").append(i.acknowledgedBy()).append(" at ")
                    .append(Times.clockWithZone(i.acknowledgedAt(), zone)).append(". ");
        }
        if (i.resolved()) {
            text.append("Resolved by ").append(i.resolvedBy()).append(" at ").append(Times.clockWithZone(i.resolvedAt(), zone))
                    .append('.');
        }
        return text.toString().stripTrailing();
    }

    List<Button> buttons(Incident i) {
        if (i.closed()) {
            return List.of();
        }
        String id = Long.toString(i.id());
        return List.of(
                new Button("incident_ack", "Acknowledge", id, "/incident ack " + id),
                new Button("incident_assess", "Post assessment", id, "/incident assess " + id + " <text>"),
                new Button("incident_plan", "Post mitigation plan", id, "/incident plan " + id + " <text>"),
                new Button("incident_implemented", "Mark implemented", id, "/incident implemented " + id + " <text>"),
                new Button("incident_escalate", "Escalate", id, "/incident escalate " + id + " <text>"),
                new Button("incident_resolve", "Resolve", id, "/incident resolve " + id + " <text>"));
    }

    List<String> mustAct(Incident i) {
        Set<String> who = new LinkedHashSet<>();
        who.add(i.assignee() + " (assignee)");
        if (!i.owner().equals(i.assignee())) {
            who.add(i.owner() + " (area owner)");
        }
        String lead = config.lead().id();
        if (!lead.equals(i.assignee()) && !lead.equals(i.owner())) {
            who.add(lead + " (lead)");
        }
        return new ArrayList<>(who);
    }

    String notice(Incident i, Milestone m, int attempt, int maxRepeats, Instant now, Duration late, String paged) {
        Duration overdue = Duration.between(m.dueAt(), now);
        StringBuilder text = new StringBuilder(":warning: ");
        if (attempt == 0) {
            text.append("*Incident #").append(i.id()).append(" missed its ").append(m.name()).append(" deadline* (due ")
                    .append(Times.clockWithZone(m.dueAt(), zone)).append(")");
            if (overdue.toMinutes() >= 1) {
                text.append(", ").append(Times.duration(overdue)).append(" ago");
            }
            text.append('.');
        } else {
            text.append("*Incident #").append(i.id()).append(" still has no ").append(m.name()).append("*: ")
                    .append(Times.duration(overdue)).append(" overdue (reminder ").append(attempt).append(" of ")
                    .append(maxRepeats).append(").");
        }
        text.append(" Paging ").append(paged).append('.');
        if (Times.isNoticeablyLate(late)) {
            text.append(" _(sent ").append(Times.lateness(late)).append(" late: phasebot was offline or held up)_");
        }
        return text.toString();
    }

    /**
     * A page where the details may not go: that it is one, why, and where the details are.
     * "You are paged on CRITICAL security incident #1: technical assessment missed by 5 min.
     * Details are in #alphapy-security; ask senior-system-developer for access."
     */
    String redactedPage(Incident i, String why, boolean toChannel) {
        return ":rotating_light: " + (toChannel ? "This channel is" : "You are") + " paged on " + i.severity()
                + " security incident #" + i.id() + ": " + why + ". Details are in "
                + config.channel(config.escalation().securityChannel()).name() + "; ask " + config.lead().id()
                + " for access.";
    }

    String summary(Incident i, List<Milestone> milestones, List<IncidentEvent> events) {
        StringBuilder text = new StringBuilder();
        text.append(":white_check_mark: *Post-incident summary, incident #").append(i.id()).append(": ")
                .append(SafeText.escape(i.title())).append("*\n");
        text.append("Raised ").append(Times.clockWithZone(i.raisedAt(), zone)).append(" by ").append(i.raisedBy())
                .append(" · resolved ").append(Times.clockWithZone(i.resolvedAt(), zone)).append(" by ")
                .append(i.resolvedBy()).append('\n');
        if (i.resolution() != null && !i.resolution().isBlank()) {
            text.append("Resolution: ").append(SafeText.escape(i.resolution())).append('\n');
        }
        List<String> times = new ArrayList<>();
        if (i.acknowledgedAt() != null) {
            times.add("acknowledge " + Times.duration(Duration.between(i.raisedAt(), i.acknowledgedAt())));
        }
        milestones.stream().filter(m -> m.act().equals("assessment") && m.isMet()).findFirst()
                .ifPresent(m -> times.add("assess " + Times.duration(Duration.between(i.raisedAt(), m.metAt()))));
        milestones.stream().filter(m -> m.act().equals("mitigation_plan") && m.isMet()).findFirst()
                .ifPresent(m -> times.add("mitigate " + Times.duration(Duration.between(i.raisedAt(), m.metAt()))));
        times.add("resolve " + Times.duration(Duration.between(i.raisedAt(), i.resolvedAt())));
        text.append("*Time to* ").append(String.join(" · ", times)).append('\n');
        List<String> missed = new ArrayList<>();
        for (Milestone m : milestones) {
            Instant done = m.isMet() ? m.metAt() : i.resolvedAt();
            if (done.isAfter(m.dueAt())) {
                missed.add(m.name() + " by " + Times.duration(Duration.between(m.dueAt(), done))
                        + (m.isMet() ? "" : " (never posted)"));
            }
        }
        text.append(milestones.isEmpty() ? "" : missed.isEmpty() ? "All deadlines met.\n"
                : "*Deadlines missed:* " + String.join("; ", missed) + "\n");
        text.append(timeline(events));
        return text.toString();
    }

    String listLine(Incident i, List<Milestone> milestones, Instant now, boolean maySee) {
        StringBuilder line = new StringBuilder("• #" + i.id() + " " + i.severity());
        line.append(maySee ? (i.security() ? " · security · " : " · ") + SafeText.escape(i.title())
                : " security incident (details in the security channel)");
        milestones.stream().filter(m -> !m.isMet()).findFirst().ifPresentOrElse(m -> {
            line.append(" — next: ").append(m.name()).append(" due ").append(Times.clockWithZone(m.dueAt(), zone));
            if (now.isBefore(m.dueAt())) {
                line.append(" (in ").append(Times.duration(Duration.between(now, m.dueAt()))).append(')');
            } else {
                line.append(" (overdue by ").append(Times.duration(Duration.between(m.dueAt(), now))).append(')');
            }
        }, () -> line.append(milestones.isEmpty() ? " — no clock" : " — every deadline met, awaiting resolve"));
        return line.toString();
    }

    String timeline(List<IncidentEvent> events) {
        StringBuilder text = new StringBuilder("*Timeline*\n");
        for (IncidentEvent e : events) {
            text.append("• ").append(Times.clockWithZone(e.at(), zone)).append(' ').append(e.actor()).append(": ")
                    .append(e.kind()).append(e.detail() == null || e.detail().isBlank() ? ""
                            : " — " + SafeText.escape(e.detail())).append('\n');
        }
        return text.toString().stripTrailing();
    }
}
