package dev.phasebot.plan;

import dev.phasebot.config.PlanSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Loads the config's plan into the store: new tasks and gates are added, changed fields
 * updated; statuses, checked deliverables, met criteria and passes recorded in Slack stay,
 * and so do fields edited and dependencies removed in Slack.
 */
final class ConfigSync {

    private final PlanContext ctx;

    ConfigSync(PlanContext ctx) {
        this.ctx = ctx;
    }

    void run() {
        PlanRepository repository = ctx.repository;
        DueDates dueDates = ctx.dueDates;
        ctx.database.run(tx -> {
            Map<String, Task> stored =
                    repository.tasks(tx).stream().collect(Collectors.toMap(Task::id, Function.identity()));
            List<PlanSpec.TaskSpec> specs = ctx.config.plan().tasks();
            for (int i = 0; i < specs.size(); i++) {
                PlanSpec.TaskSpec t = specs.get(i);
                Task was = stored.get(t.id());
                Set<String> edited = was == null ? Set.of() : repository.editedFields(tx, t.id());
                String due = edited.contains("due") ? was.due() : t.due();
                repository.upsertTask(
                        tx,
                        t.id(),
                        edited.contains("title") ? was.title() : t.title(),
                        edited.contains("priority") ? was.priority() : t.priority(),
                        edited.contains("risk") ? was.risk() : t.risk(),
                        edited.contains("owner") ? was.owner() : t.owner(),
                        due,
                        dueDates.dueAt(due),
                        "config",
                        i + 1);
                Checklists.sync(tx, Checklists.Kind.DELIVERABLES, t.id(), orNone(t.deliverables()));
                repository.syncConfigDependencies(tx, t.id(), orNone(t.dependsOn()));
            }
            for (PlanSpec.GateSpec g : ctx.config.plan().gates()) {
                repository.upsertGate(
                        tx,
                        g.number(),
                        g.name(),
                        g.owner(),
                        g.due() == null ? "" : g.due(),
                        dueDates.dueAt(g.due()),
                        g.impact());
                Checklists.sync(tx, Checklists.Kind.CRITERIA, g.number(), orNone(g.criteria()));
                repository.syncBlocks(tx, g.number(), orNone(g.blocks()));
            }
        });
        ctx.changed();
    }

    private static List<String> orNone(List<String> list) {
        return list == null ? List.of() : list;
    }
}
