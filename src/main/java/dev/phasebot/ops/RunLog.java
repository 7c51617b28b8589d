package dev.phasebot.ops;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ReviewSettings;
import dev.phasebot.config.StandupSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start and stop lines: which build runs, how (console, http or socket), in which zone,
 * and when the next standup and review are due there, so a glance at the log after a deploy
 * says whether the bot came up with the plan that was meant; then that it stopped cleanly.
 * The times are worked out from the config, like the scheduler does, so no running part is asked.
 */
public final class RunLog {

    private static final Logger log = LoggerFactory.getLogger(RunLog.class);

    private final BotConfig config;
    private final String mode;
    private final Clock clock;
    private Instant startedAt;

    public RunLog(BotConfig config, String mode, Clock clock) {
        this.config = config;
        this.mode = mode;
        this.clock = clock;
    }

    public void started() {
        startedAt = clock.instant();
        log.info(startLine());
    }

    /** Said only on a clean stop: a failure says why on stderr instead, as the last line. */
    public void stopped() {
        Duration up = startedAt == null ? Duration.ZERO : Duration.between(startedAt, clock.instant());
        log.info("phasebot stopped cleanly: mode={} up={}", mode, up.truncatedTo(ChronoUnit.SECONDS));
    }

    String startLine() {
        ZonedDateTime now = clock.instant().atZone(config.phase().zone());
        return "phasebot " + version() + " running: mode=" + mode + " zone=" + now.getZone()
                + " next_standup=" + iso(nextStandup(config.standup(), now))
                + " next_review=" + iso(nextReview(config.review(), now));
    }

    /** From the jar's manifest; classes run from a build directory have none. */
    static String version() {
        return Optional.ofNullable(RunLog.class.getPackage().getImplementationVersion())
                .orElse("dev");
    }

    static ZonedDateTime nextStandup(StandupSettings standup, ZonedDateTime now) {
        LocalDate day = now.toLocalDate();
        // 367 days covers a year of holidays; past that the standup never runs and is not invented.
        for (int i = 0; i < 367; i++, day = day.plusDays(1)) {
            ZonedDateTime at = ZonedDateTime.of(day, standup.time(), now.getZone());
            if (at.isAfter(now)
                    && standup.days().contains(day.getDayOfWeek())
                    && !standup.holidays().contains(day)) {
                return at;
            }
        }
        return null;
    }

    static ZonedDateTime nextReview(ReviewSettings review, ZonedDateTime now) {
        LocalDate day = now.toLocalDate().with(TemporalAdjusters.nextOrSame(review.day()));
        ZonedDateTime at = ZonedDateTime.of(day, review.time(), now.getZone());
        return at.isAfter(now) ? at : ZonedDateTime.of(day.plusWeeks(1), review.time(), now.getZone());
    }

    private static String iso(ZonedDateTime at) {
        return at == null ? "none" : at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
