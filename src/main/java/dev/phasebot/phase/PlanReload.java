package dev.phasebot.phase;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ConfigException;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Refusal;
import dev.phasebot.plan.CurrentPlan;
import dev.phasebot.plan.PlanService;
import dev.phasebot.store.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /phase reload}: the lead re-reads the config file without a restart. Only the plan
 * ({@code plan:} tasks, gates, deliverables, criteria, success metrics, risks, contingencies,
 * handoff) is applied, through the store and the {@link CurrentPlan} that every reader of the plan
 * asks, with dropped items archived as at start-up. Everything else the
 * running services were built with (schedules, channels, escalation, agents, ...) is compared
 * and named as waiting for the next restart. A file the loader refuses changes nothing.
 *
 * <p>The other replicas on the store are told once the reload is committed: each re-reads its own
 * PHASEBOT_CONFIG (the same settings, as every replica runs) and makes that plan its current one,
 * without writing the store again. A notification missed while a replica's connection was down
 * waits for its next restart or reload.
 */
public final class PlanReload {

    private static final Logger log = LoggerFactory.getLogger(PlanReload.class);
    private static final String RELOADED = "plan-reloaded";

    /** A setting outside {@code plan:}, named as its key in the file, and how to read it. */
    private record Setting(String key, Function<BotConfig, Object> value) {}

    private static final List<Setting> RESTART_ONLY = List.of(
            new Setting("phase", BotConfig::phase),
            new Setting("teams", BotConfig::teams),
            new Setting("agents", BotConfig::agents),
            new Setting("channels", BotConfig::channels),
            new Setting("standup", BotConfig::standup),
            new Setting("review", BotConfig::review),
            new Setting("escalation", BotConfig::escalation),
            new Setting("oncall", BotConfig::oncall),
            new Setting("paging", BotConfig::paging));

    private final Path file;
    private final BotConfig running;
    private final ConfigLoader loader;
    private final PlanService plan;
    private final PlanOutlook outlook;
    private final CurrentPlan current;
    private final Database database;
    /** Who this replica is in its own announcement, so it does not follow itself. */
    private final String self = UUID.randomUUID().toString();

    /**
     * @param file the config file (PHASEBOT_CONFIG, passed in by Main)
     * @param running the config the services were built with, as the file had it (phase.start
     *     unresolved), to tell which settings a reload cannot apply
     */
    public PlanReload(
            Path file,
            BotConfig running,
            ConfigLoader loader,
            PlanService plan,
            PlanOutlook outlook,
            CurrentPlan current,
            Database database) {
        this.file = file;
        this.running = running;
        this.loader = loader;
        this.plan = plan;
        this.outlook = outlook;
        this.current = current;
        this.database = database;
        database.listen(RELOADED, this::followAnotherReplica);
    }

    public Doc reload() {
        BotConfig read;
        try {
            read = loader.load(file);
        } catch (ConfigException e) {
            // The loader's one line names the file and the key: nothing is applied.
            throw Refusal.of("file", "Not reloaded, nothing changed: " + e.getMessage());
        }
        if (!Phases.normal(read.phase().name())
                .equals(Phases.normal(running.phase().name()))) {
            // Applying the next phase's plan onto this one would archive this phase's plan under the wrong phase
            // and give its T1 the next T1's words: a next phase begins only at a start, which ends this one.
            throw Refusal.of(
                    "file",
                    "Not reloaded, nothing changed: phase.name in " + file + " names another phase (\""
                            + read.phase().name() + "\"). A next phase begins when phasebot restarts on that file,"
                            + " which ends \"" + running.phase().name() + "\" (close it first with /phase close"
                            + " to post its handoff report yourself).");
        }
        List<String> changes = new ArrayList<>(plan.syncFrom(read.plan(), "by /phase reload"));
        changes.addAll(outlook.syncFrom(read.plan(), "by /phase reload"));
        current.replace(read.plan());
        if (database.shared()) {
            database.run(tx -> tx.announce(RELOADED, self));
        }
        List<String> later = new ArrayList<>();
        for (Setting setting : RESTART_ONLY) {
            if (!Objects.equals(setting.value().apply(running), setting.value().apply(read))) {
                later.add(setting.key());
            }
        }
        String answer = "Reloaded " + file + ": "
                + (changes.isEmpty() ? "nothing changed in the plan." : String.join("; ", changes) + ".");
        if (!later.isEmpty()) {
            answer += " Changed outside plan: (" + String.join(", ", later)
                    + "): not applied now, they take effect at the next restart.";
        }
        return Doc.of(answer);
    }

    /** Another replica reloaded the plan into the store: this one reads its own file the same way. */
    private void followAnotherReplica(String who) {
        // An empty detail is a (re)connect, not a reload: a file edited but not reloaded stays unapplied.
        if (who.isEmpty() || who.equals(self)) {
            return;
        }
        try {
            current.replace(loader.load(file).plan());
            log.info("Plan re-read from {}: another replica ran /phase reload", file);
        } catch (RuntimeException e) { // a ConfigException (the file refused) above all
            log.warn("Another replica ran /phase reload, but {} was not re-read here: {}", file, e.getMessage());
        }
    }
}
