package dev.phasebot.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** A clock tests move by hand: time only passes when a test says so. */
public final class SettableClock extends Clock {

    private volatile Instant now;
    private final ZoneId zone;

    public SettableClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    /** A clock at a wall-clock time in New York, the shipped plan's zone. */
    public static SettableClock newYork(String localDateTime) {
        ZoneId zone = ZoneId.of("America/New_York");
        return new SettableClock(
                ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), zone)
                        .toInstant(),
                zone);
    }

    public void set(Instant instant) {
        this.now = instant;
    }

    /** Moves to a wall-clock time in this clock's zone. */
    public void setLocal(String localDateTime) {
        this.now = ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), zone)
                .toInstant();
    }

    /**
     * Moves to {@code time} ("09:04" or "09:04:30") on the day it is now in this clock's zone, the
     * plan's zone; a full local date-time ("2026-11-25T09:04") moves to that day as {@link
     * #setLocal} does.
     */
    public void at(String time) {
        if (time.contains("T")) {
            setLocal(time);
            return;
        }
        java.time.LocalDate today = now.atZone(zone).toLocalDate();
        this.now =
                ZonedDateTime.of(today, java.time.LocalTime.parse(time), zone).toInstant();
    }

    public void tick(Duration duration) {
        this.now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new SettableClock(now, zone);
    }
}
