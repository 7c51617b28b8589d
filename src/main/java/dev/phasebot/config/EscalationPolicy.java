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
        List<Milestone> milestones,
        IncidentChannel incidentChannel,
        java.util.Map<String, java.time.Duration> statusEvery) {

    public EscalationPolicy {
        statusEvery = statusEvery == null
                ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(statusEvery));
    }

    /** Without {@code status_every}: nobody is reminded to post stakeholder updates. */
    public EscalationPolicy(
            String securityChannel,
            String defaultChannel,
            String contact,
            boolean assigneeMayResolve,
            List<Milestone> milestones,
            IncidentChannel incidentChannel) {
        this(securityChannel, defaultChannel, contact, assigneeMayResolve, milestones, incidentChannel, null);
    }

    /**
     * How often an open incident of {@code severity} needs a stakeholder update
     * ({@code escalation.status_every}); empty: no reminders at that severity.
     */
    public java.util.Optional<java.time.Duration> statusEvery(String severity) {
        return java.util.Optional.ofNullable(statusEvery.get(severity));
    }

    /** Without {@code incident_channel}: no room per incident, the card in the channel only, as before. */
    public EscalationPolicy(
            String securityChannel,
            String defaultChannel,
            String contact,
            boolean assigneeMayResolve,
            List<Milestone> milestones) {
        this(securityChannel, defaultChannel, contact, assigneeMayResolve, milestones, null, null);
    }

    /** Whether each CRITICAL incident gets a Slack channel of its own (a room). */
    public boolean roomsOn() {
        return incidentChannel != null;
    }

    /**
     * A room per CRITICAL incident ({@code escalation.incident_channel}), archived
     * {@code archiveAfter} after the incident is resolved or cancelled.
     */
    public record IncidentChannel(java.time.Duration archiveAfter) {

        /** A day: long enough to read the room's last words, short enough not to crowd the sidebar. */
        public static final java.time.Duration DEFAULT_ARCHIVE_AFTER = java.time.Duration.ofHours(24);
        /** Below this a room could be archived before its last messages reach it. */
        public static final java.time.Duration MIN_ARCHIVE_AFTER = java.time.Duration.ofSeconds(5);

        public IncidentChannel {
            archiveAfter = archiveAfter == null ? DEFAULT_ARCHIVE_AFTER : archiveAfter;
        }
    }

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
