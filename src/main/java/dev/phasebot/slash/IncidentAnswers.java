package dev.phasebot.slash;

import dev.phasebot.config.BotConfig;
import dev.phasebot.incident.ActOutcome;
import dev.phasebot.incident.Assignment;
import dev.phasebot.incident.Cancellation;
import dev.phasebot.incident.IncidentDocs;
import dev.phasebot.incident.IncidentRaised;
import dev.phasebot.incident.Resolution;
import dev.phasebot.incident.SeverityChange;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Times;
import java.time.Instant;

/** What {@code /incident} answers the one who typed it, from what the service did. */
final class IncidentAnswers {

    private final BotConfig config;
    private final IncidentDocs docs;

    IncidentAnswers(BotConfig config, IncidentDocs docs) {
        this.config = config;
        this.docs = docs;
    }

    Doc raised(IncidentRaised r) {
        return Doc.of("Incident #" + r.id() + " raised (" + r.severity() + (r.security() ? ", security" : "")
                + ") and posted to " + r.channel() + "."
                + (r.deadlines().isEmpty() ? "" : " Deadlines: " + docs.deadlines(r.deadlines()) + "."));
    }

    Doc acted(ActOutcome outcome) {
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
        ActOutcome.Recorded recorded = (ActOutcome.Recorded) outcome;
        if (recorded.milestone() == null) {
            return Doc.of("Incident #" + id + ": " + recorded.act().pastTense() + ".");
        }
        return Doc.of("Incident #" + id + ": " + recorded.milestone() + " recorded"
                + (recorded.late() == null
                        ? ", within its deadline."
                        : " (" + Times.duration(recorded.late()) + " after its deadline)."));
    }

    Doc assigned(Assignment a) {
        return Doc.of(
                a.changed()
                        ? "Incident #" + a.id() + " is now assigned to " + a.assignee() + "."
                        : "Incident #" + a.id() + " is already assigned to " + a.assignee() + "; nothing was posted.");
    }

    Doc resolved(Resolution r) {
        return Doc.of(
                "Incident #" + r.id() + " resolved; the post-incident summary is on its way to " + r.channel() + ".");
    }

    Doc cancelled(Cancellation c) {
        return Doc.of("Incident #" + c.id() + " is cancelled (" + c.reason()
                + "): its timers stopped and the weekly review will leave it out.");
    }

    Doc severity(SeverityChange s) {
        return Doc.of(
                s.changed()
                        ? "Incident #" + s.id() + " is now " + s.level() + " (was " + s.was() + "): "
                                + docs.clockNote(s.clock(), s.deadlines()) + "."
                        : "Incident #" + s.id() + " is already " + s.level() + "; nothing changed.");
    }

    private String clock(Instant instant) {
        return Times.clockWithZone(instant, config.phase().zone());
    }
}
