package dev.phasebot.plan;

import dev.phasebot.command.CommandException;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.PlanSpec;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.message.Outbox;
import dev.phasebot.message.SafeText;
import dev.phasebot.message.Times;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The plan kept honest: tasks that cannot start while what they depend on is unfinished,
 * tasks that are done only when their deliverables are (or the lead says so, on the record),
 * gates that pass only when every criterion is met and their owner passes them, and a daily
 * list of what is overdue. Every change is audited; gate changes are posted.
 */
public final class PlanService {

    private final BotConfig config;
    private final Database database;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final PlanRepository repository = new PlanRepository();
    private final DueDates dueDates;
    private final Destination channel;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    public PlanService(BotConfig config, Database database, Outbox outbox, AuditLog audit, Clock clock) {
        this.config = config;
        this.database = database;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.dueDates = new DueDates(config.phase().start(), config.phase().zone());
        this.channel = Destination.channel(config.standup().channel());
    }

    /** Told after every change to the plan (the Slack App Home refreshes on it). */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /**
     * Loads the config's plan into the store: new tasks and gates are added, changed fields
     * updated; statuses, checked deliverables, met criteria and passes recorded in Slack stay.
     */
    public void syncFromConfig() {
        database.run(tx -> {
            List<PlanSpec.TaskSpec> tasks = config.plan().tasks();
            for (int i = 0; i < tasks.size(); i++) {
                PlanSpec.TaskSpec t = tasks.get(i);
                repository.upsertTask(tx, t.id(), t.title(), t.priority(), t.risk(), t.owner(), t.due(),
                        dueDates.dueAt(t.due()), "config", i + 1);
                repository.syncDeliverables(tx, t.id(), t.deliverables() == null ? List.of() : t.deliverables());
                repository.syncConfigDependencies(tx, t.id(), t.dependsOn() == null ? List.of() : t.dependsOn());
            }
            for (PlanSpec.GateSpec g : config.plan().gates()) {
                repository.upsertGate(tx, g.number(), g.name(), g.owner(), g.due() == null ? "" : g.due(),
                        dueDates.dueAt(g.due()), g.impact());
                repository.syncCriteria(tx, g.number(), g.criteria());
                repository.syncBlocks(tx, g.number(), g.blocks() == null ? List.of() : g.blocks());
            }
        });
        changed();
    }

    public PlanSnapshot snapshot() {
        return database.read(tx -> new PlanSnapshot(repository.tasks(tx), repository.gates(tx)));
    }

    // --- tasks ---

    public String addTask(String agent, String title, String priority, String risk, String owner, String due,
                          List<String> deliverables) {
        String taskOwner = owner == null ? agent : owner;
        if (!isLead(agent) && !taskOwner.equals(agent)) {
            throw new CommandException("Only the lead (" + config.lead().id() + ") may add tasks for others; "
                    + "leave out owner: to add one of your own.");
        }
        if (config.agent(taskOwner).isEmpty()) {
            throw new CommandException("`" + SafeText.escape(taskOwner) + "` is not an agent of this phase.");
        }
        if (title == null || title.isBlank() || title.length() > 150) {
            throw new CommandException("Give the task a title of at most 150 characters: `/task add Fuzz the YAML loader; "
                    + "priority: HIGH; due: Week 2`.");
        }
        String p = priority == null ? "MEDIUM" : priority;
        String r = risk == null ? "MEDIUM" : risk;
        if (!PlanSpec.PRIORITIES.contains(p)) {
            throw new CommandException("Priority must be one of " + String.join(", ", PlanSpec.PRIORITIES) + ".");
        }
        if (!PlanSpec.RISKS.contains(r)) {
            throw new CommandException("Risk must be one of " + String.join(", ", PlanSpec.RISKS) + ".");
        }
        String d = due == null || due.isBlank() ? "none" : due.strip();
        Instant now = clock.instant();
        String id = change(tx -> {
            String newId = "T" + repository.nextTaskNumber(tx);
            repository.upsertTask(tx, newId, title.strip(), p, r, taskOwner, d, dueDates.dueAt(d), "slack",
                    repository.nextPosition(tx));
            for (int i = 0; i < deliverables.size(); i++) {
                repository.addDeliverable(tx, newId, i + 1, deliverables.get(i));
            }
            audit.record(tx, now, agent, "task.add", newId + " " + title);
            return newId;
        });
        return "Added " + id + ": " + SafeText.escape(title.strip()) + " (" + p + ", owner " + taskOwner + ", due " + d + ").";
    }

    /**
     * An action item of the weekly review becomes a task owned by the named agent; returns its
     * id. Joins the caller's transaction when there is one.
     */
    public String addActionItem(String title, String owner, String reviewDay) {
        Instant now = clock.instant();
        String text = title.length() > 150 ? title.substring(0, 149) + "…" : title;
        return change(tx -> {
            String newId = "T" + repository.nextTaskNumber(tx);
            String due = LocalDate.parse(reviewDay).plusDays(7).toString();
            repository.upsertTask(tx, newId, text, "MEDIUM", "LOW", owner, due, dueDates.dueAt(due), "slack",
                    repository.nextPosition(tx));
            audit.record(tx, now, config.review().leader(), "task.add", newId + " from the review of " + reviewDay);
            return newId;
        });
    }

    public String start(String agent, String taskId) {
        Instant now = clock.instant();
        return change(tx -> {
            PlanSnapshot plan = new PlanSnapshot(repository.tasks(tx), repository.gates(tx));
            Task task = task(plan, taskId);
            requireOwnerOrLead(agent, task, "start");
            if (task.isDone()) {
                throw new CommandException(task.id() + " is already done.");
            }
            List<String> blockers = plan.blockers(task);
            if (!blockers.isEmpty()) {
                throw new CommandException(task.id() + " cannot start: blocked by " + String.join("; ", blockers) + ".");
            }
            if ("in_progress".equals(task.status())) {
                return task.id() + " is already in progress.";
            }
            repository.setStatus(tx, task.id(), "in_progress", now, false);
            audit.record(tx, now, agent, "task.start", task.id());
            return task.id() + " is in progress.";
        });
    }

    public String done(String agent, String taskId, boolean force) {
        Instant now = clock.instant();
        return change(tx -> {
            PlanSnapshot plan = new PlanSnapshot(repository.tasks(tx), repository.gates(tx));
            Task task = task(plan, taskId);
            requireOwnerOrLead(agent, task, "finish");
            if (task.isDone()) {
                throw new CommandException(task.id() + " is already done.");
            }
            List<String> open = task.deliverables().stream().filter(d -> !d.isChecked())
                    .map(d -> d.index() + ". " + d.text()).toList();
            if (force && !isLead(agent)) {
                throw new CommandException("Only the lead (" + config.lead().id() + ") may mark a task done over "
                        + "unchecked deliverables.");
            }
            if (!open.isEmpty() && !force) {
                throw new CommandException(task.id() + " has unchecked deliverables: " + String.join("; ", open)
                        + ". Check them with `/task deliverable " + task.id() + " check <n>`"
                        + (isLead(agent) ? ", or override with `/task done " + task.id() + " force`." : "."));
            }
            repository.setStatus(tx, task.id(), "done", now, force && !open.isEmpty());
            audit.record(tx, now, agent, force && !open.isEmpty() ? "task.done-override" : "task.done",
                    task.id() + (open.isEmpty() ? "" : ", unchecked: " + String.join("; ", open)));
            PlanSnapshot after = new PlanSnapshot(repository.tasks(tx), repository.gates(tx));
            long unblocked = countUnblocked(plan, after);
            outbox.post(tx, "task:" + task.id() + ":done", Message.of(channel, ":white_check_mark: *" + task.id() + " "
                    + SafeText.escape(task.title()) + "* is done (" + agent + ")"
                    + (force && !open.isEmpty() ? ", by the lead's override with " + open.size() + " deliverable(s) unchecked" : "")
                    + (unblocked > 0 ? "; " + unblocked + " task" + (unblocked == 1 ? "" : "s") + " unblocked." : ".")));
            return task.id() + " is done." + (unblocked > 0 ? " " + unblocked + " unblocked." : "");
        });
    }

    public String checkDeliverable(String agent, String taskId, int index, boolean checked) {
        Instant now = clock.instant();
        return change(tx -> {
            Task task = task(new PlanSnapshot(repository.tasks(tx), List.of()), taskId);
            requireOwnerOrLead(agent, task, "check deliverables of");
            if (index < 1 || index > task.deliverables().size()) {
                throw new CommandException(task.id() + " has " + task.deliverables().size() + " deliverables; pick 1 to "
                        + task.deliverables().size() + " (`/task show " + task.id() + "` lists them).");
            }
            repository.checkDeliverable(tx, task.id(), index, now, agent, checked);
            audit.record(tx, now, agent, checked ? "task.check" : "task.uncheck", task.id() + "#" + index);
            Task.Deliverable d = task.deliverables().get(index - 1);
            long count = task.checkedCount() + (checked == d.isChecked() ? 0 : checked ? 1 : -1);
            return task.id() + " deliverable " + index + " (" + SafeText.escape(d.text()) + ") "
                    + (checked ? "checked" : "unchecked") + ": " + count + " of " + task.deliverables().size() + " done.";
        });
    }

    public String depend(String agent, String taskId, String on) {
        Instant now = clock.instant();
        return change(tx -> {
            PlanSnapshot plan = new PlanSnapshot(repository.tasks(tx), repository.gates(tx));
            Task task = task(plan, taskId);
            requireOwnerOrLead(agent, task, "change the dependencies of");
            String dep = normaliseRef(on);
            if (dep.startsWith("gate:")) {
                if (plan.gate(Integer.parseInt(dep.substring(5))).isEmpty()) {
                    throw new CommandException("There is no " + dep + ". Gates: " + plan.gates().stream()
                            .map(Gate::ref).collect(Collectors.joining(", ")) + ".");
                }
            } else {
                Task other = task(plan, dep);
                dep = other.id();
                if (plan.wouldCycle(task.id(), dep)) {
                    throw new CommandException("Refused: " + task.id() + " depending on " + dep
                            + " would make a cycle (" + dep + " already depends on " + task.id() + ", directly or not).");
                }
            }
            if (task.dependsOn().contains(dep)) {
                return task.id() + " already depends on " + dep + ".";
            }
            repository.addDependency(tx, task.id(), dep);
            audit.record(tx, now, agent, "task.depends", task.id() + " on " + dep);
            return task.id() + " now depends on " + dep + ".";
        });
    }

    // --- gates ---

    public String checkCriterion(String agent, int number, String which, boolean met) {
        Instant now = clock.instant();
        return change(tx -> {
            Gate gate = gate(new PlanSnapshot(List.of(), repository.gates(tx)), number);
            if (!agent.equals(gate.owner()) && !isLead(agent)) {
                throw new CommandException("Only the gate's owner (" + gate.owner() + ") or the lead ("
                        + config.lead().id() + ") may " + (met ? "check" : "uncheck") + " criteria of " + gate.label() + ".");
            }
            if (gate.isPassed()) {
                throw new CommandException(gate.label() + " has passed; the lead can `/gate reopen " + number + "` first.");
            }
            Gate.Criterion criterion = criterion(gate, which);
            repository.setCriterion(tx, number, criterion.index(), now, agent, met);
            long count = gate.metCount() + (met == criterion.isMet() ? 0 : met ? 1 : -1);
            String text = (met ? ":ballot_box_with_check: " : ":leftwards_arrow_with_hook: ") + gate.label() + ": "
                    + agent + (met ? " checked " : " unchecked ") + "\"" + SafeText.escape(criterion.text()) + "\" ("
                    + count + " of " + gate.criteria().size() + " criteria met).";
            outbox.post(tx, "gate:" + number + ":" + criterion.index() + ":" + met + ":" + now.toEpochMilli(),
                    Message.of(channel, text));
            audit.record(tx, now, agent, met ? "gate.check" : "gate.uncheck", gate.ref() + "#" + criterion.index());
            return text;
        });
    }

    public String pass(String agent, int number) {
        Instant now = clock.instant();
        return change(tx -> {
            PlanSnapshot before = new PlanSnapshot(repository.tasks(tx), repository.gates(tx));
            Gate gate = gate(before, number);
            if (!agent.equals(gate.owner())) {
                throw new CommandException("Only the gate's owner (" + gate.owner() + ") may pass " + gate.label() + ".");
            }
            if (gate.isPassed()) {
                throw new CommandException(gate.label() + " already passed on "
                        + Times.shortDay(gate.passedAt().atZone(config.phase().zone()).toLocalDate()) + ".");
            }
            List<String> unmet = gate.criteria().stream().filter(c -> !c.isMet()).map(c -> c.index() + ". " + c.text())
                    .toList();
            if (!unmet.isEmpty()) {
                throw new CommandException(gate.label() + " cannot pass: " + unmet.size() + " of "
                        + gate.criteria().size() + " criteria unmet: " + SafeText.escape(String.join("; ", unmet)) + ".");
            }
            List<Gate> blocking = before.gatesBlocking(gate);
            if (!blocking.isEmpty()) {
                throw new CommandException(gate.label() + " cannot pass before " + blocking.stream()
                        .map(PlanSnapshot::gateReason).collect(Collectors.joining("; ")) + ".");
            }
            repository.setPassed(tx, number, now, agent);
            PlanSnapshot after = new PlanSnapshot(repository.tasks(tx), repository.gates(tx));
            long unblocked = countUnblocked(before, after);
            String text = ":tada: *" + gate.label() + " passed*: " + unblocked + " task" + (unblocked == 1 ? "" : "s")
                    + " unblocked." + (gate.impact() == null ? "" : " " + SafeText.escape(gate.impact()) + ".");
            outbox.post(tx, "gate:" + number + ":passed:" + now.toEpochMilli(), Message.of(channel, text));
            audit.record(tx, now, agent, "gate.pass", gate.ref());
            return text;
        });
    }

    public String reopen(String agent, int number) {
        if (!isLead(agent)) {
            throw new CommandException("Only the lead (" + config.lead().id() + ") may reopen a gate.");
        }
        Instant now = clock.instant();
        return change(tx -> {
            Gate gate = gate(new PlanSnapshot(List.of(), repository.gates(tx)), number);
            if (!gate.isPassed()) {
                throw new CommandException(gate.label() + " has not passed; there is nothing to reopen.");
            }
            repository.setPassed(tx, number, null, null);
            String text = ":rewind: " + gate.label() + " was reopened by " + agent + "; what it blocks is blocked again.";
            outbox.post(tx, "gate:" + number + ":reopened:" + now.toEpochMilli(), Message.of(channel, text));
            audit.record(tx, now, agent, "gate.reopen", gate.ref());
            return text;
        });
    }

    // --- the daily overdue check ---

    /** DMs each owner their overdue tasks and posts one list; at most once a day. Returns whether it ran. */
    public boolean overdueCheck() {
        Instant now = clock.instant();
        LocalDate day = now.atZone(config.phase().zone()).toLocalDate();
        return database.inTransaction(tx -> {
            PlanSnapshot plan = new PlanSnapshot(repository.tasks(tx), repository.gates(tx));
            List<Task> overdue = plan.tasks().stream().filter(t -> plan.isOverdue(t, now)).toList();
            if (!repository.claimOverdueCheck(tx, day.toString(), now)) {
                return false;
            }
            if (overdue.isEmpty()) {
                return true;
            }
            Map<String, List<Task>> byOwner = new LinkedHashMap<>();
            overdue.forEach(t -> byOwner.computeIfAbsent(t.owner(), k -> new ArrayList<>()).add(t));
            StringBuilder list = new StringBuilder(":alarm_clock: *Overdue tasks, " + Times.longDay(day) + "*\n");
            for (Task t : overdue) {
                list.append(line(plan, t, now)).append('\n');
            }
            outbox.post(tx, "overdue:" + day, Message.of(channel, list.toString().stripTrailing()));
            for (Map.Entry<String, List<Task>> e : byOwner.entrySet()) {
                outbox.post(tx, "overdue:" + day + ":" + e.getKey(), Message.of(Destination.dm(e.getKey()),
                        ":alarm_clock: You own " + e.getValue().size() + " overdue task"
                                + (e.getValue().size() == 1 ? "" : "s") + ":\n" + e.getValue().stream()
                                .map(t -> line(plan, t, now)).collect(Collectors.joining("\n"))));
            }
            return true;
        });
    }

    /** Each gate's state for the weekly review: criteria met / total, passed or due, owner. */
    public List<String> gateLines() {
        PlanSnapshot plan = snapshot();
        return plan.gates().stream().map(g -> g.label() + ": " + g.metCount() + "/" + g.criteria().size()
                + " criteria met · owner " + g.owner() + " · " + (g.isPassed() ? "passed "
                + Times.shortDay(g.passedAt().atZone(config.phase().zone()).toLocalDate()) : "due " + SafeText.escape(g.due()))
                + (g.isPassed() || plan.gatesBlocking(g).isEmpty() ? "" : " · waiting on another gate")).toList();
    }

    /** Tasks overdue now, one line each. */
    public List<String> overdueLines() {
        PlanSnapshot plan = snapshot();
        Instant now = clock.instant();
        return plan.tasks().stream().filter(t -> plan.isOverdue(t, now)).map(t -> line(plan, t, now).substring(2)).toList();
    }

    /** A task as the standup summary names it: "T3 Model Architecture Design (blocked)". */
    public Optional<String> describeTask(String id) {
        PlanSnapshot plan = snapshot();
        return plan.task(id).map(t -> t.id() + " " + SafeText.escape(t.title()) + " (" + plan.status(t) + ")");
    }

    String line(PlanSnapshot plan, Task t, Instant now) {
        return "• *" + t.id() + "* " + SafeText.escape(t.title()) + " · " + t.priority() + " · " + t.owner() + " · "
                + plan.status(t) + (t.dueAt() == null ? "" : " · due " + SafeText.escape(t.due())
                + (plan.isOverdue(t, now) ? " (overdue since " + Times.shortDay(t.dueAt()
                .atZone(config.phase().zone()).toLocalDate()) + ")" : ""));
    }

    // --- helpers ---

    private static long countUnblocked(PlanSnapshot before, PlanSnapshot after) {
        return before.tasks().stream().filter(before::isBlocked)
                .filter(t -> after.task(t.id()).map(a -> !after.isBlocked(a)).orElse(false)).count();
    }

    private Task task(PlanSnapshot plan, String id) {
        return plan.task(normaliseRef(id)).orElseThrow(() -> new CommandException("There is no task `"
                + SafeText.escape(id) + "`. `/task list` shows them."));
    }

    private Gate gate(PlanSnapshot plan, int number) {
        return plan.gate(number).orElseThrow(() -> new CommandException("There is no gate " + number
                + ". `/gate list` shows them."));
    }

    private static Gate.Criterion criterion(Gate gate, String which) {
        String w = which == null ? "" : which.strip();
        if (w.matches("\\d+")) {
            int n = Integer.parseInt(w);
            if (n >= 1 && n <= gate.criteria().size()) {
                return gate.criteria().get(n - 1);
            }
        } else if (!w.isEmpty()) {
            List<Gate.Criterion> matches = gate.criteria().stream()
                    .filter(c -> c.text().toLowerCase().contains(w.toLowerCase())).toList();
            if (matches.size() == 1) {
                return matches.get(0);
            }
        }
        StringBuilder list = new StringBuilder();
        gate.criteria().forEach(c -> list.append(' ').append(c.index()).append(". ").append(c.text()).append(';'));
        throw new CommandException("Name one criterion of " + gate.label() + " by number or a unique part of its text:"
                + SafeText.escape(list.toString()));
    }

    private void requireOwnerOrLead(String agent, Task task, String what) {
        if (!agent.equals(task.owner()) && !isLead(agent)) {
            throw new CommandException("Only " + task.id() + "'s owner (" + task.owner() + ") or the lead ("
                    + config.lead().id() + ") may " + what + " " + task.id() + ".");
        }
    }

    private boolean isLead(String agent) {
        return config.lead().id().equals(agent);
    }

    static String normaliseRef(String ref) {
        String r = ref.strip();
        if (r.startsWith("#")) {
            r = r.substring(1);
        }
        if (r.toLowerCase().startsWith("gate:")) {
            return "gate:" + r.substring(5).strip();
        }
        if (r.toLowerCase().startsWith("gate")) {
            return "gate:" + r.substring(4).strip();
        }
        return r.toUpperCase();
    }

    /** Runs a change of the plan in one transaction and tells the listeners once it committed. */
    private <T> T change(Database.TxWork<T> work) {
        T result = database.inTransaction(work);
        changed();
        return result;
    }

    private void changed() {
        changeListeners.forEach(Runnable::run);
    }
}
