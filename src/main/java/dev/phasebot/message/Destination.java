package dev.phasebot.message;

/**
 * Where a message goes, in the plan's terms: a channel role from the config, or an agent's
 * direct messages. Adapters turn these into Slack channel ids or console prefixes.
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

    static Destination parse(String key) {
        if (key.startsWith("channel:")) {
            return new ChannelRole(key.substring("channel:".length()));
        }
        if (key.startsWith("dm:")) {
            return new DirectMessage(key.substring("dm:".length()));
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
}
