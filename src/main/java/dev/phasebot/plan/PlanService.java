package dev.phasebot.plan;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.PlanSpec;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plan as a whole: loaded from the config, read by every feature that reports on it (as
 * values), and checked each standup day for what is overdue. Changes to one task or one gate
 * are {@link TaskChanges} and {@link GateChanges}; all of them run through {@link PlanWriter}.
 */
public final class PlanService {

    private static final Logger log = LoggerFactory.getLogger(PlanService.class);

    /** The tasks a filter kept, under the filter's title. */
    public record TaskList(String title, List<TaskRow> tasks) {}

    /** One task as {@code /task show} shows it; {@code archivedOn} is the day the config dropped it, or null. */
    public record TaskView(Task task, String status, List<String> blockers, LocalDate archivedOn) {}

    /** A task as another feature names it: the standup summary's "T3 Model Architecture Design (blocked)". */
    public record TaskBrief(String id, String title, String status) {}

    private final BotConfig config;
    private final Database database;
    private final PlanWriter writer;
    private final Outbox outbox;
    private final BooleanSupplier phaseEnded;
    private final Clock clock;
    private final PlanRepository repository = new PlanRepository();
    private final DueDates dueDates;
    private final Destination channel;
    private final Destination coordination = Destination.channel("coordination");
    private final PlanDocs docs;

    /**
     * @param phaseEnded whether the current phase has been closed: its tasks are then its handoff
     *     report's, and nobody is told they are overdue until the next phase begins
     */
    public PlanService(
            BotConfig config,
            Database database,
            PlanWriter writer,
            Outbox outbox,
            Clock clock,
            BooleanSupplier phaseEnded) {
        this.config = config;
        this.phaseEnded = phaseEnded;
        this.database = database;
        this.writer = writer;
        this.outbox = outbox;
        this.clock = clock;
        this.dueDates = DueDates.of(config);
        this.channel = Destination.channel(config.standup().channel());
        this.docs = new PlanDocs(config.phase().zone(), clock);
    }

    // --- the config's plan into the store ---

    /**
     * Loads the config's plan into the store at start-up: see {@link #syncFrom}. Returns what
     * changed, as said in the log and the coordination channel.
     */
    public List<String> syncFromConfig() {
        return syncFrom(config.plan(), "at start-up");
    }

    /**
     * Loads {@code spec} into the store: new tasks and gates are added, changed fields updated;
     * statuses, checked deliverables, met criteria and passes recorded in Slack stay, and so do
     * fields edited and dependencies removed in Slack. A task, gate, deliverable or criterion
     * the spec no longer has is archived with its history (tasks added in Slack are not the
     * config's to drop); one that comes back is live again. When the store already held a
     * plan, each change is logged and one message in the same transaction tells the
     * coordination channel ("Plan changed {@code when}: T7 archived ..."). Returns the changes.
     */
    public List<String> syncFrom(PlanSpec spec, String when) {
        Instant now = clock.instant();
        List<String> changes = writer.change(tx -> {
            Map<String, PlanRepository.StoredItem> storedTasks = repository.storedTasks(tx);
            Map<Integer, PlanRepository.StoredItem> storedGates = repository.storedGates(tx);
            Map<String, Task> stored =
                    repository.tasks(tx).stream().collect(Collectors.toMap(Task::id, Function.identity()));
            List<String> said = new ArrayList<>();
            List<PlanSpec.TaskSpec> specs = spec.tasks();
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
                Checklists.Synced deliverables =
                        Checklists.sync(tx, Checklists.Kind.DELIVERABLES, t.id(), orNone(t.deliverables()), now);
                PlanRepository.StoredItem before = storedTasks.get(t.id());
                if (before == null) {
                    said.add(t.id() + " added");
                } else {
                    if (before.archived()) {
                        said.add(t.id() + " back (in the config again)");
                    }
                    said.addAll(checklistChanges(t.id() + " deliverable", deliverables));
                }
                repository.syncConfigDependencies(tx, t.id(), orNone(t.dependsOn()));
            }
            Set<String> inConfig = specs.stream().map(PlanSpec.TaskSpec::id).collect(Collectors.toSet());
            storedTasks.entrySet().stream()
                    .filter(e -> e.getValue().fromConfig() && !e.getValue().archived())
                    .map(Map.Entry::getKey)
                    .filter(id -> !inConfig.contains(id))
                    .sorted()
                    .forEach(id -> {
                        repository.archiveTask(tx, id, now);
                        said.add(id + " archived (no longer in the config)");
                    });
            for (PlanSpec.GateSpec g : spec.gates()) {
                repository.upsertGate(
                        tx,
                        g.number(),
                        g.name(),
                        g.owner(),
                        g.due() == null ? "" : g.due(),
                        dueDates.dueAt(g.due()),
                        g.impact());
                Checklists.Synced criteria =
                        Checklists.sync(tx, Checklists.Kind.CRITERIA, g.number(), orNone(g.criteria()), now);
                PlanRepository.StoredItem before = storedGates.get(g.number());
                if (before == null) {
                    said.add("Gate " + g.number() + " added");
                } else {
                    if (before.archived()) {
                        said.add("Gate " + g.number() + " back (in the config again)");
                    }
                    said.addAll(checklistChanges("Gate " + g.number() + " criterion", criteria));
                }
                repository.syncBlocks(tx, g.number(), orNone(g.blocks()));
            }
            Set<Integer> gatesInConfig =
                    spec.gates().stream().map(PlanSpec.GateSpec::number).collect(Collectors.toSet());
            storedGates.entrySet().stream()
                    .filter(e -> !e.getValue().archived())
                    .map(Map.Entry::getKey)
                    .filter(number -> !gatesInConfig.contains(number))
                    .sorted()
                    .forEach(number -> {
                        repository.archiveGate(tx, number, now);
                        said.add("Gate " + number + " archived (no longer in the config)");
                    });
            // The first load is the plan itself, not a change to one.
            boolean firstLoad = storedTasks.isEmpty() && storedGates.isEmpty();
            if (firstLoad) {
                return List.<String>of();
            }
            if (!said.isEmpty()) {
                outbox.post(
                        tx,
                        // Two syncs in one millisecond (a reload right after a start) are two messages.
                        "plan-changed:" + now.toEpochMilli() + ":" + said.hashCode(),
                        Message.of(coordination, docs.planChanged(when, said)));
            }
            return List.copyOf(said);
        });
        changes.forEach(change -> log.info("Plan changed {}: {}", when, change));
        return changes;
    }

    private static List<String> checklistChanges(String item, Checklists.Synced synced) {
        List<String> said = new ArrayList<>();
        synced.added().forEach(n -> said.add(item + " " + n + " added"));
        synced.archived().forEach(text -> said.add(item + " \"" + text + "\" archived (no longer in the config)"));
        return said;
    }

    // --- reading the plan ---

    public PlanSnapshot snapshot() {
        return database.read(repository::snapshot);
    }

    /** The tasks {@code filter} keeps, in the plan's order. */
    public TaskList list(TaskFilter filter) {
        PlanSnapshot plan = snapshot();
        Instant now = clock.instant();
        return new TaskList(
                filter.title(),
                plan.tasks().stream()
                        .filter(t -> filter.keeps(plan, t, now))
                        .map(t -> TaskRow.of(plan, t, now))
                        .toList());
    }

    /** One task, its state and what blocks it; refused naming the task when there is none. */
    public TaskView task(String id) {
        PlanSnapshot plan = snapshot();
        if (plan.task(PlanSnapshot.normaliseRef(id)).isEmpty()) {
            // A task the config dropped is archived, not gone: it is still shown, saying so.
            Optional<Map.Entry<Task, Instant>> archived =
                    database.read(tx -> repository.archivedTask(tx, PlanSnapshot.normaliseRef(id)));
            if (archived.isPresent()) {
                Task t = archived.get().getKey();
                return new TaskView(
                        t,
                        t.isDone() ? "done" : t.isInProgress() ? "in progress" : "todo",
                        List.of(),
                        archived.get().getValue().atZone(config.phase().zone()).toLocalDate());
            }
        }
        Task t = plan.taskNamed(id);
        return new TaskView(t, plan.status(t), t.isDone() ? List.of() : plan.blockers(t), null);
    }

    /** One gate; refused naming the gate when there is none. */
    public Gate gate(int number) {
        return snapshot().gateNumbered(number);
    }

    /** Each gate's state: criteria met / total, passed or due, owner, whether another gate holds it. */
    public List<GateProgress> gateProgress() {
        PlanSnapshot plan = snapshot();
        return plan.gates().stream().map(g -> GateProgress.of(plan, g)).toList();
    }

    /** Tasks overdue now. */
    public List<TaskRow> overdue() {
        return overdue(snapshot(), clock.instant());
    }

    /** A task as another feature names it, with its state now. */
    public Optional<TaskBrief> describeTaskValue(String id) {
        PlanSnapshot plan = snapshot();
        return plan.task(id).map(t -> new TaskBrief(t.id(), t.title(), plan.status(t)));
    }

    /** Gates not passed due in (from, to], soonest first (see {@link PlanSnapshot#gatesDueBetween}). */
    public List<Gate> gatesDueBetween(Instant from, Instant to) {
        return snapshot().gatesDueBetween(from, to);
    }

    // --- the daily overdue check ---

    /**
     * DMs each owner their overdue tasks and posts one list to the channel, at most once a day.
     * Returns whether it ran (false when it already ran today).
     */
    public boolean overdueCheck() {
        if (phaseEnded.getAsBoolean()) {
            return false;
        }
        Instant now = clock.instant();
        LocalDate day = now.atZone(config.phase().zone()).toLocalDate();
        return database.inTransaction(tx -> {
            List<TaskRow> overdue = overdue(repository.snapshot(tx), now);
            if (!repository.claimOverdueCheck(tx, day.toString(), now)) {
                return false;
            }
            if (overdue.isEmpty()) {
                return true;
            }
            Map<String, List<TaskRow>> byOwner = new LinkedHashMap<>();
            overdue.forEach(t ->
                    byOwner.computeIfAbsent(t.owner(), k -> new ArrayList<>()).add(t));
            outbox.post(tx, "overdue:" + day, Message.of(channel, docs.overdueList(day, overdue)));
            for (Map.Entry<String, List<TaskRow>> e : byOwner.entrySet()) {
                outbox.post(
                        tx,
                        "overdue:" + day + ":" + e.getKey(),
                        Message.of(Destination.dm(e.getKey()), docs.overdueDm(e.getValue())));
            }
            return true;
        });
    }

    /** Tasks overdue at {@code now}, in the plan's order. */
    private static List<TaskRow> overdue(PlanSnapshot plan, Instant now) {
        return plan.tasks().stream()
                .filter(t -> plan.isOverdue(t, now))
                .map(t -> TaskRow.of(plan, t, now))
                .toList();
    }

    private static List<String> orNone(List<String> list) {
        return list == null ? List.of() : list;
    }
}
