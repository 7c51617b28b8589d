package dev.phasebot.paging;

import dev.phasebot.delivery.Transport;
import dev.phasebot.delivery.Transport.ApiCall;
import dev.phasebot.delivery.Transport.DeliveryResult;
import dev.phasebot.delivery.Transport.Lookback;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.delivery.Transport.SentRef;
import dev.phasebot.delivery.Transport.UnrecordedAttempt;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Page;
import dev.phasebot.ops.HealthCheck;
import dev.phasebot.ops.HealthCheck.Verdict;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pagers set up outside Slack. {@link #around} sends the outbox's rows for pagers
 * ({@link Destination.Pager}) over HTTP and passes every other row to the transport it wraps
 * (Slack's or the console's). A pager's rows are their own queue, so
 * the delivery worker retries them with its backoff, holds them after a 429, and keeps them in
 * order (the trigger before its acknowledge) without holding Slack's messages back.
 *
 * <p>A pager that refuses a page for good (PagerDuty's 400 for a wrong routing key, a 4xx from the
 * webhook) is logged as an error by the worker and fails the {@code pagers} readiness check until a
 * later page to it goes through.
 */
public final class Pagers {

    /** The pager calls a delivery round waits for: short, since Slack's messages queue behind them. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** When a 429 names no Retry-After. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    /** One pager's request for a page; the transport sends it and reads the answer. */
    interface Pager {
        /** Says who answered, in a log line: "PagerDuty". */
        String name();

        HttpRequest request(long deliveryId, Page page);
    }

    private final Map<String, Pager> pagers = new LinkedHashMap<>();
    private final HttpClient http;
    private final Clock clock;
    /** The last refusal per pager, until a page to it goes through. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    public Pagers(PagingSettings settings, Clock clock) {
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        if (settings.routingKey() != null) {
            pagers.put(
                    Destination.Pager.PAGERDUTY,
                    new PagerDutyEvents(settings.pagerDutyUrl(), settings.routingKey(), TIMEOUT));
        }
        if (settings.webhookUrl() != null) {
            pagers.put(
                    Destination.Pager.WEBHOOK,
                    new SignedWebhook(settings.webhookUrl(), settings.webhookSecret(), clock, TIMEOUT));
        }
    }

    /** {@code slack}'s rows to {@code slack}, the pagers' rows to their pagers. */
    public Transport around(Transport slack) {
        return new Routed(slack);
    }

    private final class Routed implements Transport {

        private final Transport slack;

        Routed(Transport slack) {
            this.slack = slack;
        }

        @Override
        public DeliveryResult deliver(OutgoingDelivery delivery) {
            if (!(delivery.message().destination() instanceof Destination.Pager to)) {
                return slack.deliver(delivery);
            }
            Pager pager = pagers.get(to.name());
            if (pager == null || delivery.message().page() == null) {
                // Queued while a pager was set up, and it is not now: nobody is left to send it to.
                return new DeliveryResult.Rejected("no " + to.name() + " pager is set up now");
            }
            Page page = delivery.message().page();
            DeliveryResult result =
                    send(pager, pager.request(delivery.id(), page), new SentRef(to.key(), page.dedupKey()));
            if (result instanceof DeliveryResult.Rejected rejected) {
                refused.put(
                        to.name(), pager.name() + " refused a page at " + clock.instant() + ": " + rejected.reason());
            } else if (result instanceof DeliveryResult.Sent) {
                refused.remove(to.name());
            }
            return result;
        }

        /** A pager's call is named for the pacer, so a 429 holds back that pager only. */
        @Override
        public Optional<ApiCall> call(OutgoingDelivery delivery) {
            if (delivery.message().destination() instanceof Destination.Pager to) {
                return Optional.of(new ApiCall("pager." + to.name(), to.key()));
            }
            return slack.call(delivery);
        }

        @Override
        public Lookback lookBack(UnrecordedAttempt attempt) {
            if (attempt.delivery().message().destination() instanceof Destination.Pager) {
                return new Lookback.Unknown("a pager keeps no history phasebot can read; a second copy carries the "
                        + "same dedup key and delivery id");
            }
            return slack.lookBack(attempt);
        }
    }

    /** {@code pagers} in /readyz: failed while a pager's last answer was a refusal. */
    public HealthCheck check() {
        return new HealthCheck("pagers", () -> {
            if (pagers.isEmpty()) {
                return Verdict.notApplicable("no pager is set up");
            }
            if (!refused.isEmpty()) {
                return Verdict.failed(String.join("; ", refused.values()));
            }
            return Verdict.ok(String.join(
                            " and ", pagers.values().stream().map(Pager::name).toList()) + " set up; no page refused");
        });
    }

    private DeliveryResult send(Pager pager, HttpRequest request, SentRef ref) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            // It may have arrived: a second copy carries the same dedup key and id, so retrying is safe.
            return new DeliveryResult.RetryLater(
                    null, pager.name() + " did not answer in " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            return new DeliveryResult.RetryLater(null, pager.name() + " could not be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryResult.RetryLater(null, "interrupted");
        }
        return answer(
                pager.name(),
                ref,
                response.statusCode(),
                response.headers().firstValue("Retry-After"),
                response.body());
    }

    /** What a pager's HTTP answer means for the row: sent, try again, wait, or refused for good. */
    static DeliveryResult answer(String pager, SentRef ref, int status, Optional<String> retryAfter, String body) {
        if (status >= 200 && status < 300) {
            return new DeliveryResult.Sent(ref);
        }
        if (status == 429) {
            return new DeliveryResult.RateLimited(
                    retryAfter.flatMap(Pagers::seconds).orElse(DEFAULT_RETRY_AFTER));
        }
        if (status >= 500 || status == 408) {
            return new DeliveryResult.RetryLater(null, pager + " answered HTTP " + status);
        }
        return new DeliveryResult.Rejected(pager + " answered HTTP " + status + excerpt(body));
    }

    private static Optional<Duration> seconds(String value) {
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds > 0 ? Optional.of(Duration.ofSeconds(Math.min(seconds, 3600))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The start of a refusal's body (PagerDuty says why there: "Invalid routing key"), on one line. */
    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.replaceAll("\\s+", " ").strip();
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
    }
}
