package dev.phasebot.api;

import dev.phasebot.command.CommandDispatcher;
import dev.phasebot.config.BotConfig;
import dev.phasebot.incident.IncidentQueries;
import dev.phasebot.incident.IncidentService;
import dev.phasebot.plan.GateChanges;
import dev.phasebot.plan.PlanService;
import dev.phasebot.plan.TaskChanges;
import dev.phasebot.review.ReviewLog;
import dev.phasebot.standup.StandupReports;
import dev.phasebot.standup.StandupUpdates;
import java.util.List;

/**
 * What the API serves from: the core services the slash commands call, and the dispatcher
 * whose tables say who may run each command.
 */
public record ApiServices(
        BotConfig config,
        StandupReports standupReports,
        StandupUpdates standupUpdates,
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
                        standupReports,
                        standupUpdates,
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
