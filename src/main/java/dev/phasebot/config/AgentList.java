package dev.phasebot.config;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The config's agents in their order, also found by id and with their place in the list. Every
 * command asks the config about its caller (their team, rank, whether they see security
 * details), and with hundreds of agents a scan of the list per question was most of the cost.
 */
final class AgentList extends AbstractList<Agent> implements RandomAccess {

    private final List<Agent> agents;
    private final Map<String, Integer> placeById = new HashMap<>();

    private AgentList(List<Agent> agents) {
        this.agents = List.copyOf(agents);
        for (int i = 0; i < this.agents.size(); i++) {
            // the first of two agents with one id wins, as the scan it replaces found it first
            placeById.putIfAbsent(this.agents.get(i).id(), i);
        }
    }

    static AgentList of(List<Agent> agents) {
        return agents instanceof AgentList list ? list : new AgentList(agents);
    }

    /** The agent's place in the list, or -1. */
    int placeOf(String id) {
        Integer place = id == null ? null : placeById.get(id);
        return place == null ? -1 : place;
    }

    @Override
    public Agent get(int index) {
        return agents.get(index);
    }

    @Override
    public int size() {
        return agents.size();
    }
}
