package dev.phasebot.command;

import dev.phasebot.config.Agent;
import dev.phasebot.config.BotConfig;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final Object reloading = new Object();
    /** The committed links, read once and again after each link commits; every request asks. */
    private volatile Links links;

    /** The agent_link table as it was last committed, both ways round. */
    private record Links(Map<String, String> userByAgent, Map<String, String> agentByUser) {}

    /**
     * @param everyoneReachable true on the console, where every agent is "linked" to the
     *                          person at the keyboard and every DM is printed
     */
    public AgentDirectory(BotConfig config, Database database, boolean everyoneReachable) {
        this.config = config;
        this.database = database;
        this.everyoneReachable = everyoneReachable;
        // A link made through another replica: read again as it commits there.
        database.listen("agents", linked -> reload());
    }

    public BotConfig config() {
        return config;
    }

    public Optional<Agent> agent(String id) {
        return config.agent(id);
    }

    /** The Slack user id an agent is linked to, if any. */
    public Optional<String> slackUser(String agentId) {
        String linked = links().userByAgent().get(agentId);
        if (linked != null) {
            return Optional.of(linked);
        }
        return config.agent(agentId).map(Agent::slackUser);
    }

    /** The agent a Slack user acts as, if the user is linked to one. */
    public Optional<Agent> agentForSlackUser(String slackUser) {
        String linked = links().agentByUser().get(slackUser);
        if (linked == null && database.shared()) {
            // Linked through another replica a moment ago, its notice still on the way: the store knows.
            linked = reload().agentByUser().get(slackUser);
        }
        if (linked != null) {
            return config.agent(linked);
        }
        return config.agents().stream()
                .filter(a -> slackUser.equals(a.slackUser()))
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
        return config.agents().stream()
                .map(a -> slackUser(a.id()))
                .flatMap(Optional::stream)
                .distinct()
                .toList();
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
     * Called once the caller's transaction has committed, on the committing thread, so a
     * listener sees the new link wherever it reads it, and never hears of a link that rolled
     * back; it must be short and must not throw.
     */
    public void onLinkChange(Consumer<String> listener) {
        linkListeners.add(listener);
    }

    /**
     * Links (or relinks) an agent to a Slack user in the caller's transaction. The cached links
     * change only once that transaction commits, so no request ever acts on a link that is then
     * rolled back.
     */
    public void link(Tx tx, String agentId, String slackUser, String linkedBy, Instant at) {
        // from the transaction, not the cache: an earlier link in the same transaction counts
        Optional<String> before = tx.queryOne(
                        "SELECT slack_user FROM agent_link WHERE agent = ?", rs -> rs.getString(1), agentId)
                .or(() -> config.agent(agentId).map(Agent::slackUser));
        tx.update("DELETE FROM agent_link WHERE slack_user = ? AND agent <> ?", slackUser, agentId);
        tx.update(
                "INSERT INTO agent_link(agent, slack_user, linked_by, linked_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT(agent) DO UPDATE SET slack_user = excluded.slack_user, "
                        + "linked_by = excluded.linked_by, linked_at = excluded.linked_at",
                agentId,
                slackUser,
                linkedBy,
                at.toEpochMilli());
        tx.announce("agents", agentId);
        tx.afterCommit(() -> {
            reload();
            before.filter(previous -> !previous.equals(slackUser))
                    .ifPresent(previous -> linkListeners.forEach(l -> l.accept(previous)));
            linkListeners.forEach(l -> l.accept(slackUser));
        });
    }

    private Links links() {
        Links current = links;
        return current != null ? current : reload();
    }

    /**
     * Reads the committed links into the cache. One reload at a time: otherwise a reload that read
     * before a later commit could store its older view after the later reload stored the newer one.
     */
    private Links reload() {
        synchronized (reloading) {
            Map<String, String> userByAgent = new HashMap<>();
            Map<String, String> agentByUser = new HashMap<>();
            // newest last, so a user linked to several agents (never made by link, but possible in an
            // old file) acts as the most recent one, as the query per request did
            database.readCommitted(tx ->
                    tx.query("SELECT agent, slack_user FROM agent_link ORDER BY linked_at, agent", rs -> {
                        userByAgent.put(rs.getString(1), rs.getString(2));
                        agentByUser.put(rs.getString(2), rs.getString(1));
                        return null;
                    }));
            Links read = new Links(Map.copyOf(userByAgent), Map.copyOf(agentByUser));
            links = read;
            return read;
        }
    }
}
