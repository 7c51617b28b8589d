package dev.phasebot.plan;

import dev.phasebot.config.BotConfig;
import dev.phasebot.store.Database;
import java.time.Clock;
import java.time.LocalDate;

/**
 * The phase's first day and where it came from: {@code phase.start} in the config, or, when the
 * config leaves it out, the day phasebot first ran the phase (in the phase's zone), kept in the
 * store so a restart keeps it. Without a start a newcomer's plan begins on its first day instead
 * of being overdue since a date in the past.
 */
public record PhaseStart(LocalDate day, boolean configured) {

    /**
     * The config's start, or the stored first day of this phase, recording today when there is
     * none yet. Replicas starting together agree: the first row written wins, the others read it.
     */
    public static PhaseStart resolve(BotConfig config, Database database, Clock clock) {
        if (config.phase().start() != null) {
            return new PhaseStart(config.phase().start(), true);
        }
        String phase = config.phase().name();
        LocalDate today = clock.instant().atZone(config.phase().zone()).toLocalDate();
        String day = database.inTransaction(tx -> {
            tx.update(
                    "INSERT INTO phase_start(phase, day, recorded_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    phase,
                    today.toString(),
                    clock.millis());
            return tx.queryOne("SELECT day FROM phase_start WHERE phase = ?", rs -> rs.getString(1), phase)
                    .orElseThrow();
        });
        return new PhaseStart(LocalDate.parse(day), false);
    }
}
