package dev.phasebot.paging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasebot.config.Agent;
import dev.phasebot.config.BotConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which phasebot agent a PagerDuty user is: the config's {@code paging.pagerduty_users} first;
 * otherwise, with an API token, the user's e-mail from PagerDuty's REST API
 * ({@code GET /users/<id>}) matched to an agent's {@code email}. An answer from PagerDuty is
 * kept for the life of the process (a user's e-mail rarely changes, and the config does not
 * change without a restart); a failed call is not, so the next delivery asks again.
 */
public final class PagerDutyUsers {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final BotConfig config;
    private final String apiToken;
    private final URI apiUrl;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Optional<String>> looked = new ConcurrentHashMap<>();

    /** {@code apiToken} null: by config only. */
    public PagerDutyUsers(BotConfig config, String apiToken, URI apiUrl) {
        this.config = config;
        this.apiToken = apiToken;
        this.apiUrl = apiUrl;
        this.http = apiToken == null
                ? null
                : HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    public static PagerDutyUsers of(BotConfig config, PagerDutyWebhookSettings settings) {
        return new PagerDutyUsers(config, settings.apiToken(), settings.apiUrl());
    }

    /** Whether unlisted users are looked up by e-mail. */
    boolean byEmail() {
        return apiToken != null;
    }

    /**
     * The agent PagerDuty user {@code userId} is, or empty when neither the config nor an e-mail
     * names one.
     *
     * @throws Unavailable when PagerDuty's API did not answer: the event should be retried
     */
    public Optional<String> agentFor(String userId) {
        String listed = config.paging().pagerdutyUsers().get(userId);
        if (listed != null) {
            return Optional.of(listed);
        }
        if (apiToken == null) {
            return Optional.empty();
        }
        Optional<String> cached = looked.get(userId);
        if (cached != null) {
            return cached;
        }
        Optional<String> found = emailOf(userId).flatMap(this::agentWithEmail);
        looked.put(userId, found);
        return found;
    }

    private Optional<String> agentWithEmail(String email) {
        String wanted = email.strip().toLowerCase(Locale.ROOT);
        return config.agents().stream()
                .filter(a -> a.email() != null
                        && a.email().strip().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Agent::id)
                .findFirst();
    }

    /** The user's e-mail; empty when PagerDuty has no such user or it has no e-mail. */
    private Optional<String> emailOf(String userId) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(apiUrl + "/users/" + URLEncoder.encode(userId, StandardCharsets.UTF_8)))
                .timeout(TIMEOUT)
                .header("Authorization", "Token token=" + apiToken)
                .header("Accept", "application/vnd.pagerduty+json;version=2")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("PagerDuty's users API could not be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking PagerDuty's users API");
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            // Retrying will not help; said on each event until the token is fixed.
            throw new Unavailable("PagerDuty refused PHASEBOT_PAGERDUTY_API_TOKEN (HTTP " + response.statusCode()
                    + "): set a REST API key that may read users");
        }
        if (response.statusCode() != 200) {
            throw new Unavailable("PagerDuty's users API answered HTTP " + response.statusCode());
        }
        try {
            JsonNode email = json.readTree(response.body()).path("user").path("email");
            return email.isTextual() && !email.asText().isBlank() ? Optional.of(email.asText()) : Optional.empty();
        } catch (IOException e) {
            throw new Unavailable("PagerDuty's users API answered something that is not JSON");
        }
    }

    /** PagerDuty's users API did not say who the user is; nothing was decided. */
    public static final class Unavailable extends RuntimeException {

        Unavailable(String message) {
            super(message, null, false, false);
        }
    }
}
