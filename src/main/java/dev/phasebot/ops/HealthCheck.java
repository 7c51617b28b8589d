package dev.phasebot.ops;

/**
 * One thing that must hold for the bot to be ready, asked at every {@code /readyz}. The
 * verdict's reason is for the person reading the page: what was found, never a token, a team
 * id or a stack trace.
 */
public record HealthCheck(String name, Probe probe) {

    /** Looks and says what it found. */
    @FunctionalInterface
    public interface Probe {
        Verdict look();
    }

    public record Verdict(boolean ok, String reason) {

        public static Verdict ok(String reason) {
            return new Verdict(true, reason);
        }

        public static Verdict failed(String reason) {
            return new Verdict(false, reason);
        }

        /** A check with no meaning in this mode (Slack's token on the console) counts as passed. */
        public static Verdict notApplicable(String why) {
            return new Verdict(true, "not applicable: " + why);
        }
    }

    /** A probe that throws is a failed check, named by its exception's type only. */
    public CheckResult run() {
        Verdict verdict;
        try {
            verdict = probe.look();
        } catch (RuntimeException e) {
            verdict = Verdict.failed("the check itself failed (" + e.getClass().getSimpleName() + ")");
        }
        return new CheckResult(name, verdict.ok(), verdict.reason());
    }

    /** One readiness check's answer, as {@code /readyz} lists it. */
    public record CheckResult(String name, boolean ok, String reason) {}
}
