package dev.phasebot.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.delivery.Pacer.HeldUntil;
import dev.phasebot.delivery.Pacer.Rate;
import dev.phasebot.delivery.Transport.ApiCall;
import dev.phasebot.support.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PacerTest {

    private final SettableClock clock = SettableClock.newYork("2026-11-24T09:00");
    private final Pacer pacer = Pacer.slack(clock);

    @Test
    void aRateLimitHoldsBackEveryCallOfThatMethodUntilItsRetryAfter() {
        pacer.rateLimited(ApiCall.POST_MESSAGE, Duration.ofSeconds(2));
        Instant until = clock.instant().plusSeconds(2);

        assertEquals(until, pacer.tryTake(post("C0COORD")).orElseThrow().until());
        assertEquals(until, pacer.tryTake(post("U0QA")).orElseThrow().until(), "another channel waits too");
        clock.tick(Duration.ofMillis(1_999));
        assertTrue(pacer.tryTake(post("U0SEC")).isPresent(), "still inside the Retry-After");
        clock.tick(Duration.ofMillis(1));
        assertEquals(Optional.empty(), pacer.tryTake(post("C0COORD")));
        assertEquals(Optional.empty(), pacer.tryTake(post("U0QA")));
    }

    @Test
    void aRateLimitOnOneMethodDoesNotHoldBackAnother() {
        pacer.rateLimited(ApiCall.POST_MESSAGE, Duration.ofSeconds(30));
        assertEquals(Optional.empty(), pacer.tryTake(new ApiCall(ApiCall.UPDATE, "C0COORD")));
    }

    @Test
    void aShorterRetryAfterNeverShortensALongerHold() {
        pacer.rateLimited(ApiCall.POST_MESSAGE, Duration.ofSeconds(30));
        pacer.rateLimited(ApiCall.POST_MESSAGE, Duration.ofSeconds(1));
        clock.tick(Duration.ofSeconds(29));
        assertTrue(pacer.tryTake(post("C0COORD")).isPresent());
    }

    @Test
    void postsToOneChannelGoThreeAtOnceThenOneASecond() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), pacer.tryTake(post("C0COORD")), "burst call " + i);
        }
        HeldUntil held = pacer.tryTake(post("C0COORD")).orElseThrow();
        assertEquals(clock.instant().plusSeconds(1), held.until());
        assertTrue(held.why().contains("C0COORD"), held.why());

        clock.tick(Duration.ofMillis(999));
        assertTrue(pacer.tryTake(post("C0COORD")).isPresent());
        clock.tick(Duration.ofMillis(1));
        assertEquals(Optional.empty(), pacer.tryTake(post("C0COORD")));
        assertTrue(pacer.tryTake(post("C0COORD")).isPresent(), "one a second once the burst is spent");
    }

    @Test
    void aBusyChannelDoesNotSlowDownOthers() {
        for (int i = 0; i < 3; i++) {
            pacer.tryTake(post("C0COORD"));
        }
        assertTrue(pacer.tryTake(post("C0COORD")).isPresent());
        assertEquals(Optional.empty(), pacer.tryTake(post("U0QA")));
    }

    @Test
    void aDmRoundTo500AgentsKeepsToThreeHundredAMinuteAfterABurstOfFifty() {
        int sentAtOnce = 0;
        while (pacer.tryTake(post("U" + sentAtOnce)).isEmpty()) {
            sentAtOnce++;
        }
        assertEquals(50, sentAtOnce);

        int sent = sentAtOnce;
        Instant start = clock.instant();
        for (int agent = sentAtOnce; agent < 500; ) {
            Optional<HeldUntil> held = pacer.tryTake(post("U" + agent));
            if (held.isPresent()) {
                clock.set(held.get().until());
            } else {
                agent++;
                sent++;
            }
        }
        assertEquals(500, sent);
        assertEquals(
                Duration.ofSeconds(90),
                Duration.between(start, clock.instant()),
                "the other 450 at one per 200 ms: the round takes 90 s, not the 500 s of one a second");
    }

    @Test
    void aHeldCallTakesNoSlotFromTheOtherPace() {
        Pacer tight = new Pacer(
                clock,
                Map.of("m", new Rate(1, Duration.ofSeconds(1))),
                Map.of("m", new Rate(2, Duration.ofSeconds(10))));
        assertEquals(Optional.empty(), tight.tryTake(new ApiCall("m", "a")));
        assertTrue(tight.tryTake(new ApiCall("m", "a")).isPresent(), "channel a's pace holds it");
        assertEquals(
                Optional.empty(),
                tight.tryTake(new ApiCall("m", "b")),
                "the held call to a did not use up the workspace's second slot");
    }

    @Test
    void aMethodWithoutAPaceGoesAtOnce() {
        for (int i = 0; i < 1_000; i++) {
            assertEquals(Optional.empty(), pacer.tryTake(new ApiCall("views.publish", "U0QA")));
        }
    }

    private static ApiCall post(String channel) {
        return new ApiCall(ApiCall.POST_MESSAGE, channel);
    }
}
