package dev.phasebot.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/** The weekly technical review: when, how long, where, and the plan's agenda headings. */
public record ReviewSettings(
        String channel,
        DayOfWeek day,
        LocalTime time,
        Duration duration,
        Duration agendaBefore,
        String leader,
        List<String> agenda) {}
