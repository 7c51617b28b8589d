package dev.phasebot.oncall;

import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** How {@code /oncall} reads: each role's person, and for a rotation until when and who is next, in the phase's zone. */
public final class OnCallDocs {

    private final ZoneId zone;

    public OnCallDocs(ZoneId zone) {
        this.zone = zone;
    }

    /** @param labels how each role is named ({@link OnCall#label}) */
    public Doc doc(List<Shift> shifts, java.util.function.UnaryOperator<String> labels, Instant now) {
        return Doc.builder()
                .heading("On call")
                .context(Times.dayAndClock(now, zone, now))
                .bullets(
                        Line.of("Who is paged, per role"),
                        shifts.stream()
                                .map(s -> line(s, labels.apply(s.role()), now))
                                .toList())
                .build();
    }

    /** "lead: qa-engineer since Mon 26 Oct 09:00 EDT, until Mon 2 Nov 09:00 EST (in 3 d), then ml-engineer". */
    private Line line(Shift shift, String label, Instant now) {
        if (shift.cover() != null) {
            // "contact: software-architect covering for devops-engineer until Tue 24 Nov 11:00 EST (in 2 h; override
            // #1), then devops-engineer".
            Cover cover = shift.cover();
            return Line.of(
                    Span.strong(label),
                    ": " + cover.agent() + " covering for " + shift.person() + " until "
                            + Times.dayAndClock(cover.endsAt(), zone, now) + " (in "
                            + Times.duration(Duration.between(now, cover.endsAt())) + "; override #" + cover.id()
                            + "), then " + shift.afterCover());
        }
        Line line = Line.of(Span.strong(label), ": " + shift.person());
        if (!shift.rotates()) {
            return line.plus(" (fixed, no rotation)");
        }
        return line.plus(" since " + Times.dayAndClock(shift.since(), zone, now)
                + ", until " + Times.dayAndClock(shift.until(), zone, now)
                + " (in " + Times.duration(Duration.between(now, shift.until())) + ")"
                + ", then " + shift.next());
    }

    /** The answer to an override: what the coordination channel is told too, and how to end it. */
    public Doc started(Cover cover, Instant now) {
        return Doc.of(
                cover.agent() + " covers " + cover.role() + " until " + Times.dayAndClock(cover.endsAt(), zone, now)
                        + " (override #" + cover.id() + "). ",
                Span.code("/oncall override cancel " + cover.id()),
                " ends it early.");
    }

    public Doc cancelled(Cover cover, String by) {
        return Doc.of("Override #" + cover.id() + " (" + cover.agent() + " covering " + cover.role()
                + ") is cancelled by " + by + ".");
    }

    /** "#1 contact: software-architect until Tue 24 Nov 11:00 EST (by senior-system-developer)", one line each. */
    public Doc list(List<Cover> covers, Instant now) {
        if (covers.isEmpty()) {
            return Doc.of(
                    "No override is running or to come. ", Span.code(OnCallCommands.OVERRIDE_USAGE), " starts one.");
        }
        return Doc.builder()
                .bullets(
                        Line.of("On-call overrides"),
                        covers.stream()
                                .map(c -> Line.of(
                                        "#" + c.id() + " ",
                                        Span.strong(c.role()),
                                        ": " + c.agent()
                                                + (c.startsAt().isAfter(now)
                                                        ? " from " + Times.dayAndClock(c.startsAt(), zone, now)
                                                        : "")
                                                + " until " + Times.dayAndClock(c.endsAt(), zone, now) + " (by "
                                                + c.createdBy() + ")"))
                                .toList())
                .build();
    }
}
