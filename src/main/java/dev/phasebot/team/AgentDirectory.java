package dev.phasebot.team;

import dev.phasebot.config.Agent;
import dev.phasebot.command.Roster;
import dev.phasebot.config.BotConfig;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Who is who: the agents of the config and the Slack users they are linked to. A link made
 * at run time ({@code /standup link}) wins over the config's {@code slack_user}.
 */
public final class AgentDirectory implements Roster {

    private final BotConfig config;
    private final Database database;
    private final boolean everyoneReachable;
    private final List<Consumer<String>> linkListeners = new CopyOnWriteArrayList<>();

    /**
     * @param everyoneReachable true on the console, where every agent is "linked" to the
     *                          person at the keyboard and every DM is printed
     */
    public AgentDirectory(BotConfig config, Database database, boolean everyoneReachable) {
        this.config = config;
        this.database = database;
        this.everyoneReachable = everyoneReachable;
    }

    public BotConfig config() {
        return config;
    }

    public Optional<Agent> agent(String id) {
        return config.agent(id);
    }

    /** The Slack user id an agent is linked to, if any. */
    public Optional<String> slackUser(String agentId) {
        Optional<String> linked = database.read(tx -> tx.queryOne(
                "SELECT slack_user FROM agent_link WHERE agent = ?", rs -> rs.getString(1), agentId));
        if (linked.isPresent()) {
            return linked;
        }
        return config.agent(agentId).map(Agent::slackUser);
    }

    /** The agent a Slack user acts as, if the user is linked to one. */
    public Optional<Agent> agentForSlackUser(String slackUser) {
        Optional<String> linked = database.read(tx -> tx.queryOne(
                "SELECT agent FROM agent_link WHERE slack_user = ? ORDER BY linked_at DESC", rs -> rs.getString(1),
                slackUser));
        if (linked.isPresent()) {
            return config.agent(linked.get());
        }
        return config.agents().stream().filter(a -> slackUser.equals(a.slackUser()))
                .filter(a -> slackUser(a.id()).map(slackUser::equals).orElse(false))
                .findFirst();
    }

    @Override
    public List<String> agentIds() {
        return config.agents().stream().map(Agent::id).toList();
    }

    @Override
    public Optional<String> agentIdForSlackUser(String slackUser) {
        return agentForSlackUser(slackUser).map(Agent::id);
    }

    /** Every Slack user linked to an agent, by link or by config. */
    public List<String> linkedSlackUsers() {
        return config.agents().stream().map(a -> slackUser(a.id())).flatMap(Optional::stream).distinct().toList();
    }

    /** Whether a DM to this agent can be delivered at all. */
    public boolean isReachable(String agentId) {
        if (everyoneReachable) {
            return true;
        }
        return slackUser(agentId).isPresent();
    }

    /**
     * Told the Slack user id of everyone whose link a {@link #link} changed: the one linked and
     * the one the agent was linked to before (the App Home shows each of them something else now).
     * Called inside the caller's transaction, so a listener must not throw (that would undo the
     * link); one that reads the links from another thread waits on the database's lock and so
     * sees them committed (or, if the link was rolled back, as they were, which is still true).
     */
    public void onLinkChange(Consumer<String> listener) {
        linkListeners.add(listener);
    }

    /** Links (or relinks) an agent to a Slack user in the caller's transaction. */
    public void link(Tx tx, String agentId, String slackUser, String linkedBy, Instant at) {
        Optional<String> before = slackUser(agentId);
        tx.update("DELETE FROM agent_link WHERE slack_user = ? AND agent <> ?", slackUser, agentId);
        tx.update("INSERT INTO agent_link(agent, slack_user, linked_by, linked_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT(agent) DO UPDATE SET slack_user = excluded.slack_user, "
                + "linked_by = excluded.linked_by, linked_at = excluded.linked_at",
                agentId, slackUser, linkedBy, at.toEpochMilli());
        before.filter(previous -> !previous.equals(slackUser))
                .ifPresent(previous -> linkListeners.forEach(l -> l.accept(previous)));
        linkListeners.forEach(l -> l.accept(slackUser));
    }
}
