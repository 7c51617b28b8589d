package dev.phasebot.delivery;

/**
 * The rate-limited Web API call a delivery will make: the method (chat.postMessage,
 * chat.update) and the channel it writes to, as the transport addresses it. Slack counts its
 * limits by these two, so the pacer does too.
 */
public record ApiCall(String method, String channel) {

    public static final String POST_MESSAGE = "chat.postMessage";
    public static final String UPDATE = "chat.update";
}
