package dev.phasebot.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.Phasebot;
import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandReply;
import dev.phasebot.support.Fixtures;
import dev.phasebot.support.PostgresServer;
import dev.phasebot.support.SettableClock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Two replicas on one PostgreSQL database, each serving the API over real HTTP. */
class RateLimitAcrossReplicasTest {

    private static final Pattern TOKEN = Pattern.compile("pb_[A-Za-z0-9_-]+");
    private final SettableClock clock = SettableClock.newYork("2026-11-24T09:05");

    @Test
    void aTokenGetsSixtyCallsAMinuteFromBothReplicasTogetherAndIsToldWhenToRetry() throws Exception {
        PostgresServer.Database pg = PostgresServer.migratedDatabase();
        try (Phasebot a = new Phasebot(Fixtures.shippedConfig(), pg.open(), clock, true);
                Phasebot b = new Phasebot(Fixtures.shippedConfig(), pg.open(), clock, true);
                ApiServer serverA = new ApiServer("127.0.0.1", 0, a.api()).start();
                ApiServer serverB = new ApiServer("127.0.0.1", 0, b.api()).start()) {
            ApiClient replicaA = new ApiClient(serverA.port());
            ApiClient replicaB = new ApiClient(serverB.port());
            String token = issue(a, "qa-engineer");

            for (int i = 0; i < 40; i++) {
                assertEquals(200, replicaA.get("/gates", token).status(), "call " + (i + 1) + " through A");
            }
            clock.tick(Duration.ofSeconds(15));
            for (int i = 0; i < 20; i++) {
                assertEquals(200, replicaB.get("/gates", token).status(), "call " + (i + 41) + " through B");
            }
            ApiClient.Answer sixtyFirst = replicaB.get("/gates", token);
            for (int i = 0; i < 9; i++) {
                assertEquals(429, replicaB.get("/gates", token).status());
            }
            ApiClient.Answer throughA = replicaA.get("/gates", token);

            assertEquals(429, sixtyFirst.status());
            assertEquals(Optional.of("45"), sixtyFirst.retryAfter());
            assertEquals(429, throughA.status());
            clock.tick(Duration.ofSeconds(45));
            assertEquals(200, replicaA.get("/gates", token).status());
            assertEquals(200, replicaB.get("/gates", token).status());
        }
    }

    private static String issue(Phasebot bot, String agent) {
        String text = ((CommandReply.Text)
                        bot.dispatcher().handle(Caller.agent("senior-system-developer"), "/api", "token " + agent))
                .text();
        Matcher m = TOKEN.matcher(text);
        assertTrue(m.find(), text);
        return m.group();
    }
}
