package dev.phasebot.incident;

import dev.phasebot.config.BotConfig;
import dev.phasebot.incident.IncidentResult.ActOutcome;
import dev.phasebot.incident.IncidentResult.Assignment;
import dev.phasebot.incident.IncidentResult.Cancellation;
import dev.phasebot.incident.IncidentResult.Deadline;
import dev.phasebot.incident.IncidentResult.Resolution;
import dev.phasebot.incident.IncidentResult.SeverityChange;
import dev.phasebot.message.Block;
import dev.phasebot.message.Block.Button;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Page;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import dev.phasebot.message.Times;
import dev.phasebot.oncall.OnCall;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How incident messages read, in one place: the card, the notices and pages, what may be
 * said where the details may not go, and the answer to each change ({@link #answer}). User text goes in raw; each surface escapes its own way.
 * The post-incident summary, list and show are in {@link IncidentReportDocs}.
 */
public final class IncidentDocs {

    private final BotConfig config;
    private final ZoneId zone;

    /** Null: the lead named is the plan's fixed one. */
    private final OnCall onCall;

    public IncidentDocs(BotConfig config) {
        this(config, null);
    }

    /** Names the lead on call as the card is built (a rotation's or an override's person). */
    public IncidentDocs(BotConfig config, OnCall onCall) {
        this.config = config;
        this.zone = config.phase().zone();
        this.onCall = onCall;
    }

    /** The card: posted to the incident's channel and updated in place as it changes. */
    public Doc card(Incident i, List<Milestone> milestones, Instant now) {
        return card(i, milestones, now, null, true);
    }

    /** The card in a DM, after a line saying why it came ({@code "You are needed on this incident."}). */
    Doc card(Incident i, List<Milestone> milestones, Instant now, String intro) {
        return card(i, milestones, now, intro, true);
    }

    Doc card(Incident i, List<Milestone> milestones, Instant now, String intro, boolean withButtons) {
        Doc.Builder doc = Doc.builder();
        if (intro != null) {
            doc.line(intro);
        }
        doc.heading(
                i.cancelled() ? Symbol.CANCELLED : i.resolved() ? Symbol.DONE : Symbol.ALERT,
                " ",
                i.severity() + " incident #" + i.id() + ": " + i.title() + (i.security() ? " · security" : ""));
        if (i.cancelled()) {
            doc.line(
                    Span.strong("Cancelled:"),
                    " " + i.cancelReason() + " (by " + i.cancelledBy() + " at " + clock(i.cancelledAt()) + ")");
        }
        List<Block.Field> fields = new ArrayList<>(List.of(
                new Block.Field("Raised by", Line.of(i.raisedBy())),
                new Block.Field("Area owner", Line.of(i.owner())),
                new Block.Field("Assignee", Line.of(i.assignee()))));
        if (i.affects() != null) {
            fields.add(new Block.Field("Affects", Line.of(Span.code(i.affects()))));
        }
        fields.add(
                new Block.Field("Commander", Line.of(i.commanderOr(config.lead().id()))));
        if (i.communications() != null) {
            fields.add(new Block.Field("Comms", Line.of(i.communications())));
        }
        if (i.room() != null) {
            // By its link only: a security room's name carries title words.
            fields.add(new Block.Field("Room", Line.of(Span.slackChannel(i.room()))));
        }
        doc.fields(fields);
        if (milestones.isEmpty()) {
            doc.line(Span.aside("Not CRITICAL: no escalation clock."));
        } else {
            doc.bullets(
                    Line.of("Deadlines"),
                    milestones.stream().map(m -> deadline(i, m, now)).toList());
        }
        if (!i.closed()) {
            doc.line(Span.strong("Must act:"), " " + String.join(", ", mustAct(i, now)));
        }
        if (i.description() != null && !i.description().isBlank()) {
            doc.line(i.description());
        }
        List<String> when = new ArrayList<>(List.of("Raised at " + clock(i.raisedAt())));
        if (i.acknowledgedAt() != null) {
            when.add("acknowledged by " + i.acknowledgedBy() + " at " + clock(i.acknowledgedAt()));
        }
        if (i.resolved()) {
            when.add("resolved by " + i.resolvedBy() + " at " + clock(i.resolvedAt()));
        }
        doc.context(String.join(" · ", when));
        return withButtons ? doc.actions(buttons(i)).build() : doc.build();
    }

    private Line deadline(Incident i, Milestone m, Instant now) {
        Line line = Line.of(m.name() + " by " + clock(m.dueAt()) + ": ");
        if (m.isMet()) {
            line = line.plus(Symbol.DONE, " met at " + clock(m.metAt()) + " by " + m.metBy());
            return m.metAt().isAfter(m.dueAt())
                    ? line.plus(
                            " ", Span.aside("(" + Times.duration(Duration.between(m.dueAt(), m.metAt())) + " late)"))
                    : line;
        }
        if (i.closed() && i.closedAt().isBefore(m.dueAt())) {
            return line.plus(
                    Span.aside(i.cancelled() ? "not needed (cancelled)" : "not needed (resolved before it was due)"));
        }
        if (!now.isBefore(m.dueAt())) {
            return line.plus(Symbol.MISSED, " missed");
        }
        return line.plus("due in " + Times.duration(Duration.between(now, m.dueAt())));
    }

    /** What a reader may do on an open incident's card; the console shows the command instead. */
    public List<Button> buttons(Incident i) {
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

    List<String> mustAct(Incident i, Instant now) {
        Set<String> who = new LinkedHashSet<>();
        who.add(i.assignee() + " (assignee)");
        if (!i.owner().equals(i.assignee())) {
            who.add(i.owner() + " (area owner)");
        }
        // Paged as lead: whoever is on call for it now; permissions stay with the plan's lead (IncidentGuard).
        String lead = onCall == null ? config.lead().id() : onCall.personAt("lead", now);
        if (!lead.equals(i.assignee()) && !lead.equals(i.owner())) {
            who.add(lead + " (lead)");
        }
        return new ArrayList<>(who);
    }

    /** What may be said where the details may not: that it exists, its id and its state. */
    public Doc redacted(Incident i) {
        return Doc.of(
                i.closed() ? Symbol.DONE : Symbol.ALERT,
                " A " + i.severity() + " security incident (#" + i.id()
                        + ") is " + (i.cancelled() ? "cancelled (raised in error)" : i.resolved() ? "resolved" : "open")
                        + ". Its details are in the private security channel.");
    }

    /** To those paged for it: they may stand down. */
    Doc cancelledNotice(Incident i) {
        return Doc.of(
                Symbol.CANCELLED,
                " Incident #" + i.id() + " (" + i.title() + ") was cancelled by "
                        + i.cancelledBy() + " at " + clock(i.cancelledAt()) + ": " + i.cancelReason()
                        + ". You are no longer needed on it.");
    }

    Doc severityChanged(Incident i, String was, String by, SeverityChange.Clock change, List<Deadline> deadlines) {
        return Doc.of(
                Symbol.CHANGED,
                " Incident #" + i.id() + " is now " + i.severity() + " (was " + was + "), set by " + by + ": "
                        + clockNote(change, deadlines) + ".");
    }

    /** What a change of severity did to the clock, in words: "the escalation clock stopped". */
    public String clockNote(SeverityChange.Clock change, List<Deadline> deadlines) {
        return switch (change) {
            case STOPPED -> "the escalation clock stopped";
            case NONE_RUNNING -> "no clock was running";
            case BELOW_CRITICAL -> "no clock runs below CRITICAL";
            case ALL_MET -> "every deadline was already met";
            case STARTED -> "the clock runs from now: " + deadlines(deadlines);
            case UNCHANGED -> "nothing changed";
        };
    }

    /** "technical assessment by 10:30 EST, mitigation plan by 11:00 EST". */
    public String deadlines(List<Deadline> deadlines) {
        return String.join(
                ", ",
                deadlines.stream().map(d -> d.name() + " by " + clock(d.due())).toList());
    }

    Doc escalated(Incident i, String by, String why) {
        return Doc.of(Symbol.ANNOUNCE, " Incident #" + i.id() + " was escalated by " + by + ": " + why);
    }

    /**
     * What the one who made a change is told: one wording per kind of {@link IncidentResult}.
     * Java 17 cannot check a switch over the sealed kinds as exhaustive, so a test walks them
     * all and a kind without wording fails here.
     */
    public Doc answer(IncidentResult result) {
        if (result instanceof IncidentResult.Raised raised) {
            return raised(raised);
        }
        if (result instanceof ActOutcome outcome) {
            return acted(outcome);
        }
        if (result instanceof Assignment assignment) {
            return assigned(assignment);
        }
        if (result instanceof Resolution resolution) {
            return Doc.of("Incident #" + resolution.id() + " resolved; the post-incident summary is on its way to "
                    + resolution.channel() + ".");
        }
        if (result instanceof Cancellation cancellation) {
            return Doc.of("Incident #" + cancellation.id() + " is cancelled (" + cancellation.reason()
                    + "): its timers stopped and the weekly review will leave it out.");
        }
        if (result instanceof SeverityChange change) {
            return severity(change);
        }
        throw new IllegalArgumentException("no wording for " + result.getClass().getName());
    }

    private Doc raised(IncidentResult.Raised r) {
        return Doc.of("Incident #" + r.id() + " raised (" + r.severity() + (r.security() ? ", security" : "")
                + ") and posted to " + r.channel() + "."
                + (r.deadlines().isEmpty() ? "" : " Deadlines: " + deadlines(r.deadlines()) + "."));
    }

    private Doc acted(ActOutcome outcome) {
        long id = outcome.id();
        if (outcome instanceof ActOutcome.AlreadyDone done) {
            return Doc.of(
                    done.milestone() == null
                            ? "Incident #" + id + " was already acknowledged by " + done.by() + " at "
                                    + clock(done.at()) + "; nothing was posted."
                            : "Incident #" + id + ": the " + done.milestone() + " was already recorded by " + done.by()
                                    + " at " + clock(done.at()) + " with that text; nothing was posted.");
        }
        if (outcome instanceof ActOutcome.Updated updated) {
            return Doc.of("Incident #" + id + ": " + updated.milestone() + " updated (first recorded by "
                    + updated.firstBy() + " at " + clock(updated.firstAt()) + ").");
        }
        if (outcome instanceof ActOutcome.Recorded recorded) {
            if (recorded.milestone() == null) {
                return Doc.of("Incident #" + id + ": " + recorded.act().pastTense() + ".");
            }
            return Doc.of("Incident #" + id + ": " + recorded.milestone() + " recorded"
                    + (recorded.late() == null
                            ? ", within its deadline."
                            : " (" + Times.duration(recorded.late()) + " after its deadline)."));
        }
        throw new IllegalArgumentException(
                "no wording for " + outcome.getClass().getName());
    }

    private Doc assigned(Assignment a) {
        return Doc.of(
                a.changed()
                        ? "Incident #" + a.id() + " is now assigned to " + a.assignee() + "."
                        : "Incident #" + a.id() + " is already assigned to " + a.assignee() + "; nothing was posted.");
    }

    private Doc severity(SeverityChange s) {
        return Doc.of(
                s.changed()
                        ? "Incident #" + s.id() + " is now " + s.level() + " (was " + s.was() + "): "
                                + clockNote(s.clock(), s.deadlines()) + "."
                        : "Incident #" + s.id() + " is already " + s.level() + "; nothing changed.");
    }

    /** A missed deadline, or a reminder of it: to the incident's channel and whoever is paged. */
    Doc notice(
            Incident i,
            Milestone m,
            int attempt,
            int maxRepeats,
            Instant now,
            Duration late,
            String target,
            String notify) {
        Duration overdue = Duration.between(m.dueAt(), now);
        Line line;
        if (attempt == 0) {
            line = Line.of(
                    Symbol.WARNING,
                    " ",
                    Span.strong("Incident #" + i.id() + " missed its " + m.name() + " deadline"),
                    " (due " + clock(m.dueAt()) + ")"
                            + (overdue.toMinutes() >= 1 ? ", " + Times.duration(overdue) + " ago" : "") + ".");
        } else {
            line = Line.of(
                    Symbol.WARNING,
                    " ",
                    Span.strong("Incident #" + i.id() + " still has no " + m.name()),
                    ": " + Times.duration(overdue) + " overdue (reminder " + attempt + " of " + maxRepeats + ").");
        }
        line = line.plus(" Paging ", Span.strong(target), " (" + notify + ").");
        if (Times.isNoticeablyLate(late)) {
            line = line.plus(
                    " ", Span.aside("(sent " + Times.lateness(late) + " late: phasebot was offline or held up)"));
        }
        return Doc.builder().line(line).build();
    }

    /**
     * A page where the details may not go: that it is one, why, and where the details are.
     * "You are paged on CRITICAL security incident #1: technical assessment missed by 5 min.
     * Details are in #alphapy-security; ask senior-system-developer for access."
     */
    Doc redactedPage(Incident i, String why, boolean toChannel) {
        return Doc.of(
                Symbol.ALERT,
                " " + (toChannel ? "This channel is" : "You are") + " paged on " + i.severity()
                        + " security incident #" + i.id() + ": " + why + ". Details are in "
                        + config.channel(config.escalation().securityChannel()).name() + "; ask "
                        + config.lead().id()
                        + " for access.");
    }

    /** The page at the raise (or on becoming CRITICAL): the first milestone and its deadline. */
    Page raisedPage(Incident i, Milestone first, String person, String where, Instant now) {
        return page(i, Page.Event.PAGE, first, person, where, now, first.name() + " due " + clock(first.dueAt()));
    }

    /** The page for a missed milestone, or for its {@code attempt}th reminder. */
    Page missedPage(Incident i, Milestone m, int attempt, String person, String where, Instant now) {
        return page(
                i,
                Page.Event.PAGE,
                m,
                person,
                where,
                now,
                m.name() + " missed (due " + clock(m.dueAt()) + ")" + (attempt == 0 ? "" : ", reminder " + attempt));
    }

    /** The page {@code /incident escalate} makes; {@code next} is the milestone still open, if any. */
    Page escalatedPage(Incident i, String by, Milestone next, String person, String where, Instant now) {
        return page(
                i,
                Page.Event.PAGE,
                next,
                person,
                where,
                now,
                "escalated by " + by + (next == null ? "" : "; " + next.name() + " due " + clock(next.dueAt())));
    }

    Page acknowledgedPage(Incident i, String by, String where, Instant now) {
        return page(i, Page.Event.ACKNOWLEDGE, null, by, where, now, "acknowledged by " + by);
    }

    Page closedPage(Incident i, String by, String where, Instant now) {
        return page(
                i,
                Page.Event.RESOLVE,
                null,
                by,
                where,
                now,
                (i.cancelled() ? "cancelled (raised in error) by " : "resolved by ") + by);
    }

    /**
     * A page leaves Slack for a phone or a gateway: a security incident's carries nothing of it
     * but its severity and number ("CRITICAL security incident #3, technical assessment due
     * 10:06 EST"), the others their title too. Plain text: pagers show no mrkdwn.
     */
    private Page page(
            Incident i, Page.Event event, Milestone m, String person, String where, Instant now, String what) {
        String name = i.security()
                ? i.severity() + " security incident #" + i.id()
                : i.severity() + " incident #" + i.id() + " \"" + i.title() + "\"";
        return new Page(
                event,
                i.id(),
                i.severity(),
                i.security(),
                i.security() ? null : i.title(),
                m == null ? null : m.name(),
                m == null ? null : m.dueAt(),
                person,
                person == null ? null : config.agent(person).map(a -> a.email()).orElse(null),
                name + ", " + what,
                where,
                // Millisecond precision, as the deadlines are stored.
                now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    String clock(Instant instant) {
        return Times.clockWithZone(instant, zone);
    }

    /** "Tue 19 Aug 10:00 EDT": a moment that may be days or a phase ago. */
    String dayAndClock(Instant instant, Instant now) {
        return Times.dayAndClock(instant, zone, now);
    }
}
