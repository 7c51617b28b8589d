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

    public Doc doc(List<Shift> shifts, Instant now) {
        return Doc.builder()
                .heading("On call")
                .context(Times.dayAndClock(now, zone, now))
                .bullets(
                        Line.of("Who is paged, per role"),
                        shifts.stream().map(s -> line(s, now)).toList())
                .build();
    }

    /** "lead: qa-engineer since Mon 26 Oct 09:00 EDT, until Mon 2 Nov 09:00 EST (in 3 d), then ml-engineer". */
    private Line line(Shift shift, Instant now) {
        Line line = Line.of(Span.strong(shift.role()), ": " + shift.person());
        if (!shift.rotates()) {
            return line.plus(" (fixed, no rotation)");
        }
        return line.plus(" since " + Times.dayAndClock(shift.since(), zone, now)
                + ", until " + Times.dayAndClock(shift.until(), zone, now)
                + " (in " + Times.duration(Duration.between(now, shift.until())) + ")"
                + ", then " + shift.next());
    }
}
