package dev.phasebot.message;

/**
 * Where a message goes, in the plan's terms: a channel role from the config, an agent's direct
 * messages, or a pager outside Slack. Adapters turn these into Slack channel ids or console
 * prefixes; pagers are reached by their own transports.
 */
public sealed interface Destination {

    /** The stored form, such as {@code channel:coordination} or {@code dm:qa-engineer}. */
    String key();

    default boolean isChannel() {
        return this instanceof ChannelRole;
    }

    static Destination channel(String role) {
        return new ChannelRole(role);
    }

    static Destination dm(String agent) {
        return new DirectMessage(agent);
    }

    /** A pager by name: {@code pagerduty} or {@code webhook}. */
    static Pager pager(String name) {
        return new Pager(name);
    }

    /** The room (Slack channel of its own) of incident {@code incident}, its channel not known yet. */
    static Room room(long incident) {
        return new Room(incident, null);
    }

    static Destination parse(String key) {
        if (key.startsWith("room:")) {
            return room(Long.parseLong(key.substring("room:".length())));
        }
        if (key.startsWith("channel:")) {
            return new ChannelRole(key.substring("channel:".length()));
        }
        if (key.startsWith("dm:")) {
            return new DirectMessage(key.substring("dm:".length()));
        }
        if (key.startsWith("pager:")) {
            return new Pager(key.substring("pager:".length()));
        }
        throw new IllegalArgumentException("unknown destination " + key);
    }

    /** A channel role such as coordination or security. */
    record ChannelRole(String role) implements Destination {
        @Override
        public String key() {
            return "channel:" + role;
        }
    }

    /** An agent's direct messages with the bot. */
    record DirectMessage(String agent) implements Destination {
        @Override
        public String key() {
            return "dm:" + agent;
        }
    }

    /**
     * A pager outside Slack (PagerDuty's Events API, a signed webhook): its own queue in the
     * outbox, so a Slack outage does not hold a page back, nor a pager's outage a Slack message.
     */
    record Pager(String name) implements Destination {

        public static final String PAGERDUTY = "pagerduty";
        public static final String WEBHOOK = "webhook";

        @Override
        public String key() {
            return "pager:" + name;
        }
    }

    /**
     * A CRITICAL incident's own channel: its first row creates it ({@link RoomAct}). Its queue is its
     * own, so its rows go in order behind that creation. {@code channelId} is Slack's id for it,
     * filled in at delivery from the store (null in the outbox, and until it is created).
     */
    record Room(long incident, String channelId) implements Destination {
        @Override
        public String key() {
            return "room:" + incident;
        }

        /** The same room, known in Slack by {@code id}. */
        public Room at(String id) {
            return new Room(incident, id);
        }
    }
}
