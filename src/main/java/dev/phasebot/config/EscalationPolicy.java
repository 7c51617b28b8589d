package dev.phasebot.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How a CRITICAL incident escalates: milestones in increasing order of their due offsets,
 * the channel roles for security and other incidents, and who is paged last.
 */
public record EscalationPolicy(
        String securityChannel,
        String defaultChannel,
        String contact,
        boolean assigneeMayResolve,
        List<Milestone> milestones) {

    /** One deadline of the clock and what meets it. */
    public record Milestone(
            String name,
            java.time.Duration due,
            String act,
            @JsonProperty("notify") String notifies,
            Repeat repeat) {}

    /** Repeats of a missed milestone's notice while it stays overdue. */
    public record Repeat(java.time.Duration every, int max) {}

    public static final List<String> ACTS =
            List.of("acknowledgement", "assessment", "mitigation_plan", "implementation", "escalation");
    public static final List<String> NOTIFY = List.of("assignee", "owner", "lead", "contact");
}
