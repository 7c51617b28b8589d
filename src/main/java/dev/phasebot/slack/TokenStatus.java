package dev.phasebot.slack;

import com.slack.api.methods.response.auth.AuthTestResponse;
import java.time.Duration;

/** What one {@code auth.test} call says about the bot token. */
sealed interface TokenStatus {

    /** Slack accepted the token; the answer names the bot user and the workspace. */
    record Confirmed(AuthTestResponse identity) implements TokenStatus {}

    /**
     * Slack could not be asked (network, 5xx, 429, or one of its "try later" errors); the
     * token may well be fine. {@code retryAfter} is Slack's own wait when it gave one.
     */
    record Unreachable(String reason, Duration retryAfter) implements TokenStatus {}

    /** Slack answered that this token will not work; retrying cannot help. */
    record Refused(String error) implements TokenStatus {}
}
