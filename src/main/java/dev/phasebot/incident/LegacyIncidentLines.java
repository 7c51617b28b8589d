package dev.phasebot.incident;

import dev.phasebot.message.SafeText;
import dev.phasebot.message.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The mrkdwn lines other features took from incidents before they asked for values: kept,
 * word for word, only behind IncidentService's deprecated adapters until their consumers
 * (standup, dashboard, review, /phase next) switch to the values. The one place in this
 * package that still escapes text for Slack; delete it with the adapters.
 */
@Deprecated(forRemoval = true)
final class LegacyIncidentLines {

    private final ZoneId zone;

    LegacyIncidentLines(ZoneId zone) {
        this.zone = zone;
    }

    List<String> openCritical(List<OpenIncident> open) {
        return open.stream().map(i -> i.security() ? "#" + i.id() + " (security incident; details in the security channel)"
                : "#" + i.id() + " " + SafeText.escape(i.title())).toList();
    }

    List<String> nextDeadlines(List<NextDeadline> next, Instant now) {
        return next.stream().map(d -> "#" + d.id() + " " + d.severity()
                + (d.title() == null ? " security incident (details in the security channel)"
                : (d.security() ? " · security · " : " · ") + SafeText.escape(d.title()))
                + " — next: " + d.milestone() + " due " + Times.clockWithZone(d.due(), zone)
                + (now.isBefore(d.due()) ? " (in " + Times.duration(Duration.between(now, d.due())) + ")"
                : " (overdue by " + Times.duration(Duration.between(d.due(), now)) + ")")).toList();
    }
}
