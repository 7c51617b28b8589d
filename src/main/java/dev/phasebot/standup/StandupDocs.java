package dev.phasebot.standup;

import dev.phasebot.message.Block;
import dev.phasebot.message.Block.Button;
import dev.phasebot.message.Doc;
import dev.phasebot.message.LastRendering;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import dev.phasebot.message.Times;
import dev.phasebot.phase.PhaseHistory;
import dev.phasebot.standup.StandupReports.StandupHistory;
import dev.phasebot.standup.StandupRepository.PostedUpdate;
import dev.phasebot.standup.StandupSession.StandupDay;
import dev.phasebot.standup.StandupSummary.SecurityPost;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the standup reads, in one place: the messages it posts (the opening post, the prompt and
 * reminder DMs, the closing summary and the security channel's post) and its answers to the one
 * who asked (every kind of {@link StandupResult}, the status, the history, the out-of-office
 * list). User text goes in as it was typed; each surface escapes it.
 */
public final class StandupDocs {

    /** The action of the "Post update" button on the opening post and the DMs: it opens the form. */
    public static final String POST_UPDATE_ACTION = "standup_post_update";

    private static final Button POST_UPDATE = new Button(POST_UPDATE_ACTION, "Post update", "standup", "/standup");

    private final ZoneId zone;
    /** The reports hand every caller the same status until something commits, and so the same doc. */
    private final LastRendering<StandupStatus, Doc> statusDoc = new LastRendering<>(this::statusOf);

    public StandupDocs(ZoneId zone) {
        this.zone = zone;
    }

    /** The channel post that opens the day; {@code securityChannel} when the security team's update goes there. */
    Doc opening(LocalDate day, Instant closesAt, String securityChannel) {
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
                .actions(List.of(POST_UPDATE))
                .build();
    }

    /** The morning DM; {@code ask} says what this agent's update should hold. */
    Doc prompt(String agent, Instant closesAt, String ask) {
        return Doc.builder()
                .line("Good morning, " + agent + ". The standup is open until " + Times.clockWithZone(closesAt, zone)
                        + ". " + ask)
                .actions(List.of(POST_UPDATE))
                .build();
    }

    Doc reminder(Instant closesAt) {
        return Doc.builder()
                .line(
                        Symbol.WAITING,
                        " Reminder: the standup closes at " + Times.clockWithZone(closesAt, zone)
                                + " and your update is missing.")
                .actions(List.of(POST_UPDATE))
                .build();
    }

    /** The reply in the day's thread when an update comes after the close. */
    Doc lateNotice(String agent, Instant at) {
        return Doc.of(
                Span.strong(agent),
                " posted a late update at " + Times.clockWithZone(at, zone) + "; the summary is amended.");
    }

    /**
     * The closing summary. One that fits one message reads in full, section by section; a larger
     * one (hundreds of agents) is an overview (the security team, the first blockers, counts, who
     * did not post) and then at most {@link #DETAIL_PARTS} parts of updates by agent, each under a
     * heading of its own: Slack posts the overview in the channel and each part in its thread.
     */
    public Doc summary(StandupSummary summary) {
        Doc full = fullSummary(summary);
        boolean fits = dev.phasebot.message.PlainText.withUserIds().render(full).length() <= ONE_MESSAGE_CHARS
                && summary.late().size() <= MAX_LATE_LINES;
        return fits ? full : largeSummary(summary);
    }

    /** Plain text a summary may have to read in full: Slack's 12,000 a message, less room for its markup. */
    static final int ONE_MESSAGE_CHARS = 8_000;
    /** Each late update is a line of small print (a block of its own in Slack, which takes 50). */
    private static final int MAX_LATE_LINES = 20;
    /** Updates by agent in a large summary: parts of at most this much plain text, at most this many. */
    static final int DETAIL_CHARS = 8_000;

    static final int DETAIL_PARTS = 4;
    /** Blockers a large summary's overview spells out; the rest are in the updates by agent. */
    private static final int OVERVIEW_BLOCKER_CHARS = 4_000;
    /** Names a large summary lists before "and N more". */
    private static final int NAMES_SHOWN = 20;

    /** What every summary starts with: the day, when it ran (and how late it closed), open CRITICAL incidents. */
    private Doc.Builder heading(StandupSummary summary) {
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
        return doc;
    }

    private Doc fullSummary(StandupSummary summary) {
        StandupDay day = summary.day();
        Doc.Builder doc = heading(summary);
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

    private Doc largeSummary(StandupSummary summary) {
        Doc.Builder doc = heading(summary);
        java.util.Map<String, List<String>> byAgent = byAgent(summary);
        doc.line(
                Span.strong("Posted:"),
                " " + byAgent.size()
                        + (summary.late().isEmpty() ? "" : " (" + summary.late().size() + " late)") + " · ",
                Span.strong("Blocked:"),
                " " + summary.blockers().size() + " · ",
                Span.strong("Did not post:"),
                " " + summary.missing().size() + " · ",
                Span.strong("Out of office:"),
                " " + summary.out().size());
        List<Line> security = new ArrayList<>();
        if (summary.noSecurityUpdate()) {
            security.add(Line.of(Symbol.WARNING, " No update from the security team."));
        }
        summary.security().forEach(i -> security.add(item(i)));
        doc.bullets(Line.of("1. Security team update"), security);
        List<Line> blockers = new ArrayList<>();
        int chars = 0;
        for (StandupSummary.Blocker b : summary.blockers()) {
            Line line = blocker(b);
            chars += dev.phasebot.message.PlainText.withUserIds().render(line).length();
            if (chars > OVERVIEW_BLOCKER_CHARS && !blockers.isEmpty()) {
                break;
            }
            blockers.add(line);
        }
        if (blockers.size() < summary.blockers().size()) {
            blockers.add(Line.of(Span.aside(
                    "… and " + (summary.blockers().size() - blockers.size()) + " more, in the updates by agent.")));
        }
        doc.bullets(
                Line.of("2. Blockers and dependencies"),
                blockers.isEmpty() ? List.of(Line.of("No blockers reported.")) : blockers);
        List<Block.Field> fields = new ArrayList<>();
        fields.add(new Block.Field(
                "Did not post", Line.of(summary.missing().isEmpty() ? "nobody" : counted(summary.missing()))));
        if (!summary.out().isEmpty()) {
            fields.add(new Block.Field(
                    "Out of office",
                    Line.of(counted(
                            summary.out().stream().map(OutOfOffice::agent).toList()))));
        }
        doc.fields(fields);
        if (!summary.late().isEmpty()) {
            doc.context(Span.aside("Late updates from "
                    + counted(summary.late().stream().map(PostedUpdate::agent).toList()) + "."));
        }
        List<String> agents = new ArrayList<>(byAgent.keySet());
        int perPart = Math.max(1, (agents.size() + DETAIL_PARTS - 1) / DETAIL_PARTS);
        int parts = (agents.size() + perPart - 1) / perPart;
        int room = DETAIL_CHARS / perPart;
        boolean shortened = false;
        List<Doc> details = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            List<Line> items = new ArrayList<>();
            for (String agent : agents.subList(part * perPart, Math.min(agents.size(), (part + 1) * perPart))) {
                // The late mark next to the name: a shortened line still says its update came late.
                boolean late = byAgent.get(agent).stream().anyMatch(s -> s.endsWith(" (late)"));
                String said = String.join(
                        "; ",
                        byAgent.get(agent).stream()
                                .map(s -> s.endsWith(" (late)") ? s.substring(0, s.length() - 7) : s)
                                .toList());
                int left = Math.max(20, room - agent.length() - (late ? 13 : 6));
                if (said.length() > left) {
                    said = said.substring(0, left - 1) + "…";
                    shortened = true;
                }
                items.add(
                        late
                                ? Line.of(Span.strong(agent), " ", Span.aside("(late)"), ": " + said)
                                : Line.of(Span.strong(agent), ": " + said));
            }
            details.add(Doc.builder()
                    .heading("Updates by agent, " + (part + 1) + " of " + parts)
                    .bullets(Line.empty(), items)
                    .build());
        }
        if (shortened) {
            doc.context(
                    Span.aside("Updates by agent are shortened to fit; "),
                    Span.code("/standup history <agent>"),
                    Span.aside(" shows one in full."));
        }
        details.forEach(doc::addAll);
        return doc.build();
    }

    /**
     * What each agent who posted said, security team first: security, then today's commitments
     * (the overview has the blockers, so what a shortened line keeps is what only it says), then
     * blockers and coordination.
     */
    private static java.util.Map<String, List<String>> byAgent(StandupSummary summary) {
        java.util.Map<String, List<String>> said = new java.util.LinkedHashMap<>();
        summary.security().forEach(i -> said(said, i.agent(), "security: " + i.text(), i.late()));
        summary.commitments().forEach(i -> said(said, i.agent(), "today: " + i.text(), i.late()));
        for (StandupSummary.Blocker b : summary.blockers()) {
            String on = b.on().isEmpty() ? "blocked" : "blocked on " + String.join(", ", b.on());
            said(said, b.agent(), on + (b.text() != null ? ": " + b.text() : " (" + b.details() + ")"), b.late());
        }
        summary.coordination().forEach(i -> said(said, i.agent(), "coordination: " + i.text(), i.late()));
        return said;
    }

    private static void said(java.util.Map<String, List<String>> said, String agent, String text, boolean late) {
        said.computeIfAbsent(agent, a -> new ArrayList<>()).add(late ? text + " (late)" : text);
    }

    /** "3: a, b, c", or for many "300: a, b, ... and 280 more". */
    static String counted(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(names.size(), NAMES_SHOWN)));
        return names.size() + ": " + shown
                + (names.size() > NAMES_SHOWN ? " and " + (names.size() - NAMES_SHOWN) + " more" : "");
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

    /**
     * The answer to a change, for the one who made it. Every kind of {@link StandupResult} is
     * worded here (Java 17 has no switch over a sealed type; StandupDocsTest checks none is left
     * out).
     */
    Doc answer(StandupResult result, LocalDate today) {
        if (result instanceof StandupResult.StandupOpened opened) {
            return Doc.of("Today's standup is open until " + Times.clockWithZone(opened.closesAt(), zone) + ".");
        }
        if (result instanceof StandupResult.StandupClosed closed) {
            return Doc.of("Today's standup is closed; the summary is on its way to " + closed.channelName() + ".");
        }
        if (result instanceof StandupResult.UpdateRecorded recorded) {
            return recorded(recorded, today);
        }
        if (result instanceof StandupResult.NothingChanged nothing) {
            return nothing.alreadyEmpty() != null
                    ? Doc.of("Your " + nothing.alreadyEmpty().label() + " section is already empty.")
                    : Doc.of("Nothing changed; your update for " + Times.shortDay(nothing.day(), today)
                            + " already says that.");
        }
        if (result instanceof StandupResult.UpdateWithdrawn withdrawn) {
            return amended(
                    Doc.builder()
                            .line("Your update for " + Times.shortDay(withdrawn.day(), today) + " is withdrawn: its "
                                    + withdrawn.cleared().label() + " section was the last one left."),
                    withdrawn.amended(),
                    false);
        }
        if (result instanceof StandupResult.OutOfOfficeSet set) {
            return outOfOffice(set);
        }
        if (result instanceof StandupResult.OutOfOfficeCancelled cancelled) {
            return cancelled(cancelled, today);
        }
        throw new IllegalArgumentException("no wording for " + result.getClass().getSimpleName());
    }

    /** What is now recorded, section by section, so the author sees the whole update after any change. */
    private Doc recorded(StandupResult.UpdateRecorded recorded, LocalDate today) {
        String day = Times.shortDay(recorded.day(), today);
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

    private static Doc outOfOffice(StandupResult.OutOfOfficeSet set) {
        OutOfOffice ooo = set.period();
        return Doc.of((set.self() ? "You are" : ooo.agent() + " is") + " out of office "
                + (ooo.firstDay().equals(ooo.lastDay()) ? "on " : "from ") + ooo.period()
                + (ooo.reason().isBlank() ? "" : " (" + ooo.reason() + ")")
                + ": no standup prompts or reminders on those days (out-of-office #" + ooo.id() + ").");
    }

    private static Doc cancelled(StandupResult.OutOfOfficeCancelled cancelled, LocalDate today) {
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
        return history(history, PhaseHistory.Labels.none());
    }

    /**
     * {@code /standup history}: the updates by day, newest first. When the days reach across
     * phases each day says its phase; the history of one phase names it in the heading instead.
     */
    Doc history(StandupHistory history, PhaseHistory.Labels phases) {
        String of = history.agentOrNull() == null ? "" : history.agentOrNull();
        String span = history.phase() != null
                ? history.phase()
                : "last " + history.days() + " day" + (history.days() == 1 ? "" : "s");
        if (history.entries().isEmpty()) {
            return Doc.of("No standup updates" + (of.isEmpty() ? "" : " from " + of)
                    + (history.phase() != null ? " in " : " in the ") + span + ".");
        }
        // Only what reaches into an earlier phase is labelled: the current phase alone reads as it always did.
        boolean labelled = history.phase() == null
                && history.entries().stream()
                        .anyMatch(e -> phases.earlier(e.posted().postedAt()) != null);
        Doc.Builder doc = Doc.builder().heading("Standup history" + (of.isEmpty() ? "" : " of " + of) + ", " + span);
        LocalDate shown = null;
        String shownPhase = null;
        List<Line> items = new ArrayList<>();
        for (StandupHistory.Entry entry : history.entries()) {
            PostedUpdate p = entry.posted();
            String phase = labelled ? phases.of(p.postedAt()) : null;
            if (!p.day().equals(shown) || !java.util.Objects.equals(phase, shownPhase)) {
                if (shown != null) {
                    doc.bullets(dayLine(shown, shownPhase), items);
                    items = new ArrayList<>();
                }
                shown = p.day();
                shownPhase = phase;
            }
            Line line =
                    Line.of(Span.strong(p.agent()), " (" + clock(p.postedAt()) + (p.late() ? ", late" : "") + "): ");
            items.add(entry.withheld() != null ? line.plus(entry.withheld()) : sections(line, p.update()));
        }
        return doc.bullets(dayLine(shown, shownPhase), items).build();
    }

    /** "Tue 24 Nov 2026", and " · <phase>" when the history reaches across phases. */
    private static Line dayLine(LocalDate day, String phaseOrNull) {
        return Line.of(Times.longDay(day) + (phaseOrNull == null ? "" : " · " + phaseOrNull));
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
    private static Line openIncident(dev.phasebot.incident.IncidentQueries.OpenIncident incident) {
        return incident.security()
                ? Line.of("#" + incident.id() + " (security incident; details in the security channel)")
                : Line.of("#" + incident.id() + " ", incident.title());
    }
}
