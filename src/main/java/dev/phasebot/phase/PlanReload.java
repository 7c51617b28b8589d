package dev.phasebot.phase;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ConfigException;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Refusal;
import dev.phasebot.plan.CurrentPlan;
import dev.phasebot.plan.PlanService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code /phase reload}: the lead re-reads the config file without a restart. Only the plan
 * ({@code plan:} tasks, gates, deliverables, criteria, success metrics, risks, contingencies,
 * handoff) is applied, through the store and the {@link CurrentPlan} that every reader of the plan
 * asks, with dropped items archived as at start-up. Everything else the
 * running services were built with (schedules, channels, escalation, agents, ...) is compared
 * and named as waiting for the next restart. A file the loader refuses changes nothing.
 */
public final class PlanReload {

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
            CurrentPlan current) {
        this.file = file;
        this.running = running;
        this.loader = loader;
        this.plan = plan;
        this.outlook = outlook;
        this.current = current;
    }

    public Doc reload() {
        BotConfig read;
        try {
            read = loader.load(file);
        } catch (ConfigException e) {
            // The loader's one line names the file and the key: nothing is applied.
            throw Refusal.of("file", "Not reloaded, nothing changed: " + e.getMessage());
        }
        List<String> changes = new ArrayList<>(plan.syncFrom(read.plan(), "by /phase reload"));
        changes.addAll(outlook.syncFrom(read.plan(), "by /phase reload"));
        current.replace(read.plan());
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
}
