package dev.phasebot.slash;

import dev.phasebot.message.Doc;
import dev.phasebot.message.LastRendering;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Times;
import dev.phasebot.standup.OutOfOffice;
import dev.phasebot.standup.OutOfOfficeResult;
import dev.phasebot.standup.PostedUpdate;
import dev.phasebot.standup.Section;
import dev.phasebot.standup.SessionResult;
import dev.phasebot.standup.StandupHistory;
import dev.phasebot.standup.StandupStatus;
import dev.phasebot.standup.StandupUpdate;
import dev.phasebot.standup.UpdateResult;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** How {@code /standup} answers the one who asked: the services' results as docs. */
final class StandupAnswers {

    private final ZoneId zone;
    /** The service hands every caller the same status until something commits, and so the same doc. */
    private final LastRendering<StandupStatus, Doc> statusDoc = new LastRendering<>(this::statusOf);

    StandupAnswers(ZoneId zone) {
        this.zone = zone;
    }

    /** What is now recorded, section by section, so the author sees the whole update after any change. */
    Doc update(UpdateResult result, LocalDate today) {
        String day = Times.shortDay(result.day(), today);
        if (result instanceof UpdateResult.NothingChanged nothing) {
            return nothing.alreadyEmpty() != null
                    ? Doc.of("Your " + nothing.alreadyEmpty().label() + " section is already empty.")
                    : Doc.of("Nothing changed; your update for " + day + " already says that.");
        }
        if (result instanceof UpdateResult.UpdateWithdrawn withdrawn) {
            return amended(
                    Doc.builder()
                            .line("Your update for " + day + " is withdrawn: its "
                                    + withdrawn.cleared().label() + " section was the last one left."),
                    withdrawn.amended(),
                    false);
        }
        UpdateResult.UpdateRecorded recorded = (UpdateResult.UpdateRecorded) result;
        List<String> changes = new ArrayList<>();
        if (!recorded.updated().isEmpty()) {
            changes.add("updated: " + labels(recorded.updated()));
        }
        if (!recorded.cleared().isEmpty()) {
            changes.add("cleared: " + labels(recorded.cleared()));
        }
        List<Line> sections = new ArrayList<>();
        for (Section section : Section.values()) {
            String value = section.of(recorded.update());
            if (!value.isEmpty()) {
                sections.add(Line.of(section.label() + ": " + value));
            }
        }
        Doc.Builder doc = Doc.builder()
                .bullets(
                        Line.of("Recorded for " + day
                                + (changes.isEmpty() ? "" : " (" + String.join("; ", changes) + ")") + ":"),
                        sections);
        return amended(doc, recorded.amended(), recorded.late());
    }

    Doc opened(SessionResult.StandupOpened opened) {
        return Doc.of("Today's standup is open until " + Times.clockWithZone(opened.closesAt(), zone) + ".");
    }

    Doc closed(SessionResult.StandupClosed closed) {
        return Doc.of("Today's standup is closed; the summary is on its way to " + closed.channelName() + ".");
    }

    Doc outOfOffice(OutOfOfficeResult.OutOfOfficeSet set) {
        OutOfOffice ooo = set.period();
        return Doc.of((set.self() ? "You are" : ooo.agent() + " is") + " out of office "
                + (ooo.firstDay().equals(ooo.lastDay()) ? "on " : "from ") + ooo.period()
                + (ooo.reason().isBlank() ? "" : " (" + ooo.reason() + ")")
                + ": no standup prompts or reminders on those days (out-of-office #" + ooo.id() + ").");
    }

    Doc cancelled(OutOfOfficeResult.OutOfOfficeCancelled cancelled, LocalDate today) {
        String what = describe(cancelled.period());
        return cancelled.endedOn() == null
                ? Doc.of("Cancelled out-of-office " + what + ".")
                : Doc.of("Cancelled the rest of out-of-office " + what + ": it now ends yesterday, "
                        + Times.shortDay(cancelled.endedOn(), today) + ", so the days already past stay recorded.");
    }

    Doc outOfOfficeList(List<OutOfOffice> periods, String agentOrNull) {
        if (periods.isEmpty()) {
            return Doc.of(
                    (agentOrNull == null ? "Nobody is" : agentOrNull + " is not") + " out of office today or later.");
        }
        Doc.Builder doc = Doc.builder();
        periods.forEach(p -> doc.line(describe(p)));
        return doc.build();
    }

    Doc status(StandupStatus status) {
        return statusDoc.of(status);
    }

    private Doc statusOf(StandupStatus status) {
        String state = switch (status.state()) {
            case CLOSED -> "closed at " + clock(status.at());
            case OPEN -> "open until " + clock(status.at());
            case OPENS -> "opens at " + clock(status.at());
            case NOT_OPENED ->
                "not opened; it was due at " + clock(status.at()) + " (the lead can open it now: /standup open)";
            case NONE -> "no standup today";
        };
        Doc.Builder doc = Doc.builder()
                .line(Span.strong("Standup, " + Times.longDay(status.day())), ": " + state)
                .line(
                        Span.strong("Posted:"),
                        " "
                                + (status.posted().isEmpty()
                                        ? "nobody yet"
                                        : status.posted().stream()
                                                .map(p -> p.agent() + " (" + clock(p.at()) + (p.late() ? ", late" : "")
                                                        + ")")
                                                .collect(Collectors.joining(", "))))
                .line(
                        Span.strong("Not yet:"),
                        " " + (status.missing().isEmpty() ? "nobody" : String.join(", ", status.missing())));
        if (!status.out().isEmpty()) {
            doc.line(Span.strong("Out:"), " " + String.join(", ", status.out()));
        }
        return doc.build();
    }

    Doc history(StandupHistory history) {
        String of = history.agentOrNull() == null ? "" : history.agentOrNull();
        String days = history.days() + " day" + (history.days() == 1 ? "" : "s");
        if (history.entries().isEmpty()) {
            return Doc.of("No standup updates" + (of.isEmpty() ? "" : " from " + of) + " in the last " + days + ".");
        }
        Doc.Builder doc =
                Doc.builder().heading("Standup history" + (of.isEmpty() ? "" : " of " + of) + ", last " + days);
        LocalDate shown = null;
        List<Line> items = new ArrayList<>();
        for (StandupHistory.Entry entry : history.entries()) {
            PostedUpdate p = entry.posted();
            if (!p.day().equals(shown)) {
                if (shown != null) {
                    doc.bullets(Line.of(Times.longDay(shown)), items);
                    items = new ArrayList<>();
                }
                shown = p.day();
            }
            Line line =
                    Line.of(Span.strong(p.agent()), " (" + clock(p.postedAt()) + (p.late() ? ", late" : "") + "): ");
            items.add(entry.withheld() != null ? line.plus(entry.withheld()) : sections(line, p.update()));
        }
        return doc.bullets(Line.of(Times.longDay(shown)), items).build();
    }

    /** "security: patched; today: audit", non-empty sections in the plan's order, each label set aside. */
    private static Line sections(Line line, StandupUpdate update) {
        boolean first = true;
        for (Section section : Section.values()) {
            String value = section.of(update);
            if (!value.isEmpty()) {
                line = line.plus(first ? "" : "; ", Span.aside(section.label() + ":"), " " + value);
                first = false;
            }
        }
        return line;
    }

    /** "#3 qa-engineer: Thu 24 Dec to Thu 31 Dec 2026 (holidays)". */
    private static String describe(OutOfOffice ooo) {
        return "#" + ooo.id() + " " + ooo.agent() + ": " + ooo.period()
                + (ooo.reason() == null || ooo.reason().isBlank() ? "" : " (" + ooo.reason() + ")");
    }

    private static Doc amended(Doc.Builder doc, boolean amended, boolean late) {
        if (amended) {
            doc.line(
                    late
                            ? "Today's standup had closed, so the summary now shows this as a late update."
                            : "Today's standup had closed, so its summary is amended.");
        }
        return doc.build();
    }

    private static String labels(List<Section> sections) {
        return sections.stream().map(Section::label).collect(Collectors.joining(", "));
    }

    private String clock(Instant instant) {
        return Times.clockWithZone(instant, zone);
    }
}
