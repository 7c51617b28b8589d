package dev.phasebot.api;

import dev.phasebot.command.CommandDispatcher;
import dev.phasebot.config.BotConfig;
import dev.phasebot.incident.IncidentQueries;
import dev.phasebot.incident.IncidentService;
import dev.phasebot.plan.GateChanges;
import dev.phasebot.plan.PlanService;
import dev.phasebot.plan.TaskChanges;
import dev.phasebot.review.ReviewLog;
import dev.phasebot.standup.StandupService;
import java.util.List;

/**
 * What the API serves from: the core services the slash commands call, and the dispatcher
 * whose tables say who may run each command.
 */
public record ApiServices(
        BotConfig config,
        StandupService standups,
        IncidentService incidents,
        IncidentQueries incidentQueries,
        PlanService plan,
        TaskChanges tasks,
        GateChanges gates,
        ReviewLog reviewLog,
        CommandDispatcher dispatcher) {

    List<Route> routes() {
        return new ApiRoutes(
                        config,
                        standups,
                        incidents,
                        incidentQueries,
                        plan,
                        tasks,
                        gates,
                        reviewLog,
                        new CommandAccess(dispatcher))
                .routes();
    }
}
