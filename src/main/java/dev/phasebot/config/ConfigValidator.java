package dev.phasebot.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks that need more than one key at a time: required keys and cross-references. */
final class ConfigValidator {

    private static final Pattern AGENT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,20}");
    private static final Pattern TASK_ID = Pattern.compile("T[0-9]{1,4}");
    private static final Pattern RISK_ID = Pattern.compile("R[0-9]{1,4}");

    private final String file;
    private final BotConfig config;

    ConfigValidator(String file, BotConfig config) {
        this.file = file;
        this.config = config;
    }

    void validate() {
        required(config.phase(), "phase", "a mapping with name, start, zone and docs");
        required(config.phase().name(), "phase.name", "the phase's name");
        // phase.start may be left out: the phase then starts the day phasebot first runs it (PhaseStart).
        required(config.phase().zone(), "phase.zone", "a time zone id like America/New_York");
        nonEmpty(config.teams(), "teams", "a list of teams in priority order");
        nonEmpty(config.agents(), "agents", "a list of agents");
        required(config.channels(), "channels", "a mapping of channel roles (coordination, architecture, security)");
        validateTeams();
        validateAgents();
        validateChannels();
        validateStandup();
        validateReview();
        validateEscalation();
        validatePlan();
        validatePlanOutlook();
        validateOnCall();
        validatePaging();
    }

    private void validateTeams() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < config.teams().size(); i++) {
            Team team = config.teams().get(i);
            String at = "teams[" + i + "]";
            required(team, at, "a team with a name");
            required(team.name(), at + ".name", "the team's name");
            if (!seen.add(team.name())) {
                fail(at + ".name", "team '" + team.name() + "' is defined twice");
            }
        }
    }

    private void validateAgents() {
        Set<String> teams = new HashSet<>();
        config.teams().forEach(t -> teams.add(t.name()));
        Set<String> seen = new HashSet<>();
        int leads = 0;
        for (int i = 0; i < config.agents().size(); i++) {
            Agent agent = config.agents().get(i);
            String at = "agents[" + i + "]";
            required(agent, at, "an agent with id and team");
            required(agent.id(), at + ".id", "the agent's id like qa-engineer");
            if (!AGENT_ID.matcher(agent.id()).matches()) {
                fail(
                        at + ".id",
                        "expected lowercase letters, digits and dashes like qa-engineer, got '" + agent.id() + "'");
            }
            if (!seen.add(agent.id())) {
                fail(at + ".id", "agent '" + agent.id() + "' is defined twice");
            }
            required(agent.team(), at + ".team", "one of the teams: " + String.join(", ", teams));
            if (!teams.contains(agent.team())) {
                fail(
                        at + ".team",
                        "team '" + agent.team() + "' is not defined under teams (expected one of: "
                                + String.join(", ", teams) + ")");
            }
            if (agent.slackUser() != null
                    && !SLACK_USER.matcher(agent.slackUser()).matches()) {
                fail(at + ".slack_user", "expected a Slack user id like U0123ABCD, got '" + agent.slackUser() + "'");
            }
            if (agent.email() != null && !agent.email().contains("@")) {
                fail(at + ".email", "expected an e-mail address, got '" + agent.email() + "'");
            }
            if (agent.lead()) {
                leads++;
            }
        }
        if (leads != 1) {
            fail("agents", "expected exactly one agent with lead: true, found " + leads);
        }
    }

    private void validateChannels() {
        for (String role : List.of("coordination", "architecture", "security")) {
            if (!config.channels().containsKey(role)) {
                fail("channels." + role, "missing (expected a channel like name: \"#alphapy-phase2\")");
            }
        }
        for (Map.Entry<String, ChannelSpec> e : config.channels().entrySet()) {
            String at = "channels." + e.getKey();
            required(e.getValue(), at, "a channel with a name");
            required(e.getValue().name(), at + ".name", "a channel name like \"#alphapy-phase2\"");
            List<String> members = e.getValue().members();
            for (int i = 0; i < members.size(); i++) {
                agentRef(members.get(i), at + ".members[" + i + "]");
            }
        }
        if (!config.channels().get("security").isPrivate()) {
            fail("channels.security.private", "expected true: security details may only go to a private channel");
        }
    }

    private void validateStandup() {
        StandupSettings s = config.standup();
        required(s, "standup", "a mapping with channel, time, days, window, remind_at");
        channelRole(s.channel(), "standup.channel");
        required(s.time(), "standup.time", "a time of day like 09:00");
        nonEmpty(s.days(), "standup.days", "a list of days like [MONDAY, TUESDAY]");
        positive(s.window(), "standup.window", "an ISO-8601 duration like PT15M");
        if (!(s.remindAt() > 0 && s.remindAt() < 1)) {
            fail(
                    "standup.remind_at",
                    "expected a fraction of the window between 0 and 1 like 0.8, got " + s.remindAt());
        }
        if (s.holidays() == null) {
            fail("standup.holidays", "missing (expected a list of dates like [2026-12-25], or [])");
        }
        oneOf(s.securityUpdate(), StandupSettings.SECURITY_UPDATES, "standup.security_update");
    }

    private void validateReview() {
        ReviewSettings r = config.review();
        required(r, "review", "a mapping with channel, day, time, duration, agenda_before, leader, agenda");
        channelRole(r.channel(), "review.channel");
        required(r.day(), "review.day", "a day of the week like FRIDAY");
        required(r.time(), "review.time", "a time of day like 14:00");
        positive(r.duration(), "review.duration", "an ISO-8601 duration like PT60M");
        required(r.agendaBefore(), "review.agenda_before", "an ISO-8601 duration like PT1H");
        agentRef(r.leader(), "review.leader");
        nonEmpty(r.agenda(), "review.agenda", "a list of agenda headings");
    }

    private void validateEscalation() {
        EscalationPolicy p = config.escalation();
        required(p, "escalation", "a mapping with security_channel, default_channel, contact, milestones");
        channelRole(p.securityChannel(), "escalation.security_channel");
        channelRole(p.defaultChannel(), "escalation.default_channel");
        if (!config.channels().get(p.securityChannel()).isPrivate()) {
            fail(
                    "escalation.security_channel",
                    "channel role '" + p.securityChannel() + "' is not private (expected a private channel)");
        }
        required(p.contact(), "escalation.contact", "an agent id or a channel role to page last");
        if (config.agent(p.contact()).isEmpty() && !config.channels().containsKey(p.contact())) {
            fail("escalation.contact", "'" + p.contact() + "' is neither a defined agent nor a channel role");
        }
        nonEmpty(p.milestones(), "escalation.milestones", "a list of milestones with name, due, act, notify");
        Duration previous = Duration.ZERO;
        for (int i = 0; i < p.milestones().size(); i++) {
            EscalationPolicy.Milestone m = p.milestones().get(i);
            String at = "escalation.milestones[" + i + "]";
            required(m, at, "a milestone with name, due, act, notify");
            required(m.name(), at + ".name", "the milestone's name like assessment");
            positive(m.due(), at + ".due", "an ISO-8601 duration like PT30M");
            if (m.due().compareTo(previous) <= 0) {
                fail(
                        at + ".due",
                        "expected a due offset later than the milestone before (" + previous + "), got " + m.due());
            }
            previous = m.due();
            oneOf(m.act(), EscalationPolicy.ACTS, at + ".act");
            oneOf(m.notifies(), EscalationPolicy.NOTIFY, at + ".notify");
            if (m.repeat() != null) {
                positive(m.repeat().every(), at + ".repeat.every", "an ISO-8601 duration like PT15M");
                if (m.repeat().max() < 0) {
                    fail(
                            at + ".repeat.max",
                            "expected zero or more repeats, got " + m.repeat().max());
                }
            }
        }
        if (p.roomsOn()
                && p.incidentChannel().archiveAfter().compareTo(EscalationPolicy.IncidentChannel.MIN_ARCHIVE_AFTER)
                        < 0) {
            fail(
                    "escalation.incident_channel.archive_after",
                    "expected an ISO-8601 duration of PT5S or more, got "
                            + p.incidentChannel().archiveAfter());
        }
        p.statusEvery().forEach((severity, every) -> {
            String at = "escalation.status_every." + severity;
            oneOf(severity, PlanSpec.PRIORITIES, at);
            positive(every, at, "an ISO-8601 duration like PT30M");
            if (every.compareTo(Duration.ofMinutes(1)) < 0) {
                fail(at, "expected an ISO-8601 duration of PT1M or more, got " + every);
            }
        });
    }

    private void validatePlan() {
        PlanSpec plan = config.plan();
        required(plan, "plan", "a mapping with tasks and gates");
        nonEmpty(plan.tasks(), "plan.tasks", "a list of tasks");
        nonEmpty(plan.gates(), "plan.gates", "a list of quality gates");
        Set<String> taskIds = new HashSet<>();
        for (int i = 0; i < plan.tasks().size(); i++) {
            PlanSpec.TaskSpec t = plan.tasks().get(i);
            String at = "plan.tasks[" + i + "]";
            required(t, at, "a task");
            required(t.id(), at + ".id", "a task id like T1");
            if (!TASK_ID.matcher(t.id()).matches()) {
                fail(at + ".id", "expected a task id like T1, got '" + t.id() + "'");
            }
            if (!taskIds.add(t.id())) {
                fail(at + ".id", "task '" + t.id() + "' is defined twice");
            }
            required(t.title(), at + ".title", "the task's title");
            oneOf(t.priority(), PlanSpec.PRIORITIES, at + ".priority");
            oneOf(t.risk(), PlanSpec.RISKS, at + ".risk");
            agentRef(t.owner(), at + ".owner");
            required(t.due(), at + ".due", "a due date or window like \"24-48 hours\" or \"Week 1\"");
        }
        Set<Integer> gateNumbers = new HashSet<>();
        for (int i = 0; i < plan.gates().size(); i++) {
            PlanSpec.GateSpec g = plan.gates().get(i);
            String at = "plan.gates[" + i + "]";
            required(g, at, "a quality gate");
            if (g.number() <= 0 || !gateNumbers.add(g.number())) {
                fail(at + ".number", "expected a unique gate number of 1 or more, got " + g.number());
            }
            required(g.name(), at + ".name", "the gate's name");
            agentRef(g.owner(), at + ".owner");
            nonEmpty(g.criteria(), at + ".criteria", "a list of criteria");
        }
        for (int i = 0; i < plan.tasks().size(); i++) {
            List<String> deps = plan.tasks().get(i).dependsOn();
            for (int j = 0; deps != null && j < deps.size(); j++) {
                workRef(deps.get(j), "plan.tasks[" + i + "].depends_on[" + j + "]", taskIds, gateNumbers, false);
            }
        }
        for (int i = 0; i < plan.gates().size(); i++) {
            List<String> blocks = plan.gates().get(i).blocks();
            for (int j = 0; blocks != null && j < blocks.size(); j++) {
                workRef(blocks.get(j), "plan.gates[" + i + "].blocks[" + j + "]", taskIds, gateNumbers, true);
            }
        }
    }

    /** The optional sections: success metrics, risks, contingencies, handoff. */
    private void validatePlanOutlook() {
        PlanSpec plan = config.plan();
        checklistGroups(plan.successMetrics(), "plan.success_metrics");
        checklistGroups(plan.handoff(), "plan.handoff");
        Set<String> riskIds = new HashSet<>();
        for (int i = 0; i < plan.risks().size(); i++) {
            PlanSpec.RiskSpec r = plan.risks().get(i);
            String at = "plan.risks[" + i + "]";
            required(r, at, "a risk with id, risk, detail, mitigation, owner");
            required(r.id(), at + ".id", "a risk id like R1");
            if (!RISK_ID.matcher(r.id()).matches()) {
                fail(at + ".id", "expected a risk id like R1, got '" + r.id() + "'");
            }
            if (!riskIds.add(r.id())) {
                fail(at + ".id", "risk '" + r.id() + "' is defined twice");
            }
            required(r.risk(), at + ".risk", "the risk's name");
            required(r.mitigation(), at + ".mitigation", "how the risk is mitigated");
            agentRef(r.owner(), at + ".owner");
        }
        for (int i = 0; i < plan.contingencies().size(); i++) {
            PlanSpec.ContingencySpec c = plan.contingencies().get(i);
            String at = "plan.contingencies[" + i + "]";
            required(c, at, "a contingency with trigger and action");
            required(c.trigger(), at + ".trigger", "what sets the plan off");
            required(c.action(), at + ".action", "what the team does then");
        }
    }

    private void checklistGroups(List<PlanSpec.ChecklistGroupSpec> groups, String key) {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            PlanSpec.ChecklistGroupSpec g = groups.get(i);
            String at = key + "[" + i + "]";
            required(g, at, "a group with name, owner, items");
            required(g.name(), at + ".name", "the group's name");
            if (g.name().isBlank()) {
                fail(at + ".name", "missing (expected the group's name)");
            }
            // Commands name a group by its first word, so two groups may not share one.
            if (!keys.add(g.key())) {
                fail(
                        at + ".name",
                        "another group's name also starts with '" + g.key()
                                + "' (commands name a group by its first word)");
            }
            agentRef(g.owner(), at + ".owner");
            nonEmpty(g.items(), at + ".items", "a list of items");
        }
    }

    private void validateOnCall() {
        for (Map.Entry<String, OnCallRotation> e : config.oncall().roles().entrySet()) {
            String at = "oncall." + e.getKey();
            if (!OnCallRotation.ROLES.contains(e.getKey())) {
                fail(
                        at,
                        "'" + e.getKey() + "' is not a role with a rotation (expected one of: "
                                + String.join(", ", OnCallRotation.ROLES) + ", teams)");
            }
            rotation(at, e.getValue());
        }
        List<String> teamNames = config.teams().stream().map(Team::name).toList();
        for (Map.Entry<String, OnCallRotation> e : config.oncall().teams().entrySet()) {
            String at = "oncall.teams." + e.getKey();
            if (!teamNames.contains(e.getKey())) {
                fail(
                        at,
                        "'" + e.getKey() + "' is not a team defined under teams (expected one of: "
                                + String.join(", ", teamNames) + ")");
            }
            OnCallRotation r = e.getValue();
            rotation(at, r);
            for (int i = 0; i < r.agents().size(); i++) {
                String team = config.agent(r.agents().get(i)).orElseThrow().team();
                if (!e.getKey().equals(team)) {
                    fail(
                            at + ".agents[" + i + "]",
                            "agent '" + r.agents().get(i) + "' is on team " + team + ", not " + e.getKey()
                                    + " (a team's rotation shares its own areas)");
                }
            }
        }
    }

    private void rotation(String at, OnCallRotation r) {
        required(r, at, "a rotation with agents, hand_off_day, hand_off_time, shift");
        nonEmpty(r.agents(), at + ".agents", "a list of agents in the order they take the shift");
        for (int i = 0; i < r.agents().size(); i++) {
            agentRef(r.agents().get(i), at + ".agents[" + i + "]");
        }
        required(r.handOffDay(), at + ".hand_off_day", "a day of the week like MONDAY");
        required(r.handOffTime(), at + ".hand_off_time", "a time of day like 09:00");
        required(r.shift(), at + ".shift", "a number of whole days like P7D");
        if (r.shift().getYears() != 0 || r.shift().getMonths() != 0 || r.shift().getDays() <= 0) {
            fail(at + ".shift", "expected a positive number of whole days like P7D, got " + r.shift());
        }
    }

    private void validatePaging() {
        for (Map.Entry<String, String> e : config.paging().pagerdutyUsers().entrySet()) {
            agentRef(e.getValue(), "paging.pagerduty_users." + e.getKey());
        }
    }

    private void workRef(String ref, String at, Set<String> tasks, Set<Integer> gates, boolean allowAll) {
        if (allowAll && "all-other-work".equals(ref)) {
            return;
        }
        if (ref != null && ref.startsWith("gate:")) {
            try {
                if (gates.contains(Integer.parseInt(ref.substring(5)))) {
                    return;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        } else if (ref != null && tasks.contains(ref)) {
            return;
        }
        fail(at, "'" + ref + "' is not a defined task id or gate:N" + (allowAll ? " (or all-other-work)" : ""));
    }

    private void channelRole(String role, String at) {
        required(role, at, "a channel role defined under channels");
        if (!config.channels().containsKey(role)) {
            fail(
                    at,
                    "channel role '" + role + "' is not defined under channels (expected one of: "
                            + String.join(", ", config.channels().keySet()) + ")");
        }
    }

    private void agentRef(String agent, String at) {
        required(agent, at, "an agent id defined under agents");
        if (config.agent(agent).isEmpty()) {
            fail(at, "agent '" + agent + "' is not defined under agents");
        }
    }

    private void oneOf(String value, List<String> allowed, String at) {
        if (value == null || !allowed.contains(value)) {
            fail(
                    at,
                    (value == null ? "missing" : "'" + value + "' is not allowed") + " (expected one of: "
                            + String.join(", ", allowed) + ")");
        }
    }

    private void positive(Duration d, String at, String expected) {
        required(d, at, expected);
        if (d.isNegative() || d.isZero()) {
            fail(at, "expected a positive duration, got " + d);
        }
    }

    private void nonEmpty(List<?> list, String at, String expected) {
        if (list == null || list.isEmpty()) {
            fail(at, "missing or empty (expected " + expected + ")");
        }
    }

    private void required(Object value, String at, String expected) {
        if (value == null) {
            fail(at, "missing (expected " + expected + ")");
        }
    }

    private void fail(String at, String problem) {
        throw ConfigException.at(file, at, problem);
    }
}
