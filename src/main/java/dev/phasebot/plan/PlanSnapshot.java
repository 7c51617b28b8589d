package dev.phasebot.plan;

import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plan at one moment, and the rules that read it: what blocks a task, whether a new
 * dependency would make a cycle, what is overdue.
 */
public record PlanSnapshot(List<Task> tasks, List<Gate> gates) {

    public Optional<Task> task(String id) {
        return tasks.stream().filter(t -> t.id().equalsIgnoreCase(id)).findFirst();
    }

    public Optional<Gate> gate(int number) {
        return gates.stream().filter(g -> g.number() == number).findFirst();
    }

    /** The task a user named ("T3", "#t3"); refused naming what was typed when there is none. */
    Task taskNamed(String typed) {
        return task(normaliseRef(typed))
                .orElseThrow(() -> Refusal.of(
                        "task", "There is no task ", Span.code(typed), ". ", Span.code("/task list"), " shows them."));
    }

    /** The gate of this number; refused naming the number when there is none. */
    Gate gateNumbered(int number) {
        return gate(number)
                .orElseThrow(() -> Refusal.of(
                        "gate", "There is no gate " + number + ". ", Span.code("/gate list"), " shows them."));
    }

    /** "T3", "gate:2" from "#T3", "t3", "gate 2", "Gate:2". */
    static String normaliseRef(String ref) {
        String r = ref == null ? "" : ref.strip();
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

    /**
     * Why a task cannot start: unfinished tasks it depends on, gates it depends on that have
     * not passed, and gates that block it (by id, or "all-other-work" for everything not owned
     * by the gate's owner, whose work is what gets the gate passed).
     */
    public List<String> blockers(Task task) {
        List<String> reasons = new ArrayList<>();
        for (String dep : task.dependsOn()) {
            if (dep.startsWith("gate:")) {
                gate(Integer.parseInt(dep.substring(5)))
                        .filter(g -> !g.isPassed())
                        .ifPresent(g -> reasons.add(gateReason(g)));
            } else {
                task(dep)
                        .filter(t -> !t.isDone())
                        .ifPresent(t -> reasons.add(t.id() + ": " + t.title() + " (" + status(t) + ")"));
            }
        }
        for (Gate g : gates) {
            if (g.isPassed() || task.dependsOn().contains(g.ref())) {
                continue;
            }
            boolean all = g.blocks().contains("all-other-work") && !task.owner().equals(g.owner());
            if (all || g.blocks().contains(task.id())) {
                reasons.add(gateReason(g));
            }
        }
        return reasons;
    }

    public boolean isBlocked(Task task) {
        return !task.isDone() && !blockers(task).isEmpty();
    }

    /** Gates that block another gate and have not passed. */
    public List<Gate> gatesBlocking(Gate gate) {
        return gates.stream()
                .filter(g -> !g.isPassed() && g.blocks().contains(gate.ref()))
                .toList();
    }

    /**
     * Gates not passed whose due instant is in (from, to], soonest first. A due instant ends a
     * window ("Week 1" is due as week 2 starts, a date as the next day starts), so a gate due
     * exactly at {@code to} is due in this period and one due at {@code from} was due in the last.
     */
    public List<Gate> gatesDueBetween(Instant from, Instant to) {
        return gates.stream()
                .filter(g -> !g.isPassed()
                        && g.dueAt() != null
                        && g.dueAt().isAfter(from)
                        && !g.dueAt().isAfter(to))
                .sorted(Comparator.comparing(Gate::dueAt).thenComparing(Gate::number))
                .toList();
    }

    public String status(Task task) {
        if (task.isDone()) {
            return "done";
        }
        if (isBlocked(task)) {
            return "blocked";
        }
        return "in_progress".equals(task.status()) ? "in progress" : "todo";
    }

    public boolean isOverdue(Task task, Instant now) {
        return !task.isDone() && task.dueAt() != null && now.isAfter(task.dueAt());
    }

    /** Whether "task depends on dep" would close a loop of task dependencies. */
    public boolean wouldCycle(String taskId, String dep) {
        if (dep.equalsIgnoreCase(taskId)) {
            return true;
        }
        Map<String, List<String>> edges = new HashMap<>();
        tasks.forEach(t -> edges.put(t.id(), t.dependsOn()));
        Set<String> seen = new HashSet<>();
        List<String> stack = new ArrayList<>(List.of(dep));
        while (!stack.isEmpty()) {
            String current = stack.remove(stack.size() - 1);
            if (current.equalsIgnoreCase(taskId)) {
                return true;
            }
            if (seen.add(current)) {
                stack.addAll(edges.getOrDefault(current, List.of()));
            }
        }
        return false;
    }

    static String gateReason(Gate g) {
        return g.label() + ", " + g.metCount() + " of " + g.criteria().size() + " criteria met";
    }
}
