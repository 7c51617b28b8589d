package dev.phasebot.ops;

import dev.phasebot.ops.HealthCheck.CheckResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks {@code /readyz} runs, in the order it lists them. Immutable: the bot's own checks
 * are made with the bot, and a Slack adapter adds its token check with {@link #with}.
 */
public record Readiness(List<HealthCheck> checks) {

    public Readiness {
        checks = List.copyOf(checks);
    }

    public Readiness with(HealthCheck check) {
        List<HealthCheck> more = new ArrayList<>(checks);
        more.add(check);
        return new Readiness(more);
    }

    public List<CheckResult> run() {
        return checks.stream().map(HealthCheck::run).toList();
    }
}
