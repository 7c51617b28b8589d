package dev.phasebot.standup;

import dev.phasebot.message.Block;
import dev.phasebot.message.Button;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import dev.phasebot.message.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the standup's messages read, in one place: the opening post, the prompt and reminder
 * DMs, the closing summary and the security channel's post. User text goes in as it was
 * typed; each surface escapes it.
 */
public final class StandupDocs {

    private final ZoneId zone;

    public StandupDocs(ZoneId zone) {
        this.zone = zone;
    }

    /** The channel post that opens the day; {@code securityChannel} when the security team's update goes there. */
    Doc opening(LocalDate day, Instant closesAt, String securityChannel, Button postUpdate) {
        Line how = Line.of(
                "Post your update with ",
                Span.code("/standup"),
                " or the button: security update (security "
                        + "team first), blockers and dependencies, today's deliverable commitments, cross-team coordination needs.");
        if (securityChannel != null) {
            how = how.plus(" The security team's update goes in full to " + securityChannel + " only.");
        }
        return Doc.builder()
                .line(
                        Symbol.SUNRISE,
                        " ",
                        Span.strong("Daily standup, " + Times.longDay(day)),
                        " is open until " + Times.clockWithZone(closesAt, zone) + ".")
                .line(how)
                .actions(List.of(postUpdate))
                .build();
    }

    /** The morning DM; {@code ask} says what this agent's update should hold. */
    Doc prompt(String agent, Instant closesAt, String ask, Button postUpdate) {
        return Doc.builder()
                .line("Good morning, " + agent + ". The standup is open until " + Times.clockWithZone(closesAt, zone)
                        + ". " + ask)
                .actions(List.of(postUpdate))
                .build();
    }

    Doc reminder(Instant closesAt, Button postUpdate) {
        return Doc.builder()
                .line(
                        Symbol.WAITING,
                        " Reminder: the standup closes at " + Times.clockWithZone(closesAt, zone)
                                + " and your update is missing.")
                .actions(List.of(postUpdate))
                .build();
    }

    /** The reply in the day's thread when an update comes after the close. */
    Doc lateNotice(String agent, Instant at) {
        return Doc.of(
                Span.strong(agent),
                " posted a late update at " + Times.clockWithZone(at, zone) + "; the summary is amended.");
    }

    public Doc summary(StandupSummary summary) {
        StandupDay day = summary.day();
        Doc.Builder doc = Doc.builder().heading("Daily standup summary: " + Times.longDay(day.day()));
        List<Object> context = new ArrayList<>();
        if (day.openedAt() != null && day.closedAt() != null) {
            // The zone once, at the end of the range: both ends are minutes apart, in one zone.
            context.add(Times.clock(day.openedAt(), zone) + "–" + Times.clockWithZone(day.closedAt(), zone));
        }
        if (Times.isNoticeablyLate(summary.closedLate())) {
            context.add((context.isEmpty() ? "" : " · ") + "Closed " + Times.lateness(summary.closedLate())
                    + " late: phasebot was offline at the closing time.");
        }
        if (!context.isEmpty()) {
            doc.context(context.toArray());
        }
        if (!summary.openIncidents().isEmpty()) {
            doc.line(Line.of(Symbol.ALERT, " ", Span.strong("Open CRITICAL incidents:"), " ")
                    .plus(Line.join(
                                    summary.openIncidents().stream()
                                            .map(StandupDocs::openIncident)
                                            .toList(),
                                    ", ")
                            .spans()
                            .toArray()));
        }
        List<Line> security = new ArrayList<>();
        if (summary.noSecurityUpdate()) {
            security.add(Line.of(Symbol.WARNING, " No update from the security team."));
        }
        summary.security().forEach(i -> security.add(item(i)));
        doc.bullets(Line.of("1. Security team update"), security);
        doc.bullets(
                Line.of("2. Blockers and dependencies"),
                summary.blockers().isEmpty()
                        ? List.of(Line.of("No blockers reported."))
                        : summary.blockers().stream().map(this::blocker).toList());
        doc.bullets(
                Line.of("3. Deliverable commitments for today"),
                summary.commitments().isEmpty()
                        ? List.of(Line.of("No commitments posted."))
                        : summary.commitments().stream().map(this::item).toList());
        doc.bullets(
                Line.of("4. Cross-team coordination needs"),
                summary.coordination().isEmpty()
                        ? List.of(Line.of("None."))
                        : summary.coordination().stream().map(this::item).toList());
        List<Block.Field> fields = new ArrayList<>();
        fields.add(new Block.Field(
                "Did not post",
                Line.of(summary.missing().isEmpty() ? "nobody" : String.join(", ", summary.missing()))));
        if (!summary.out().isEmpty()) {
            fields.add(new Block.Field(
                    "Out of office",
                    Line.of(summary.out().stream()
                            .map(o -> o.agent() + " (until " + Times.shortDay(o.lastDay(), day.day())
                                    + (o.reason() == null || o.reason().isBlank() ? "" : ": " + o.reason()) + ")")
                            .collect(Collectors.joining(", ")))));
        }
        doc.fields(fields);
        for (PostedUpdate p : summary.late()) {
            doc.context(Span.aside(
                    "Late update from " + p.agent() + " at " + Times.clockWithZone(p.postedAt(), zone) + "."));
        }
        return doc.build();
    }

    /** Laid out as the summary would have shown it: the security section on the agent's line, the others under it. */
    public Doc securityPost(SecurityPost post) {
        Doc.Builder doc = Doc.builder()
                .heading("Security team update, standup of " + Times.longDay(post.day()))
                .context(Span.aside("Given in full here only: the summary in " + post.summaryChannel()
                        + " says it was given and which tasks its blockers name."));
        if (post.entries().isEmpty()) {
            return doc.line(Symbol.WARNING, " No update from the security team.")
                    .build();
        }
        List<Line> items = new ArrayList<>();
        for (SecurityPost.Entry entry : post.entries()) {
            PostedUpdate p = entry.posted();
            Line line = Line.of(Span.strong(p.agent()));
            if (!p.update().security().isEmpty()) {
                line = line.plus(": " + p.update().security());
            }
            if (p.late()) {
                line = line.plus(" ", Span.aside("(late, " + Times.clockWithZone(p.postedAt(), zone) + ")"));
            }
            for (Section section : List.of(Section.BLOCKERS, Section.TODAY, Section.COORDINATION)) {
                String value = section.of(p.update());
                if (!value.isEmpty()) {
                    line = line.plus("\n" + section.label() + ": " + value);
                    if (section == Section.BLOCKERS && !entry.blockerTasks().isEmpty()) {
                        line = line.plus(" → " + String.join("; ", entry.blockerTasks()));
                    }
                }
            }
            items.add(line);
        }
        return doc.bullets(Line.empty(), items).build();
    }

    private Line item(StandupSummary.Item item) {
        return late(Line.of(Span.strong(item.agent()), ": " + item.text()), item.late());
    }

    private Line blocker(StandupSummary.Blocker b) {
        Line line = Line.of(Span.strong(b.agent()), " is blocked");
        for (int i = 0; i < b.on().size(); i++) {
            line = line.plus(i == 0 ? " on " : ", ", Span.strong(b.on().get(i)));
        }
        line = late(line.plus(b.text() != null ? ": " + b.text() : " (" + b.details() + ")"), b.late());
        return b.tasks().isEmpty() ? line : line.plus(" → " + String.join("; ", b.tasks()));
    }

    private static Line late(Line line, boolean late) {
        return late ? line.plus(" ", Span.aside("(late)")) : line;
    }

    /** A security incident is named by its id only: the summary goes to a public channel. */
    private static Line openIncident(dev.phasebot.incident.OpenIncident incident) {
        return incident.security()
                ? Line.of("#" + incident.id() + " (security incident; details in the security channel)")
                : Line.of("#" + incident.id() + " ", incident.title());
    }
}
