package dev.phasebot.incident;

import dev.phasebot.command.CommandException;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.EscalationPolicy;
import dev.phasebot.config.PlanSpec;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.message.Outbox;
import dev.phasebot.message.SafeText;
import dev.phasebot.message.Times;
import dev.phasebot.schedule.Timer;
import dev.phasebot.schedule.TimerHandler;
import dev.phasebot.schedule.TimerService;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CRITICAL incidents against the clock. Raising one posts its card at once and arms one
 * durable timer per milestone; meeting a milestone cancels its timer (and earlier ones) in
 * the same transaction; a missed one posts an escalation and pages the next level, then
 * repeats as the policy says. Every notice is claimed by a unique (incident, milestone,
 * attempt) row in the transaction that writes it, after checking the incident is still
 * open, so nothing is ever sent twice and nothing fires after resolve.
 */
public final class IncidentService {

    static final String DEADLINE = "incident.deadline";
    /** How long the raiser may cancel an incident raised in error; after that only the lead may. */
    static final Duration RAISER_MAY_CANCEL = Duration.ofMinutes(15);
    private static final int MAX_TITLE = 150;
    private static final int MAX_TEXT = 3_000;

    private final BotConfig config;
    private final Database database;
    private final Outbox outbox;
    private final TimerService timers;
    private final AuditLog audit;
    private final Clock clock;
    private final IncidentRepository repository = new IncidentRepository();
    private final IncidentMessages messages;
    private final Audience audience;
    private final List<Runnable> openSetListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public IncidentService(BotConfig config, Database database, Outbox outbox, TimerService timers, AuditLog audit,
                           Clock clock) {
        this.config = config;
        this.database = database;
        this.outbox = outbox;
        this.timers = timers;
        this.audit = audit;
        this.clock = clock;
        this.messages = new IncidentMessages(config);
        this.audience = new Audience(config);
        timers.register(TimerHandler.of(DEADLINE, this::deadline));
    }

    /** Told after an incident is raised or resolved (the App Home dashboard lists the open ones). */
    public void onOpenSetChange(Runnable listener) {
        openSetListeners.add(listener);
    }

    /** Raises an incident; returns the answer for the person who raised it. */
    public String raise(String agent, RaiseRequest request) {
        String title = request.title() == null ? "" : request.title().strip();
        if (title.isEmpty()) {
            throw new CommandException("Give the incident a title: `/incident Code injection in features.py`. "
                    + "`/incident help` shows the options.");
        }
        if (title.length() > MAX_TITLE) {
            throw new CommandException("Keep the title under " + MAX_TITLE + " characters and put the rest after ` -- `.");
        }
        if (request.description() != null && request.description().length() > MAX_TEXT) {
            throw new CommandException("Keep the description under " + MAX_TEXT + " characters.");
        }
        String severity = request.severity() == null ? "CRITICAL" : request.severity();
        if (!PlanSpec.PRIORITIES.contains(severity)) {
            throw new CommandException("Severity must be one of CRITICAL, HIGH, MEDIUM, LOW.");
        }
        String affects = request.affects() == null || request.affects().isBlank() ? null : request.affects().strip();
        String owner = areaOwner(affects, request.security());
        // Whoever works a security incident must be able to read it.
        String assignee = request.security() && !audience.isMember(owner) ? areaOwner(null, true) : owner;
        Instant now = clock.instant();
        String answer = database.inTransaction(tx -> {
            long id = repository.insert(tx, title, severity, request.security(), blankToNull(request.description()),
                    affects, agent, now, owner, assignee);
            repository.event(tx, id, now, agent, "raised", severity + (request.security() ? ", security" : ""));
            if ("CRITICAL".equals(severity)) {
                List<EscalationPolicy.Milestone> policy = config.escalation().milestones();
                for (int i = 0; i < policy.size(); i++) {
                    Instant due = now.plus(policy.get(i).due());
                    repository.addMilestone(tx, id, i, policy.get(i).name(), policy.get(i).act(), due);
                    timers.schedule(tx, DEADLINE, subject(id, i, 0, due), due);
                }
            }
            Incident incident = repository.find(tx, id).orElseThrow();
            List<Milestone> milestones = repository.milestones(tx, id);
            say(tx, incident, cardKey(id), new Message(channel(incident),
                    messages.card(incident, milestones, now), messages.buttons(incident)));
            if (incident.security()) {
                say(tx, incident, key(id, "public"), Message.of(Destination.channel(config.escalation().defaultChannel()),
                        messages.redacted(incident)));
            }
            Set<String> paged = new LinkedHashSet<>(List.of(config.lead().id(), owner, assignee));
            for (String who : paged) {
                if (!who.equals(agent)) {
                    say(tx, incident, key(id, "raised:" + who), new Message(Destination.dm(who),
                            "You are needed on " + messages.card(incident, milestones, now), messages.buttons(incident)));
                }
            }
            audit.record(tx, now, agent, "incident.raise", "#" + id + " " + severity);
            return "Incident #" + id + " raised (" + severity + (incident.security() ? ", security" : "") + ") and posted to "
                    + config.channel(role(incident)).name() + "." + (milestones.isEmpty() ? ""
                    : " Deadlines: " + milestones.stream().map(m -> m.name() + " by "
                    + Times.clockWithZone(m.dueAt(), config.phase().zone())).collect(Collectors.joining(", ")) + ".");
        });
        openSetListeners.forEach(Runnable::run);
        return answer;
    }

    /** Acknowledge, assess, plan, implemented or escalate. */
    public String act(String agent, long id, Act act, String text) {
        String body = text == null ? "" : text.strip();
        if (act != Act.ACKNOWLEDGE && body.isEmpty()) {
            throw new CommandException("Write the " + describe(act) + " after the id, e.g. `/incident " + act.command()
                    + " " + id + " " + example(act) + "`.");
        }
        if (body.length() > MAX_TEXT) {
            throw new CommandException("Keep it under " + MAX_TEXT + " characters and link longer documents.");
        }
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Incident incident = openIncident(tx, id);
            requireResponder(incident, agent, describe(act));
            if (act == Act.ACKNOWLEDGE && incident.acknowledgedAt() != null) {
                return "Incident #" + id + " was already acknowledged by " + incident.acknowledgedBy() + " at "
                        + clock(incident.acknowledgedAt()) + "; nothing was posted.";
            }
            Optional<Milestone> done = repository.milestones(tx, id).stream()
                    .filter(m -> act.meets(m.act()) && m.isMet() && body.equals(m.metText())).findFirst();
            if (act != Act.ESCALATE && done.isPresent()) {
                return "Incident #" + id + ": the " + done.get().name() + " was already recorded by " + done.get().metBy()
                        + " at " + clock(done.get().metAt()) + " with that text; nothing was posted.";
            }
            if (act == Act.ACKNOWLEDGE || incident.acknowledgedAt() == null) {
                if (repository.acknowledge(tx, id, now, agent)) {
                    repository.event(tx, id, now, agent, "acknowledged", null);
                }
            }
            List<Milestone> milestones = repository.milestones(tx, id);
            Optional<Milestone> target = milestones.stream().filter(m -> act.meets(m.act())).findFirst();
            String answer;
            if (target.isPresent() && !target.get().isMet()) {
                int upTo = target.get().index();
                for (Milestone m : milestones) {
                    if (m.index() <= upTo && !m.isMet()) {
                        String note = m.index() == upTo ? body : "met by the later " + target.get().name();
                        repository.meet(tx, id, m.index(), now, agent, note);
                        timers.cancelAll(tx, DEADLINE, id + ":" + m.index() + ":");
                    }
                }
                answer = "Incident #" + id + ": " + target.get().name() + " recorded"
                        + (now.isAfter(target.get().dueAt()) ? " (" + Times.duration(Duration.between(
                        target.get().dueAt(), now)) + " after its deadline)." : ", within its deadline.");
            } else if (target.isPresent()) {
                repository.updateMetText(tx, id, target.get().index(), body);
                answer = "Incident #" + id + ": " + target.get().name() + " updated (first recorded by "
                        + target.get().metBy() + " at " + clock(target.get().metAt()) + ").";
            } else {
                answer = "Incident #" + id + ": " + act.pastTense() + ".";
            }
            if (act != Act.ACKNOWLEDGE) {
                repository.event(tx, id, now, agent, act.policyAct().replace('_', ' '), body);
            }
            if (act == Act.ESCALATE) {
                page(tx, incident, key(id, "escalated:" + now.toEpochMilli()), config.escalation().contact(),
                        ":mega: Incident #" + id + " was escalated by " + agent + ": " + SafeText.escape(body),
                        "escalated by " + agent);
            }
            refreshCard(tx, id, now);
            audit.record(tx, now, agent, "incident." + act.command(), "#" + id);
            return answer;
        });
    }

    public String assign(String agent, long id, String assignee) {
        if (config.agent(assignee).isEmpty()) {
            throw new CommandException("`" + SafeText.escape(assignee)
                    + "` is not an agent of this phase.");
        }
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Incident incident = openIncident(tx, id);
            if (!agent.equals(config.lead().id()) && !agent.equals(incident.owner())) {
                throw new CommandException("Only the lead (" + config.lead().id() + ") or the area owner ("
                        + incident.owner() + ") may assign incident #" + id + ".");
            }
            if (assignee.equals(incident.assignee())) {
                return "Incident #" + id + " is already assigned to " + assignee + "; nothing was posted.";
            }
            if (incident.security() && !audience.isMember(assignee)) {
                throw new CommandException(assignee + " is not a member of the security channel, so cannot see "
                        + "security incident #" + id + ". Members: " + String.join(", ", audience.members()) + ".");
            }
            repository.assign(tx, id, assignee);
            repository.event(tx, id, now, agent, "assigned", assignee);
            Incident updated = repository.find(tx, id).orElseThrow();
            say(tx, updated, key(id, "assigned:" + assignee + ":" + now.toEpochMilli()), new Message(
                    Destination.dm(assignee), "You are now the assignee of " + messages.card(updated,
                    repository.milestones(tx, id), now), messages.buttons(updated)));
            refreshCard(tx, id, now);
            audit.record(tx, now, agent, "incident.assign", "#" + id + " " + assignee);
            return "Incident #" + id + " is now assigned to " + assignee + ".";
        });
    }

    public String resolve(String agent, long id, String resolution) {
        String text = resolution == null ? "" : resolution.strip();
        if (text.length() > MAX_TEXT) {
            throw new CommandException("Keep the resolution under " + MAX_TEXT + " characters.");
        }
        Instant now = clock.instant();
        String answer = database.inTransaction(tx -> {
            Incident incident = openIncident(tx, id);
            resolverRefusal(incident, agent).ifPresent(refusal -> {
                throw new CommandException(refusal);
            });
            repository.resolve(tx, id, now, agent, blankToNull(text));
            int cancelled = timers.cancelAll(tx, DEADLINE, id + ":");
            repository.event(tx, id, now, agent, "resolved", text);
            Incident resolved = repository.find(tx, id).orElseThrow();
            List<Milestone> milestones = repository.milestones(tx, id);
            refreshCard(tx, id, now);
            say(tx, resolved, key(id, "summary"), Message.of(channel(resolved),
                    messages.summary(resolved, milestones, repository.events(tx, id))));
            if (resolved.security()) {
                say(tx, resolved, key(id, "public-resolved"), Message.of(
                        Destination.channel(config.escalation().defaultChannel()), messages.redacted(resolved)));
            }
            audit.record(tx, now, agent, "incident.resolve", "#" + id + ", " + cancelled + " timers cancelled");
            return "Incident #" + id + " resolved; the post-incident summary is on its way to "
                    + config.channel(role(resolved)).name() + ".";
        });
        openSetListeners.forEach(Runnable::run);
        return answer;
    }

    /**
     * Marks an incident raised in error: every timer stops, the card says why, the timeline and
     * the audit keep it, and the review and its figures leave it out. The raiser may within
     * {@link #RAISER_MAY_CANCEL} of raising it; the lead may at any time.
     */
    public String cancel(String agent, long id, String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            throw new CommandException("Say why incident #" + id + " is cancelled: `/incident cancel " + id
                    + " raised by mistake`.");
        }
        if (text.length() > MAX_TEXT) {
            throw new CommandException("Keep the reason under " + MAX_TEXT + " characters.");
        }
        Instant now = clock.instant();
        String answer = database.inTransaction(tx -> {
            Incident incident = openIncident(tx, id);
            String lead = config.lead().id();
            Instant raiserUntil = incident.raisedAt().plus(RAISER_MAY_CANCEL);
            boolean raiserMay = agent.equals(incident.raisedBy()) && !now.isAfter(raiserUntil);
            if (!agent.equals(lead) && !raiserMay) {
                throw new CommandException("Only the lead (" + lead + ") may cancel incident #" + id + " now; its raiser ("
                        + incident.raisedBy() + ") could until " + clock(raiserUntil) + ", "
                        + Times.duration(RAISER_MAY_CANCEL) + " after raising it. To close it as handled, "
                        + "`/incident resolve " + id + "`.");
            }
            repository.cancel(tx, id, now, agent, text);
            int stopped = timers.cancelAll(tx, DEADLINE, id + ":");
            repository.event(tx, id, now, agent, "cancelled", text);
            Incident cancelled = repository.find(tx, id).orElseThrow();
            refreshCard(tx, id, now);
            if (cancelled.security()) {
                outbox.update(tx, key(id, "public"), Message.of(Destination.channel(config.escalation().defaultChannel()),
                        messages.redacted(cancelled)));
            }
            for (String who : new LinkedHashSet<>(List.of(lead, incident.owner(), incident.assignee()))) {
                if (!who.equals(agent)) {
                    say(tx, cancelled, key(id, "cancelled:" + who), Message.of(Destination.dm(who),
                            messages.cancelledNotice(cancelled)));
                }
            }
            audit.record(tx, now, agent, "incident.cancel", "#" + id + ", " + stopped + " timers cancelled");
            return "Incident #" + id + " is cancelled (" + SafeText.escape(text) + "): its timers stopped and the "
                    + "weekly review will leave it out.";
        });
        openSetListeners.forEach(Runnable::run);
        return answer;
    }

    /**
     * Changes the severity. Only CRITICAL runs the clock: lowering one stops its deadlines not
     * met yet; raising to CRITICAL starts every deadline not met before from now.
     */
    public String changeSeverity(String agent, long id, String level) {
        if (!PlanSpec.PRIORITIES.contains(level)) {
            throw new CommandException("Severity must be one of " + String.join(", ", PlanSpec.PRIORITIES) + ".");
        }
        Instant now = clock.instant();
        String answer = database.inTransaction(tx -> {
            Incident incident = openIncident(tx, id);
            requireResponder(incident, agent, "severity");
            if (incident.severity().equals(level)) {
                return "Incident #" + id + " is already " + level + "; nothing changed.";
            }
            repository.changeSeverity(tx, id, level);
            String clockNote;
            if (incident.isCritical()) {
                int stopped = timers.cancelAll(tx, DEADLINE, id + ":");
                repository.dropUnmetMilestones(tx, id);
                clockNote = stopped > 0 || !repository.milestones(tx, id).isEmpty()
                        ? "the escalation clock stopped" : "no clock was running";
            } else if ("CRITICAL".equals(level)) {
                clockNote = startClock(tx, id, now);
            } else {
                clockNote = "no clock runs below CRITICAL";
            }
            repository.event(tx, id, now, agent, "severity", incident.severity() + " → " + level + "; " + clockNote);
            Incident changed = repository.find(tx, id).orElseThrow();
            say(tx, changed, key(id, "severity:" + now.toEpochMilli()), Message.of(channel(changed),
                    messages.severityChanged(changed, incident.severity(), agent, clockNote)));
            if ("CRITICAL".equals(level)) {
                List<Milestone> milestones = repository.milestones(tx, id);
                for (String who : new LinkedHashSet<>(List.of(config.lead().id(), changed.owner(), changed.assignee()))) {
                    if (!who.equals(agent)) {
                        say(tx, changed, key(id, "critical:" + who + ":" + now.toEpochMilli()), new Message(
                                Destination.dm(who), "You are needed on " + messages.card(changed, milestones, now),
                                messages.buttons(changed)));
                    }
                }
            }
            refreshCard(tx, id, now);
            audit.record(tx, now, agent, "incident.severity", "#" + id + " " + incident.severity() + " -> " + level);
            return "Incident #" + id + " is now " + level + " (was " + incident.severity() + "): " + clockNote + ".";
        });
        openSetListeners.forEach(Runnable::run);
        return answer;
    }

    /**
     * Each open CRITICAL incident's next deadline, for {@code /phase next}: security ones by id
     * only for those outside the security channel.
     */
    public List<String> nextDeadlines(String agent) {
        Instant now = clock.instant();
        return database.read(tx -> repository.open(tx).stream().map(i -> {
            List<Milestone> milestones = repository.milestones(tx, i.id());
            return milestones.stream().anyMatch(m -> !m.isMet())
                    ? messages.listLine(i, milestones, now, audience.maySee(i, agent)).substring(2) : null;
        }).filter(java.util.Objects::nonNull).toList());
    }

    /** {@code /incident list}: the open incidents with countdowns; security ones redacted for non-members. */
    public String list(String agent) {
        Instant now = clock.instant();
        return database.read(tx -> {
            List<Incident> open = repository.open(tx);
            if (open.isEmpty()) {
                return "No open incidents.";
            }
            StringBuilder text = new StringBuilder("*Open incidents*\n");
            for (Incident i : open) {
                text.append(messages.listLine(i, repository.milestones(tx, i.id()), now, audience.maySee(i, agent)))
                        .append('\n');
            }
            return text.toString().stripTrailing();
        });
    }

    /** {@code /incident show}: the card and the timeline, for those who may see them. */
    public String show(String agent, long id) {
        Instant now = clock.instant();
        return database.read(tx -> {
            Incident incident = repository.find(tx, id).orElseThrow(() -> noSuch(id));
            if (!audience.maySee(incident, agent)) {
                return "Incident #" + id + " is a security incident; only members of the security channel ("
                        + String.join(", ", audience.members()) + ") may see its details.";
            }
            return messages.card(incident, repository.milestones(tx, id), now) + "\n"
                    + messages.timeline(repository.events(tx, id));
        });
    }

    /** Open CRITICAL incidents as a public channel may mention them: security ones by id only. */
    public List<String> openCriticalForPublic() {
        return database.read(tx -> repository.open(tx).stream().filter(Incident::isCritical)
                .map(i -> i.security() ? "#" + i.id() + " (security incident; details in the security channel)"
                        : "#" + i.id() + " " + SafeText.escape(i.title()))
                .toList());
    }

    /**
     * Incidents of a week as the review agenda shows them, in a channel that is not the
     * security channel: time to assessment, mitigation and resolution, deadlines missed;
     * security incidents by id only.
     */
    public List<String> weekForReview(Instant from, Instant to, Instant now) {
        // An open incident is judged against now: a preview days before the review must not
        // call a deadline that is still ahead "missed".
        Instant judged = now.isBefore(to) ? now : to;
        return database.read(tx -> repository.between(tx, from, to).stream().map(i -> {
            List<Milestone> milestones = repository.milestones(tx, i.id());
            StringBuilder line = new StringBuilder("#" + i.id() + " " + i.severity() + " ");
            line.append(i.security() ? "security incident" : SafeText.escape(i.title())).append(": ");
            List<String> facts = new ArrayList<>();
            milestones.stream().filter(m -> m.act().equals("assessment") && m.isMet()).findFirst().ifPresent(m ->
                    facts.add("assessed in " + Times.duration(Duration.between(i.raisedAt(), m.metAt()))));
            milestones.stream().filter(m -> m.act().equals("mitigation_plan") && m.isMet()).findFirst().ifPresent(m ->
                    facts.add("mitigation plan in " + Times.duration(Duration.between(i.raisedAt(), m.metAt()))));
            facts.add(i.resolved() ? "resolved in " + Times.duration(Duration.between(i.raisedAt(), i.resolvedAt()))
                    : "still open");
            Instant end = i.resolved() ? i.resolvedAt() : judged;
            List<String> missed = milestones.stream()
                    .filter(m -> (m.isMet() ? m.metAt() : end).isAfter(m.dueAt()))
                    .map(m -> m.name() + " by " + Times.duration(Duration.between(m.dueAt(), m.isMet() ? m.metAt() : end)))
                    .toList();
            line.append(String.join(", ", facts));
            if (!missed.isEmpty()) {
                line.append("; missed: ").append(String.join(", ", missed));
            }
            return line.toString();
        }).toList());
    }

    /**
     * A message of an incident that Slack refused for good (say, the bot is not in the channel)
     * goes on its timeline, so the summary shows who was never told.
     */
    public void deliveryFailed(String dedupeKey, String reason) {
        if (dedupeKey == null || !dedupeKey.startsWith("incident:")) {
            return;
        }
        String[] parts = dedupeKey.split(":", 3);
        long id;
        try {
            id = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return;
        }
        Instant now = clock.instant();
        database.run(tx -> {
            if (repository.find(tx, id).isPresent()) {
                repository.event(tx, id, now, "phasebot", "delivery failed", parts[2] + ": " + reason);
            }
        });
    }

    // --- the clock ---

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
        String target = target(incident, notify);
        String paged = "*" + target + "* (" + notify + ")";
        int maxRepeats = rule == null || rule.repeat() == null ? 0 : rule.repeat().max();
        String text = messages.notice(incident, milestone, attempt, maxRepeats, now, late, paged);
        // The deadline is in the key: a clock started again (severity lowered, then raised) is a new notice.
        String base = "notice:" + index + ":" + attempt + ":" + milestone.dueAt().toEpochMilli();
        say(tx, incident, key(id, base), Message.of(channel(incident), text));
        page(tx, incident, key(id, base + ":page"), target, text, milestone.name() + " missed"
                + (now.isAfter(milestone.dueAt().plusSeconds(59)) ? " by " + Times.duration(Duration.between(milestone.dueAt(), now))
                : "") + (attempt == 0 ? "" : " (reminder " + attempt + ")"));
        repository.event(tx, id, now, "phasebot", attempt == 0 ? "deadline missed" : "reminder " + attempt,
                milestone.name() + "; paged " + target + (Times.isNoticeablyLate(late)
                        ? "; sent " + Times.lateness(late) + " late" : ""));
        if (attempt < maxRepeats) {
            Instant next = milestone.dueAt().plus(rule.repeat().every().multipliedBy(attempt + 1L));
            Instant earliest = now.plus(rule.repeat().every());
            // After an outage, space the repeats out from now instead of firing them all at once.
            timers.schedule(tx, DEADLINE, subject(id, index, attempt + 1, milestone.dueAt()),
                    next.isBefore(now) ? earliest : next);
        }
        refreshCard(tx, id, now);
    }

    // --- helpers ---

    /** Arms every deadline of the policy not met before, from now; says when they fall. */
    private String startClock(Tx tx, long id, Instant now) {
        Set<Integer> met = repository.milestones(tx, id).stream().map(Milestone::index).collect(Collectors.toSet());
        List<EscalationPolicy.Milestone> policy = config.escalation().milestones();
        List<String> deadlines = new ArrayList<>();
        for (int i = 0; i < policy.size(); i++) {
            if (met.contains(i)) {
                continue;
            }
            Instant due = now.plus(policy.get(i).due());
            repository.addMilestone(tx, id, i, policy.get(i).name(), policy.get(i).act(), due);
            timers.schedule(tx, DEADLINE, subject(id, i, 0, due), due);
            deadlines.add(policy.get(i).name() + " by " + clock(due));
        }
        return deadlines.isEmpty() ? "every deadline was already met" : "the clock runs from now: "
                + String.join(", ", deadlines);
    }

    private String clock(Instant instant) {
        return Times.clockWithZone(instant, config.phase().zone());
    }

    /**
     * Pages a person or a channel. Where the details may not go, the page still says that it
     * is one, why ({@code why}: "technical assessment missed by 5 min"), and where to look.
     */
    private void page(Tx tx, Incident incident, String key, String target, String text, String why) {
        Destination to = config.channels().containsKey(target) ? Destination.channel(target) : Destination.dm(target);
        if (to.isChannel() && target.equals(role(incident))) {
            return;
        }
        if (audience.maySee(incident, to)) {
            outbox.post(tx, key, to.isChannel() ? Message.of(to, text) : new Message(to, text, messages.buttons(incident)));
        } else {
            outbox.post(tx, key, Message.of(to, messages.redactedPage(incident, why, to.isChannel())));
        }
    }

    /** Everything incident-related goes out through here, so the redaction rule has one place. */
    private void say(Tx tx, Incident incident, String key, Message message) {
        if (audience.maySee(incident, message.destination())) {
            outbox.post(tx, key, message);
        } else {
            outbox.post(tx, key, Message.of(message.destination(), messages.redacted(incident)));
        }
    }

    private void refreshCard(Tx tx, long id, Instant now) {
        Incident incident = repository.find(tx, id).orElseThrow();
        Message card = new Message(channel(incident), messages.card(incident, repository.milestones(tx, id), now),
                messages.buttons(incident));
        if (audience.maySee(incident, card.destination())) {
            outbox.update(tx, cardKey(id), card);
        }
    }

    private String target(Incident incident, String notify) {
        return switch (notify) {
            case "assignee" -> incident.assignee();
            case "owner" -> incident.owner();
            case "contact" -> config.escalation().contact();
            default -> config.lead().id();
        };
    }

    /**
     * Why {@code agent} may not do {@code act} on incident {@code id}, naming who may; empty
     * when they may. {@code agent} is null for someone linked to no agent, who never may.
     * Asked before a form opens, so nobody fills one in only to be refused; {@link #act}
     * checks again on submit. Throws {@link CommandException} when there is no such open incident.
     */
    public Optional<String> refusalToAct(String agent, long id, Act act) {
        return database.read(tx -> responderRefusal(openIncident(tx, id), agent, describe(act)));
    }

    /** The same for {@link #resolve}. */
    public Optional<String> refusalToResolve(String agent, long id) {
        return database.read(tx -> resolverRefusal(openIncident(tx, id), agent));
    }

    private void requireResponder(Incident incident, String agent, String what) {
        responderRefusal(incident, agent, what).ifPresent(refusal -> {
            throw new CommandException(refusal);
        });
    }

    private Optional<String> responderRefusal(Incident incident, String agent, String what) {
        String lead = config.lead().id();
        if (incident.assignee().equals(agent) || incident.owner().equals(agent) || lead.equals(agent)) {
            return Optional.empty();
        }
        return Optional.of("Only the assignee (" + incident.assignee() + "), the area owner ("
                + incident.owner() + ") or the lead (" + lead + ") may post the " + what + " of incident #"
                + incident.id() + ".");
    }

    private Optional<String> resolverRefusal(Incident incident, String agent) {
        String lead = config.lead().id();
        boolean assigneeMay = config.escalation().assigneeMayResolve() && incident.assignee().equals(agent);
        if (lead.equals(agent) || assigneeMay) {
            return Optional.empty();
        }
        return Optional.of("Only the lead (" + lead + ")"
                + (config.escalation().assigneeMayResolve() ? " or the assignee (" + incident.assignee() + ")" : "")
                + " may resolve incident #" + incident.id() + ".");
    }

    private Incident openIncident(Tx tx, long id) {
        Incident incident = repository.find(tx, id).orElseThrow(() -> noSuch(id));
        if (incident.cancelled()) {
            throw new CommandException("Incident #" + id + " was cancelled at " + clock(incident.cancelledAt()) + " by "
                    + incident.cancelledBy() + " (" + SafeText.escape(incident.cancelReason()) + "); nothing more to do.");
        }
        if (incident.resolved()) {
            throw new CommandException("Incident #" + id + " was resolved at "
                    + Times.clockWithZone(incident.resolvedAt(), config.phase().zone()) + " by " + incident.resolvedBy()
                    + "; nothing more to do.");
        }
        return incident;
    }

    private static CommandException noSuch(long id) {
        return new CommandException("There is no incident #" + id + ". `/incident list` shows the open ones.");
    }

    private String areaOwner(String affects, boolean security) {
        if (affects != null) {
            for (PlanSpec.TaskSpec task : config.plan().tasks()) {
                if (task.id().equalsIgnoreCase(affects)) {
                    return task.owner();
                }
            }
            for (PlanSpec.GateSpec gate : config.plan().gates()) {
                if (("gate:" + gate.number()).equalsIgnoreCase(affects)) {
                    return gate.owner();
                }
            }
            List<String> known = new ArrayList<>();
            config.plan().tasks().forEach(t -> known.add(t.id()));
            config.plan().gates().forEach(g -> known.add("gate:" + g.number()));
            throw new CommandException("`" + SafeText.escape(affects)
                    + "` is not a task or gate of the plan. Use one of: " + String.join(", ", known) + ".");
        }
        if (security) {
            return config.agents().stream().filter(a -> config.isSecurityTeam(a.id())).findFirst()
                    .map(a -> a.id()).orElse(config.lead().id());
        }
        return config.lead().id();
    }

    private String role(Incident incident) {
        return incident.security() ? config.escalation().securityChannel() : config.escalation().defaultChannel();
    }

    private Destination channel(Incident incident) {
        return Destination.channel(role(incident));
    }

    private static String describe(Act act) {
        return switch (act) {
            case ACKNOWLEDGE -> "acknowledgement";
            case ASSESS -> "technical assessment";
            case PLAN -> "mitigation plan";
            case IMPLEMENTED -> "implementation";
            case ESCALATE -> "escalation";
        };
    }

    private static String example(Act act) {
        return switch (act) {
            case ASSESS -> "eval() on transform params, exploitable from config";
            case PLAN -> "whitelist modules, disable dynamic transforms";
            case IMPLEMENTED -> "patch merged in #142";
            default -> "needs the vendor's security team";
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

    static String cardKey(long id) {
        return key(id, "card");
    }

    private static String key(long id, String what) {
        return "incident:" + id + ":" + what;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
