package dev.phasebot.plan;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.PlanSpec;
import dev.phasebot.message.SafeText;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /phase}: the whole phase on one screen: gates with progress, tasks by priority with
 * status and owner, what is overdue or blocked, and open CRITICAL incidents (security ones by
 * id only, since this view may be shown anywhere).
 */
public final class Dashboard {

    private final BotConfig config;
    private final PlanService plan;
    private final Clock clock;
    private volatile Supplier<List<String>> openIncidents = List::of;

    public Dashboard(BotConfig config, PlanService plan, Clock clock) {
        this.config = config;
        this.plan = plan;
        this.clock = clock;
    }

    public void useOpenIncidents(Supplier<List<String>> openIncidents) {
        this.openIncidents = openIncidents;
    }

    public String render() {
        PlanSnapshot snapshot = plan.snapshot();
        Instant now = clock.instant();
        StringBuilder text = new StringBuilder("*" + SafeText.escape(config.phase().name()) + "*\n");
        List<String> incidents = openIncidents.get();
        if (!incidents.isEmpty()) {
            text.append(":rotating_light: *Open CRITICAL incidents:* ").append(String.join(", ", incidents)).append('\n');
        }
        text.append("\n*Quality gates*\n");
        for (Gate g : snapshot.gates()) {
            text.append("• ").append(g.isPassed() ? ":white_check_mark: " : ":white_square: ").append(g.label())
                    .append(": ").append(g.metCount()).append('/').append(g.criteria().size()).append(" criteria · ")
                    .append(g.owner()).append(g.isPassed() ? " · passed" : " · due " + SafeText.escape(g.due()))
                    .append('\n');
        }
        for (String priority : PlanSpec.PRIORITIES) {
            List<Task> tasks = snapshot.tasks().stream().filter(t -> t.priority().equals(priority)).toList();
            if (tasks.isEmpty()) {
                continue;
            }
            text.append("\n*").append(priority).append("*\n");
            for (Task t : tasks) {
                text.append("• *").append(t.id()).append("* ").append(SafeText.escape(t.title())).append(" · ")
                        .append(t.owner()).append(" · ").append(snapshot.status(t)).append(" · ")
                        .append(t.checkedCount()).append('/').append(t.deliverables().size()).append(" deliverables\n");
            }
        }
        List<Task> overdue = snapshot.tasks().stream().filter(t -> snapshot.isOverdue(t, now)).toList();
        List<Task> blocked = snapshot.tasks().stream().filter(snapshot::isBlocked).toList();
        text.append("\n*Overdue:* ").append(overdue.isEmpty() ? "nothing" : String.join(", ",
                overdue.stream().map(Task::id).toList())).append('\n');
        text.append("*Blocked:* ").append(blocked.isEmpty() ? "nothing" : String.join(", ",
                blocked.stream().map(Task::id).toList()));
        return text.toString();
    }
}
