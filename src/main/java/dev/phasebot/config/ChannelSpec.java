package dev.phasebot.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Where a channel role posts. {@code name} is how people know it (#alphapy-phase2); {@code id}
 * (C0123ABCD) is what Slack needs for private channels and is preferred when present. For a
 * private channel, {@code members} are the agents who may see what is said there, and so the
 * only ones who get a security incident's details by DM.
 */
public record ChannelSpec(
        String name, String id, @JsonProperty("private") boolean isPrivate, List<String> members) {

    public ChannelSpec {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** What the Slack Web API takes as {@code channel}. */
    public String address() {
        return id != null && !id.isBlank() ? id : name;
    }
}
