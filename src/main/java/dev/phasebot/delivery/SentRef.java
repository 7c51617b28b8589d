package dev.phasebot.delivery;

/** Where a delivered message lives, so it can be edited later: Slack's channel id and ts. */
public record SentRef(String channel, String ts) {}
