package dev.phasebot.phase;

import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import dev.phasebot.message.Times;
import dev.phasebot.message.Upload;
import dev.phasebot.phase.HandoffReport.Ending;
import dev.phasebot.phase.HandoffReport.Gate;
import dev.phasebot.phase.HandoffReport.Group;
import dev.phasebot.phase.HandoffReport.Incident;
import dev.phasebot.phase.HandoffReport.Item;
import dev.phasebot.phase.HandoffReport.Metric;
import dev.phasebot.phase.HandoffReport.Risk;
import dev.phasebot.phase.HandoffReport.Task;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a phase's handoff report reads: the summary a channel (or the console) is shown, and the
 * full report as a Markdown file. Times are in the phase's zone.
 */
public final class HandoffReportDocs {

    /**
     * A channel reads a summary, not the report: past this many lines a list says how many more
     * there are and the file has them all.
     */
    static final int MAX_LISTED = 10;

    private final ZoneId zone;
    /** With the year: a report is read long after its phase, when "Tue 24 Nov" no longer says which. */
    private final DateTimeFormatter fileTime;

    public HandoffReportDocs(ZoneId zone) {
        this.zone = zone;
        this.fileTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ENGLISH)
                .withZone(zone);
    }

    // --- the summary ---

    /** Posted when a phase ends and shown by {@code /phase report}: headline counts, then what is not done. */
    public Doc doc(HandoffReport r) {
        Doc.Builder doc = Doc.builder()
                .heading(Symbol.AGENDA, " Handoff report: " + r.phase())
                .line(span(r))
                .line(Span.strong("Gates"), " " + passed(r) + "/" + r.gates().size() + " passed")
                .line(Span.strong("Deliverables"), " " + delivered(r) + "/" + deliverables(r) + " done")
                .line(
                        Span.strong("Success metrics"),
                        " " + met(r.successMetrics()) + "/" + total(r.successMetrics()) + " met")
                .line(
                        Span.strong("Risks"),
                        " " + openRisks(r).size() + " open of " + r.risks().size())
                .line(Span.strong("Incidents"), " " + incidentsLine(r))
                .line(Span.strong("Decisions"), " " + r.decisions().size())
                .line(Span.strong("Standups"), " " + standupsLine(r))
                .line(Span.strong("Handoff"), " " + met(r.handoff()) + "/" + total(r.handoff()) + " done");
        listed(
                doc,
                "Gates not passed",
                r.gates().stream().filter(g -> !g.passed()).toList(),
                g -> Line.of(
                        Symbol.OPEN_ITEM,
                        " Gate " + g.number() + ": " + g.name() + " · " + g.met() + "/"
                                + g.criteria().size() + " criteria met · " + g.owner()));
        listed(
                doc,
                "Deliverables missing",
                r.tasks().stream()
                        .flatMap(t -> t.missing().stream().map(i -> new TaskItem(t, i)))
                        .toList(),
                ti -> Line.of(
                        Symbol.OPEN_ITEM,
                        " " + ti.task().id() + " " + ti.item().text() + " · "
                                + ti.task().owner() + " · " + status(ti.task())));
        listed(
                doc,
                "Success metrics not met",
                r.successMetrics().stream()
                        .flatMap(g -> g.items().stream().filter(i -> !i.done()).map(i -> new GroupItem(g, i)))
                        .toList(),
                gi -> Line.of(
                        Symbol.OPEN_ITEM,
                        " " + gi.group().name() + ": " + gi.item().text()));
        listed(
                doc,
                "Open risks",
                openRisks(r),
                k -> Line.of(Symbol.RISK, " " + k.id() + " " + k.risk() + " · " + k.owner()));
        listed(
                doc,
                "Open incidents",
                r.incidents().openAtEnd(),
                i -> Line.of(Symbol.ALERT, " " + incidentName(i) + (i.raisedBefore() ? " (carried over)" : "")));
        return doc.build();
    }

    // --- the file ---

    /** The report as a file: {@code handoff-<phase>.md}, titled with the phase. */
    public Upload upload(HandoffReport r) {
        return new Upload("handoff-" + slug(r.phase()) + ".md", "Handoff report: " + r.phase(), markdown(r));
    }

    /** Every section in full, as GitHub-flavoured Markdown; anything people typed is escaped. */
    public String markdown(HandoffReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Handoff report: ").append(esc(r.phase())).append("\n\n");
        md.append("- First day: ").append(r.firstDay()).append('\n');
        md.append("- From: ").append(time(r.from())).append('\n');
        md.append(r.ended() ? "- To: " : "- As of: ").append(time(r.to())).append('\n');
        md.append("- Status: ").append(esc(status(r))).append("\n\n");

        md.append("## Summary\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| Gates passed | ")
                .append(passed(r))
                .append('/')
                .append(r.gates().size())
                .append(" |\n");
        md.append("| Deliverables done | ")
                .append(delivered(r))
                .append('/')
                .append(deliverables(r))
                .append(" |\n");
        md.append("| Success metrics met | ")
                .append(met(r.successMetrics()))
                .append('/')
                .append(total(r.successMetrics()))
                .append(" |\n");
        md.append("| Open risks | ")
                .append(openRisks(r).size())
                .append('/')
                .append(r.risks().size())
                .append(" |\n");
        md.append("| Incidents | ").append(esc(incidentsLine(r))).append(" |\n");
        md.append("| Decisions | ").append(r.decisions().size()).append(" |\n");
        md.append("| Standups | ").append(esc(standupsLine(r))).append(" |\n");
        md.append("| Handoff done | ")
                .append(met(r.handoff()))
                .append('/')
                .append(total(r.handoff()))
                .append(" |\n\n");

        md.append("## Quality gates\n\n");
        if (r.gates().isEmpty()) {
            md.append("None.\n\n");
        }
        for (Gate g : r.gates()) {
            md.append("### Gate ")
                    .append(g.number())
                    .append(": ")
                    .append(esc(g.name()))
                    .append(g.passed() ? " — passed" : " — not passed")
                    .append("\n\n");
            md.append("Owner: ").append(esc(g.owner()));
            if (g.passed()) {
                md.append(" · passed ")
                        .append(time(g.passedAt()))
                        .append(" by ")
                        .append(esc(g.passedBy()));
            }
            md.append(" · ")
                    .append(g.met())
                    .append('/')
                    .append(g.criteria().size())
                    .append(" criteria met\n\n");
            checklist(md, g.criteria());
        }

        md.append("## Tasks and deliverables\n\n");
        if (r.tasks().isEmpty()) {
            md.append("None.\n\n");
        } else {
            md.append("| Task | Title | Owner | Status | Delivered | Missing |\n|---|---|---|---|---|---|\n");
            for (Task t : r.tasks()) {
                md.append("| ")
                        .append(esc(t.id()))
                        .append(" | ")
                        .append(esc(t.title()))
                        .append(" | ")
                        .append(esc(t.owner()))
                        .append(" | ")
                        .append(esc(status(t)))
                        .append(" | ")
                        .append(texts(t.delivered()))
                        .append(" | ")
                        .append(texts(t.missing()))
                        .append(" |\n");
            }
            md.append('\n');
        }

        groups(md, "Success metrics", "met", r.successMetrics());

        md.append("## Risks\n\n");
        if (r.risks().isEmpty()) {
            md.append("None.\n\n");
        } else {
            md.append("| Id | Risk | Mitigation | Owner | State |\n|---|---|---|---|---|\n");
            for (Risk k : r.risks()) {
                md.append("| ")
                        .append(esc(k.id()))
                        .append(" | ")
                        .append(esc(k.risk()))
                        .append(" | ")
                        .append(esc(k.mitigation()))
                        .append(" | ")
                        .append(esc(k.owner()))
                        .append(" | ")
                        .append(
                                k.open()
                                        ? "open"
                                        : "closed " + time(k.closedAt()) + " by " + esc(k.closedBy()) + ": "
                                                + esc(k.closedWhy()))
                        .append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Incidents\n\n");
        md.append(esc(incidentsLine(r))).append(".\n\n");
        if (!r.incidents().list().isEmpty()) {
            md.append("| Incident | Severity | Raised | Time to act | State | Deadlines missed |\n"
                    + "|---|---|---|---|---|---|\n");
            for (Incident i : r.incidents().list()) {
                md.append("| ")
                        .append(esc(incidentTitle(i)))
                        .append(" | ")
                        .append(i.severity())
                        .append(" | ")
                        .append(time(i.raisedAt()))
                        .append(i.raisedBefore() ? " (before the phase)" : "")
                        .append(" | ")
                        .append(i.timeToAct() == null ? "not acknowledged" : Times.duration(i.timeToAct()))
                        .append(" | ")
                        .append(i.openAtEnd() ? "open" : "closed " + time(i.closedAt()))
                        .append(" | ")
                        .append(
                                i.missed().isEmpty()
                                        ? "none"
                                        : i.missed().stream()
                                                .map(m -> esc(m.milestone()) + " by " + Times.duration(m.by())
                                                        + (m.met() ? "" : " (not met)"))
                                                .collect(Collectors.joining("; ")))
                        .append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Decisions\n\n");
        if (r.decisions().isEmpty()) {
            md.append("None recorded.\n\n");
        }
        for (HandoffReport.Decision d : r.decisions()) {
            md.append("- ")
                    .append(time(d.at()))
                    .append(" · ")
                    .append(esc(d.agent()))
                    .append(": ")
                    .append(esc(d.text()))
                    .append('\n');
        }
        if (!r.decisions().isEmpty()) {
            md.append('\n');
        }

        md.append("## Metrics against baseline\n\n");
        if (r.metrics().isEmpty()) {
            md.append("None recorded.\n\n");
        } else {
            md.append("| Metric | Baseline | Last value | Change | |\n|---|---|---|---|---|\n");
            for (Metric m : r.metrics()) {
                String unit = m.unit() == null ? "" : " " + esc(m.unit());
                md.append("| ")
                        .append(esc(m.name()))
                        .append(" | ")
                        .append(number(m.baseline()))
                        .append(unit)
                        .append(" | ")
                        .append(number(m.latest()))
                        .append(unit)
                        .append(" | ")
                        .append(
                                m.changePercent() == null
                                        ? "n/a"
                                        : String.format(Locale.ROOT, "%+.1f%%", m.changePercent()))
                        .append(" | ")
                        .append(m.trend().name().toLowerCase(Locale.ROOT))
                        .append(m.lowerIsBetter() ? " (lower is better)" : " (higher is better)")
                        .append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Standup participation\n\n");
        md.append(r.standups().held()).append(" standups held.\n\n");
        if (!r.standups().agents().isEmpty()) {
            md.append("| Agent | Updates posted |\n|---|---|\n");
            for (HandoffReport.Participant p : r.standups().agents()) {
                md.append("| ")
                        .append(esc(p.agent()))
                        .append(" | ")
                        .append(p.posted())
                        .append(" of ")
                        .append(r.standups().held())
                        .append(" |\n");
            }
            md.append('\n');
        }

        groups(md, "Handoff checklist", "done", r.handoff());
        return md.toString();
    }

    // --- shared wording ---

    private record TaskItem(Task task, Item item) {}

    private record GroupItem(Group group, Item item) {}

    private static <T> void listed(Doc.Builder doc, String title, List<T> items, Function<T, Line> line) {
        if (items.isEmpty()) {
            return;
        }
        List<Line> lines =
                new ArrayList<>(items.stream().limit(MAX_LISTED).map(line).toList());
        if (items.size() > MAX_LISTED) {
            lines.add(Line.of(Span.aside("… and " + (items.size() - MAX_LISTED) + " more in the report file")));
        }
        doc.bullets(Line.of(title + " (" + items.size() + ")"), lines);
    }

    private String span(HandoffReport r) {
        return "First day " + Times.shortDay(r.firstDay()) + " " + r.firstDay().getYear() + " · "
                + (r.ended() ? "to " : "as of ")
                + Times.shortDay(r.to().atZone(zone).toLocalDate()) + " "
                + Times.clockWithZone(r.to(), zone) + " · " + status(r);
    }

    private static String status(HandoffReport r) {
        Ending e = r.ending();
        if (e == null) {
            return "open";
        }
        String how = e.how() == Ending.How.CLOSED ? "closed" : "superseded";
        return how
                + (e.by() == null ? "" : " by " + e.by())
                + (e.reason() == null || e.reason().isBlank() ? "" : ": " + e.reason());
    }

    private static String status(Task t) {
        return switch (t.status()) {
            case "done" -> "done";
            case "in_progress" -> "in progress";
            default -> "not started";
        };
    }

    private static String incidentsLine(HandoffReport r) {
        HandoffReport.Incidents i = r.incidents();
        long carried = i.list().stream().filter(Incident::raisedBefore).count();
        return i.raised() + " raised"
                + (i.medianTimeToAct() == null ? "" : ", median time to act " + Times.duration(i.medianTimeToAct()))
                // A running phase's report is "as of" now: it has no end yet.
                + ", " + i.openAtEnd().size() + (r.ended() ? " open at the end" : " open now")
                + (carried == 0 ? "" : ", " + carried + " carried over from before");
    }

    private static String standupsLine(HandoffReport r) {
        HandoffReport.Standups s = r.standups();
        if (s.held() == 0) {
            return "none held";
        }
        long posts =
                s.agents().stream().mapToLong(HandoffReport.Participant::posted).sum();
        long slots = (long) s.held() * s.agents().size();
        return s.held() + " held, " + posts + (posts == 1 ? " update of " : " updates of ") + slots + " expected";
    }

    /** "#3 HIGH Pipeline outage"; a security incident by number only. */
    private static String incidentName(Incident i) {
        return "#" + i.id() + " " + i.severity() + " " + title(i);
    }

    /** "#3 Pipeline outage": for the file's table, whose next column gives the severity. */
    private static String incidentTitle(Incident i) {
        return "#" + i.id() + " " + title(i);
    }

    private static String title(Incident i) {
        return i.title() == null ? "security incident (details in the security channel)" : i.title();
    }

    private static long passed(HandoffReport r) {
        return r.gates().stream().filter(Gate::passed).count();
    }

    private static long delivered(HandoffReport r) {
        return r.tasks().stream().mapToLong(t -> t.delivered().size()).sum();
    }

    private static long deliverables(HandoffReport r) {
        return r.tasks().stream().mapToLong(t -> t.deliverables().size()).sum();
    }

    private static long met(List<Group> groups) {
        return groups.stream().mapToLong(Group::met).sum();
    }

    private static long total(List<Group> groups) {
        return groups.stream().mapToLong(Group::total).sum();
    }

    private static List<Risk> openRisks(HandoffReport r) {
        return r.risks().stream().filter(Risk::open).toList();
    }

    private void groups(StringBuilder md, String title, String doneWord, List<Group> groups) {
        md.append("## ").append(title).append("\n\n");
        if (groups.isEmpty()) {
            md.append("None.\n\n");
        }
        for (Group g : groups) {
            md.append("### ")
                    .append(esc(g.name()))
                    .append(": ")
                    .append(g.met())
                    .append('/')
                    .append(g.total())
                    .append(' ')
                    .append(doneWord)
                    .append("\n\n");
            checklist(md, g.items());
        }
    }

    private void checklist(StringBuilder md, List<Item> items) {
        for (Item i : items) {
            md.append(i.done() ? "- [x] " : "- [ ] ").append(esc(i.text()));
            if (i.done()) {
                md.append(" (")
                        .append(esc(i.doneBy()))
                        .append(", ")
                        .append(time(i.doneAt()))
                        .append(')');
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static String texts(List<Item> items) {
        return items.isEmpty() ? "—" : items.stream().map(i -> esc(i.text())).collect(Collectors.joining("; "));
    }

    private String time(Instant at) {
        return at == null ? "—" : fileTime.format(at);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }

    /**
     * Text people typed, made inert in Markdown: a {@code |} would end a table cell, {@code *} or
     * {@code _} start emphasis, {@code <} a tag, {@code [} a link, a newline a new block. Each is
     * backslash-escaped (GitHub shows the character itself); line breaks become spaces.
     */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~' ->
                    out.append('\\').append(c);
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** "phase-2-security-hardening": the phase's name as a file name part. */
    static String slug(String phase) {
        String slug = phase == null
                ? ""
                : phase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "phase" : slug;
    }
}
