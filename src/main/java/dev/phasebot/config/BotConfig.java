package dev.phasebot.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole of {@code bot-config.yml}: who the agents are, where messages go, when the
 * meetings happen, how CRITICAL incidents escalate and the plan itself. Immutable; built
 * only by {@link ConfigLoader}, which has already checked every cross-reference.
 */
public record BotConfig(
        PhaseSettings phase,
        List<Team> teams,
        List<Agent> agents,
        Map<String, ChannelSpec> channels,
        StandupSettings standup,
        ReviewSettings review,
        EscalationPolicy escalation,
        PlanSpec plan,
        OnCallPlan oncall,
        PagingConfig paging) {

    public BotConfig {
        agents = AgentList.of(agents);
        // Optional: without a rotation a role is the plan's fixed person.
        oncall = oncall == null ? OnCallPlan.none() : oncall;
        // Optional too: without it no PagerDuty user is mapped by config.
        paging = paging == null ? PagingConfig.none() : paging;
    }

    /**
     * The same config with the phase starting on {@code day}: the effective first day when the
     * file leaves {@code phase.start} out (see {@code PhaseStart}), so every reader of
     * {@code phase().start()} sees the same day.
     */
    public BotConfig withPhaseStart(java.time.LocalDate day) {
        return new BotConfig(
                new PhaseSettings(phase.name(), day, phase.zone(), phase.docs()),
                teams,
                agents,
                channels,
                standup,
                review,
                escalation,
                plan,
                oncall,
                paging);
    }

    public Optional<Agent> agent(String id) {
        int place = ((AgentList) agents).placeOf(id);
        return place < 0 ? Optional.empty() : Optional.of(agents.get(place));
    }

    public Agent lead() {
        return agents.stream().filter(Agent::lead).findFirst().orElseThrow();
    }

    /** Priority rank of an agent: its team's place in the priority order, then its own place. */
    public int rank(String agentId) {
        int place = ((AgentList) agents).placeOf(agentId);
        return place < 0 ? Integer.MAX_VALUE : teamIndex(agents.get(place).team()) * 1000 + place;
    }

    public boolean isSecurityTeam(String agentId) {
        return agent(agentId)
                .map(a -> teams.stream().anyMatch(t -> t.name().equals(a.team()) && t.security()))
                .orElse(false);
    }

    /**
     * Whether an agent may read security details: one of the security channel's listed
     * {@code members}, or, when none are listed, the security team and the lead. The security
     * channel is the one security incidents go to ({@code escalation.security_channel}).
     */
    public boolean maySeeSecurityDetails(String agentId) {
        List<String> members = channel(escalation.securityChannel()).members();
        if (!members.isEmpty()) {
            return members.contains(agentId);
        }
        return isSecurityTeam(agentId) || agent(agentId).map(Agent::lead).orElse(false);
    }

    public ChannelSpec channel(String role) {
        ChannelSpec spec = channels.get(role);
        if (spec == null) {
            throw new IllegalArgumentException("no channel role " + role);
        }
        return spec;
    }

    private int teamIndex(String team) {
        for (int i = 0; i < teams.size(); i++) {
            if (teams.get(i).name().equals(team)) {
                return i;
            }
        }
        return teams.size();
    }
}
