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

    static Destination parse(String key) {
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
}
