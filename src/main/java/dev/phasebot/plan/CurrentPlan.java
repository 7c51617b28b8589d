package dev.phasebot.plan;

import dev.phasebot.config.PlanSpec;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The plan as the config file last stated it: the file's at start-up, then the one each
 * successful {@code /phase reload} applied. What the store does not keep of the plan (who owns
 * a task in the config, the success-metric groups' owners, the risks' texts, the contingencies)
 * is read here, so a reload reaches every reader, not only the store's. One per process: a
 * reload on another replica changes the store, not this.
 */
public final class CurrentPlan {

    private final AtomicReference<PlanSpec> spec;

    public CurrentPlan(PlanSpec spec) {
        this.spec = new AtomicReference<>(Objects.requireNonNull(spec));
    }

    /** The plan now; read it once per answer, so one answer never mixes two files. */
    public PlanSpec spec() {
        return spec.get();
    }

    /** Called once the reloaded plan is in the store. */
    public void replace(PlanSpec reloaded) {
        spec.set(Objects.requireNonNull(reloaded));
    }
}
