package dev.phasebot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * One {@code auth.test} call, classified. Only Slack's "try later" answers count as
 * transient; any other error is a refusal, because retrying a revoked or wrong token for
 * hours would hide the one thing an operator must fix.
 */
final class TokenCheck {

    private static final Set<String> TRY_LATER = Set.of(
            "ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout");

    private final MethodsClient methods;

    TokenCheck(MethodsClient methods) {
        this.methods = methods;
    }

    TokenStatus check() {
        try {
            AuthTestResponse response = methods.authTest(r -> r);
            if (response.isOk()) {
                return new TokenStatus.Confirmed(response);
            }
            if (TRY_LATER.contains(response.getError())) {
                return new TokenStatus.Unreachable(response.getError(), null);
            }
            return new TokenStatus.Refused(response.getError());
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            if (status == 429) {
                return new TokenStatus.Unreachable(
                        "HTTP 429", retryAfter(e.getResponse().header("Retry-After")));
            }
            if (status >= 500) {
                return new TokenStatus.Unreachable("HTTP " + status, null);
            }
            String error = e.getError() != null && e.getError().getError() != null
                    ? e.getError().getError()
                    : null;
            return new TokenStatus.Refused(error != null ? error : "HTTP " + status);
        } catch (IOException | RuntimeException e) {
            return new TokenStatus.Unreachable(e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
