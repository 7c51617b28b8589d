package dev.phasebot.incident;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.EscalationPolicy;
import dev.phasebot.incident.IncidentResult.Deadline;
import dev.phasebot.message.Times;
import dev.phasebot.oncall.OnCall;
import dev.phasebot.schedule.Timer;
import dev.phasebot.schedule.TimerService;
import dev.phasebot.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A CRITICAL incident's deadlines: one durable timer per milestone; a missed one posts a
 * notice and pages the next level, then repeats as the policy says. Every notice is claimed
 * by a unique (incident, milestone, attempt) row in the transaction that writes it, after
 * checking the incident is still open, so nothing is sent twice and nothing fires after resolve.
 */
final class EscalationClock {

    static final String DEADLINE = "incident.deadline";

    private final BotConfig config;
    private final TimerService timers;
    private final IncidentRepository repository;
    private final IncidentDocs docs;
    private final IncidentNotices notices;
    private final OnCall onCall;

    EscalationClock(
            BotConfig config,
            TimerService timers,
            IncidentRepository repository,
            IncidentDocs docs,
            IncidentNotices notices,
            OnCall onCall) {
        this.config = config;
        this.onCall = onCall;
        this.timers = timers;
        this.repository = repository;
        this.docs = docs;
        this.notices = notices;
        timers.on(DEADLINE, this::deadline);
    }

    /** Arms every deadline of the policy not met before, from now; returns them. */
    List<Deadline> start(Tx tx, long id, Instant now) {
        Set<Integer> met =
                repository.milestones(tx, id).stream().map(Milestone::index).collect(Collectors.toSet());
        List<EscalationPolicy.Milestone> policy = config.escalation().milestones();
        List<Deadline> deadlines = new ArrayList<>();
        for (int i = 0; i < policy.size(); i++) {
            if (met.contains(i)) {
                continue;
            }
            Instant due = now.plus(policy.get(i).due());
            repository.addMilestone(
                    tx, id, i, policy.get(i).name(), policy.get(i).act(), due);
            timers.schedule(tx, DEADLINE, subject(id, i, 0, due), due);
            deadlines.add(new Deadline(policy.get(i).name(), due));
        }
        return deadlines;
    }

    /** Stops every timer of the incident; returns how many were pending. */
    int stop(Tx tx, long id) {
        return timers.cancelAll(tx, DEADLINE, id + ":");
    }

    /** Stops the timers of one milestone, met now. */
    void met(Tx tx, long id, int milestone) {
        timers.cancelAll(tx, DEADLINE, id + ":" + milestone + ":");
    }

    private void deadline(Tx tx, Timer timer, Instant now) {
        String[] parts = timer.subject().split(":");
        long id = Long.parseLong(parts[0]);
        int index = Integer.parseInt(parts[1]);
        int attempt = Integer.parseInt(parts[2]);
        Optional<Incident> found = repository.find(tx, id);
        if (found.isEmpty() || found.get().closed()) {
            return;
        }
        Incident incident = found.get();
        List<Milestone> milestones = repository.milestones(tx, id);
        if (index >= milestones.size() || milestones.get(index).isMet()) {
            return;
        }
        Milestone milestone = milestones.get(index);
        if (parts.length > 3 && Long.parseLong(parts[3]) != milestone.dueAt().toEpochMilli()) {
            return; // armed by a clock that has since stopped (severity lowered, then raised again)
        }
        Duration late = Duration.between(timer.dueAt(), now);
        if (!repository.claimNotice(tx, id, index, attempt, now, late.toMillis())) {
            return;
        }
        List<EscalationPolicy.Milestone> policy = config.escalation().milestones();
        EscalationPolicy.Milestone rule = index < policy.size() ? policy.get(index) : null;
        String notify = rule == null ? "lead" : rule.notifies();
        // Whoever is on call as the notice is sent: a rotation may have handed over since the raise.
        String target = target(tx, incident, notify, now);
        int maxRepeats =
                rule == null || rule.repeat() == null ? 0 : rule.repeat().max();
        var notice = docs.notice(incident, milestone, attempt, maxRepeats, now, late, target, notify);
        // The deadline is in the key: a clock started again (severity lowered, then raised) is a new notice.
        String base =
                "notice:" + index + ":" + attempt + ":" + milestone.dueAt().toEpochMilli();
        notices.say(tx, incident, IncidentNotices.key(id, base), notices.channel(incident), notice);
        notices.page(
                tx,
                incident,
                IncidentNotices.key(id, base + ":page"),
                target,
                notice,
                milestone.name() + " missed"
                        + (now.isAfter(milestone.dueAt().plusSeconds(59))
                                ? " by " + Times.duration(Duration.between(milestone.dueAt(), now))
                                : "")
                        + (attempt == 0 ? "" : " (reminder " + attempt + ")"));
        notices.toPagers(
                tx,
                incident,
                base,
                docs.missedPage(incident, milestone, attempt, target, notices.where(incident), now));
        repository.event(
                tx,
                id,
                now,
                "phasebot",
                attempt == 0 ? "deadline missed" : "reminder " + attempt,
                milestone.name() + "; paged " + target
                        + (Times.isNoticeablyLate(late) ? "; sent " + Times.lateness(late) + " late" : ""));
        if (attempt < maxRepeats) {
            Instant next = milestone.dueAt().plus(rule.repeat().every().multipliedBy(attempt + 1L));
            Instant earliest = now.plus(rule.repeat().every());
            // After an outage, space the repeats out from now instead of firing them all at once.
            timers.schedule(
                    tx,
                    DEADLINE,
                    subject(id, index, attempt + 1, milestone.dueAt()),
                    next.isBefore(now) ? earliest : next);
        }
        notices.refreshCard(tx, id, now);
    }

    /** Who must act for {@code milestone} now: its policy's {@code notify:}, resolved through who is on call. */
    String responsible(Tx tx, Incident incident, Milestone milestone, Instant now) {
        List<EscalationPolicy.Milestone> policy = config.escalation().milestones();
        String notify = milestone.index() < policy.size()
                ? policy.get(milestone.index()).notifies()
                : "lead";
        return target(tx, incident, notify, now);
    }

    private String target(Tx tx, Incident incident, String notify, Instant now) {
        return switch (notify) {
            case "assignee" -> incident.assignee();
            case "owner" -> onCall.ownerAt(tx, incident.owner(), now);
            case "contact" -> onCall.personAt(tx, "contact", now);
            default -> onCall.personAt(tx, "lead", now);
        };
    }

    /**
     * A deadline timer's subject: incident, milestone, attempt, and the milestone's deadline.
     * The deadline names the clock that armed it: timers are once per subject, so a clock
     * started again (severity lowered, then raised) needs subjects of its own to be armed at
     * all. Subjects stored before it was added have three parts and still fire.
     */
    static String subject(long id, int milestone, int attempt, Instant deadline) {
        return id + ":" + milestone + ":" + attempt + ":" + deadline.toEpochMilli();
    }
}
