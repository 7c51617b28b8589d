package dev.phasebot.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a channel role posts. {@code name} is how people know it (#alphapy-phase2); {@code id}
 * (C0123ABCD) is what Slack needs for private channels and is preferred when present.
 */
public record ChannelSpec(
        String name, String id, @JsonProperty("private") boolean isPrivate) {

    /** What the Slack Web API takes as {@code channel}. */
    public String address() {
        return id != null && !id.isBlank() ? id : name;
    }
}
