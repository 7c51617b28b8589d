package dev.phasebot.incident;

import dev.phasebot.config.Agent;
import dev.phasebot.config.BotConfig;
import dev.phasebot.message.Destination;
import java.util.List;

/**
 * Who may read a security incident's details: the private security channel, and by DM only
 * the agents listed as its members (or, when none are listed, the security team and the lead).
 * Everyone else may learn only that a CRITICAL security incident is open, and its id.
 */
final class Audience {

    private final String securityRole;
    private final List<String> members;

    Audience(BotConfig config) {
        this.securityRole = config.escalation().securityChannel();
        List<String> listed = config.channel(securityRole).members();
        this.members = !listed.isEmpty()
                ? listed
                : config.agents().stream()
                        .filter(a -> a.lead() || config.isSecurityTeam(a.id()))
                        .map(Agent::id)
                        .toList();
    }

    boolean maySee(Incident incident, Destination destination) {
        if (!incident.security()) {
            return true;
        }
        if (destination instanceof Destination.ChannelRole role) {
            return role.role().equals(securityRole);
        }
        if (destination instanceof Destination.Room room) {
            // A security incident's room is private, and only members of the security channel are invited.
            return room.incident() == incident.id();
        }
        return isMember(((Destination.DirectMessage) destination).agent());
    }

    boolean maySee(Incident incident, String agent) {
        return !incident.security() || isMember(agent);
    }

    boolean isMember(String agent) {
        return members.contains(agent);
    }

    List<String> members() {
        return members;
    }
}
