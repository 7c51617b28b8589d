package dev.phasebot.plan;

/** What a change to a gate did; {@code already} means it was so before and nothing was posted. */
public sealed interface GateResult {

    GateProgress gate();

    /** {@code gate} after the change; {@code item} as it was before. */
    record CriterionChecked(GateProgress gate, ChecklistItem item, boolean met, boolean already, String by)
            implements GateResult {}

    /** {@code unblocked}: tasks the pass freed. */
    record GatePassed(GateProgress gate, boolean already, String impact, long unblocked) implements GateResult {}

    record GateReopened(GateProgress gate, String by) implements GateResult {}
}
