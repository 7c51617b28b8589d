package dev.phasebot.incident;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.PlanSpec;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.store.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks every change passes first, in one place so the refusals read alike: the incident
 * exists and is open, the one acting may, the text fits, the area is in the plan. Each refusal
 * names the form input it concerns.
 */
final class IncidentGuard {

    static final int MAX_TITLE = 150;
    static final int MAX_TEXT = 3_000;

    private final BotConfig config;
    private final IncidentRepository repository;
    private final IncidentDocs docs;

    IncidentGuard(BotConfig config, IncidentRepository repository, IncidentDocs docs) {
        this.config = config;
        this.repository = repository;
        this.docs = docs;
    }

    /** {@code text} stripped (empty for null), refused when longer than {@link #MAX_TEXT}. */
    static String fitting(String text, String field, String what) {
        String body = text == null ? "" : text.strip();
        if (body.length() > MAX_TEXT) {
            throw Refusal.of(
                    field,
                    "Keep " + what + " under " + MAX_TEXT + " characters"
                            + (what.equals("it") ? " and link longer documents." : "."));
        }
        return body;
    }

    Incident open(Tx tx, long id) {
        Incident incident = repository.find(tx, id).orElseThrow(() -> noSuch(id));
        if (incident.cancelled()) {
            throw Refusal.of(
                    null,
                    "Incident #" + id + " was cancelled at " + docs.clock(incident.cancelledAt()) + " by "
                            + incident.cancelledBy() + " (" + incident.cancelReason() + "); nothing more to do.");
        }
        if (incident.resolved()) {
            throw Refusal.of(
                    null,
                    "Incident #" + id + " was resolved at " + docs.clock(incident.resolvedAt()) + " by "
                            + incident.resolvedBy() + "; nothing more to do.");
        }
        return incident;
    }

    static Refusal noSuch(long id) {
        return Refusal.of(
                null, "There is no incident #" + id + ". ", Span.code("/incident list"), " shows the open ones.");
    }

    void requireResponder(Incident incident, String agent, String what) {
        responderRefusal(incident, agent, what).ifPresent(refusal -> {
            throw new Refusal(refusal);
        });
    }

    Optional<Doc> responderRefusal(Incident incident, String agent, String what) {
        String lead = config.lead().id();
        if (incident.assignee().equals(agent) || incident.owner().equals(agent) || lead.equals(agent)) {
            return Optional.empty();
        }
        return Optional.of(Doc.of("Only the assignee (" + incident.assignee() + "), the area owner ("
                + incident.owner() + ") or the lead (" + lead + ") may post the " + what + " of incident #"
                + incident.id() + "."));
    }

    Optional<Doc> resolverRefusal(Incident incident, String agent) {
        String lead = config.lead().id();
        boolean assigneeMay =
                config.escalation().assigneeMayResolve() && incident.assignee().equals(agent);
        if (lead.equals(agent) || assigneeMay) {
            return Optional.empty();
        }
        return Optional.of(Doc.of("Only the lead (" + lead + ")"
                + (config.escalation().assigneeMayResolve() ? " or the assignee (" + incident.assignee() + ")" : "")
                + " may resolve incident #" + incident.id() + "."));
    }

    /**
     * Who owns the affected task or gate in {@code plan} (the current one, reloads included); for
     * none, a security team member (security) or the lead.
     */
    String areaOwner(PlanSpec plan, String affects, boolean security) {
        if (affects != null) {
            for (PlanSpec.TaskSpec task : plan.tasks()) {
                if (task.id().equalsIgnoreCase(affects)) {
                    return task.owner();
                }
            }
            for (PlanSpec.GateSpec gate : plan.gates()) {
                if (("gate:" + gate.number()).equalsIgnoreCase(affects)) {
                    return gate.owner();
                }
            }
            List<String> known = new ArrayList<>();
            plan.tasks().forEach(t -> known.add(t.id()));
            plan.gates().forEach(g -> known.add("gate:" + g.number()));
            throw Refusal.of(
                    "affects",
                    Span.code(affects),
                    " is not a task or gate of the plan. Use one of: " + String.join(", ", known) + ".");
        }
        if (security) {
            return config.agents().stream()
                    .filter(a -> config.isSecurityTeam(a.id()))
                    .findFirst()
                    .map(a -> a.id())
                    .orElse(config.lead().id());
        }
        return config.lead().id();
    }

    static String describe(Act act) {
        return switch (act) {
            case ACKNOWLEDGE -> "acknowledgement";
            case ASSESS -> "technical assessment";
            case PLAN -> "mitigation plan";
            case IMPLEMENTED -> "implementation";
            case ESCALATE -> "escalation";
        };
    }

    static String example(Act act) {
        return switch (act) {
            case ASSESS -> "eval() on transform params, exploitable from config";
            case PLAN -> "whitelist modules, disable dynamic transforms";
            case IMPLEMENTED -> "patch merged in #142";
            default -> "needs the vendor's security team";
        };
    }
}
