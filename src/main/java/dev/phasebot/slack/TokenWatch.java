package dev.phasebot.slack;

import com.slack.api.methods.response.auth.AuthTestResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the bot's knowledge of its own token current. At start-up it asks until Slack
 * answers, for as long as it takes (a Slack outage must not leave a process that neither
 * serves nor exits), waiting at most {@link #MAX_WAIT} between tries unless Slack asks for
 * longer. Afterwards it re-checks in the background, so requests never wait on it.
 */
final class TokenWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TokenWatch.class);
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    static final Duration REFRESH = Duration.ofMinutes(10);

    /** How the start-up loop waits; tests record the waits instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final TokenCheck check;
    private final TokenAuthorization authorization;
    private final Sleeper sleeper;
    private ScheduledExecutorService refresher;
    /** What the last auth.test said (null before the first): readiness reports it. */
    private volatile TokenStatus last;

    TokenWatch(TokenCheck check, TokenAuthorization authorization, Sleeper sleeper) {
        this.check = check;
        this.authorization = authorization;
        this.sleeper = sleeper;
    }

    /**
     * Returns once Slack confirmed the token; throws {@link TokenRefusedException} as soon as
     * Slack refuses it. Requests are let through only when the caller says the bot is ready.
     */
    AuthTestResponse awaitConfirmation() throws InterruptedException {
        int failures = 0;
        while (true) {
            TokenStatus status = check.check();
            last = status;
            if (status instanceof TokenStatus.Confirmed confirmed) {
                if (failures > 0) {
                    log.info("Slack confirmed the bot token after {} failed tries", failures);
                }
                return confirmed.identity();
            }
            if (status instanceof TokenStatus.Refused refused) {
                throw new TokenRefusedException(refused.error());
            }
            TokenStatus.Unreachable unreachable = (TokenStatus.Unreachable) status;
            failures++;
            Duration wait = waitAfter(failures, unreachable.retryAfter());
            log.warn(
                    "cannot confirm the bot token with Slack yet ({}); try {} again in {} s, serving meanwhile",
                    unreachable.reason(),
                    failures + 1,
                    wait.toSeconds());
            sleeper.sleep(wait);
        }
    }

    /** 1, 2, 4 ... s, capped at {@link #MAX_WAIT}; Slack's own Retry-After wins when it is longer. */
    static Duration waitAfter(int failures, Duration retryAfter) {
        Duration backoff = Duration.ofSeconds(1L << Math.min(failures - 1, 5));
        if (backoff.compareTo(MAX_WAIT) > 0) {
            backoff = MAX_WAIT;
        }
        return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
    }

    /**
     * Re-checks every {@code period}. A failed re-check keeps the last good answer; a refusal
     * (the token was revoked while we ran) is handed to {@code onRefused}.
     */
    void refreshEvery(Duration period, Consumer<TokenRefusedException> onRefused) {
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "phasebot-token-check");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(
                () -> refresh(onRefused), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    void refresh(Consumer<TokenRefusedException> onRefused) {
        TokenStatus status = check.check();
        last = status;
        if (status instanceof TokenStatus.Confirmed confirmed) {
            authorization.confirm(confirmed.identity());
        } else if (status instanceof TokenStatus.Unreachable unreachable) {
            log.warn("could not re-check the bot token ({}); keeping the last confirmation", unreachable.reason());
        } else {
            onRefused.accept(new TokenRefusedException(((TokenStatus.Refused) status).error()));
        }
    }

    /** The last answer of {@code auth.test}; empty before the first. */
    java.util.Optional<TokenStatus> lastStatus() {
        return java.util.Optional.ofNullable(last);
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }
}
