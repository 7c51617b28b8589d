package dev.phasebot.plan;

import dev.phasebot.message.Times;
import java.time.Instant;
import java.time.ZoneId;

/** How the plan's messages say a time, in the phase's zone. */
record PlanTimes(ZoneId zone) {

    /** "Tue 24 Nov 09:14 EST" (with the year when it is not this one). */
    String dayAndClock(Instant at, Instant now) {
        return Times.dayAndClock(at, zone, now);
    }

    /** "at 09:14 EST" today, "on Mon 23 Nov 09:14 EST" another day. */
    String atOrOn(Instant at, Instant now) {
        boolean today = at.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate());
        return today ? "at " + Times.clockWithZone(at, zone) : "on " + dayAndClock(at, now);
    }

    /** "Tue 24 Nov" (with the year when it is not this one). */
    String shortDay(Instant at, Instant now) {
        return Times.shortDay(at.atZone(zone).toLocalDate(), now.atZone(zone).toLocalDate());
    }
}
