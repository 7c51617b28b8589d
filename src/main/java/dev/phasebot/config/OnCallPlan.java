package dev.phasebot.config;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code oncall:} section of bot-config.yml: a rotation per role a milestone notifies
 * ({@code oncall.lead}, {@code oncall.contact}), and per team that shares the duty of its areas
 * ({@code oncall.teams.<team name>}): where one of that team's agents is paged as an incident's
 * area owner, the team's person on call is paged instead.
 *
 * @param roles by role name, in the file's order
 * @param teams by team name, in the file's order
 */
public record OnCallPlan(@JsonAnySetter Map<String, OnCallRotation> roles, Map<String, OnCallRotation> teams) {

    public OnCallPlan {
        roles = roles == null ? Map.of() : new LinkedHashMap<>(roles);
        teams = teams == null ? Map.of() : new LinkedHashMap<>(teams);
    }

    static OnCallPlan none() {
        return new OnCallPlan(Map.of(), Map.of());
    }
}
