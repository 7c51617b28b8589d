package dev.phasebot.phase;

import static dev.phasebot.store.Columns.instant;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.PlanSpec;
import dev.phasebot.config.PlanSpec.ChecklistGroupSpec;
import dev.phasebot.config.PlanSpec.ContingencySpec;
import dev.phasebot.config.PlanSpec.RiskSpec;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.message.Refusal;
import dev.phasebot.plan.ChecklistItem;
import dev.phasebot.plan.Checklists;
import dev.phasebot.plan.CurrentPlan;
import dev.phasebot.plan.Dashboard;
import dev.phasebot.plan.PlanWriter;
import dev.phasebot.plan.PlanWriter.Outcome;
import dev.phasebot.review.ReviewInputs;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rest of the plan, beyond tasks and gates: its success metrics and handoff requirements
 * (grouped checklists, each group checked by its owner or the lead), its high-risk dependencies
 * (open until their owner or the lead closes them, saying why) and its contingency plans. The
 * texts are the config's ({@link CurrentPlan}), synced at start-up and by {@code /phase reload}
 * keeping who checked what; every change is audited and posted to the coordination channel in its
 * transaction.
 */
public final class PlanOutlook {

    private static final Logger log = LoggerFactory.getLogger(PlanOutlook.class);

    /** The two grouped checklists; each names its items the way its commands do. */
    public enum Checklist {
        SUCCESS_METRICS(Checklists.Kind.SUCCESS_METRICS, "success metric", "metric", PlanSpec::successMetrics),
        HANDOFF(Checklists.Kind.HANDOFF, "handoff requirement", "handoff", PlanSpec::handoff);

        private final Checklists.Kind kind;
        private final String noun;
        private final String command;
        private final Function<PlanSpec, List<ChecklistGroupSpec>> groups;

        Checklist(
                Checklists.Kind kind,
                String noun,
                String command,
                Function<PlanSpec, List<ChecklistGroupSpec>> groups) {
            this.kind = kind;
            this.noun = noun;
            this.command = command;
            this.groups = groups;
        }

        /** "success metric", "handoff requirement". */
        public String noun() {
            return noun;
        }

        /** The word of its commands: {@code /phase metric check}, {@code /phase handoff check}. */
        public String command() {
            return command;
        }

        /** The config's groups of this checklist. */
        public List<ChecklistGroupSpec> groups(PlanSpec plan) {
            return groups.apply(plan);
        }
    }

    /** One group of a checklist as stored: its items with who checked them. */
    public record Group(String name, String key, String owner, List<ChecklistItem> items) {
        public long met() {
            return items.stream().filter(ChecklistItem::isChecked).count();
        }

        public int total() {
            return items.size();
        }
    }

    /** A risk of the plan and its state: open, or closed by someone at some time for a reason. */
    public record Risk(
            String id,
            String risk,
            String detail,
            String mitigation,
            String owner,
            Instant closedAt,
            String closedBy,
            String closedWhy) {
        public boolean isOpen() {
            return closedAt == null;
        }
    }

    /** An item checked or unchecked; {@code already} when it was so before (nothing changed). */
    public record ItemChecked(
            Checklist checklist, Group group, ChecklistItem item, boolean checked, boolean already, String by) {}

    /** A risk closed or reopened; {@code already} when it was so before (nothing changed). */
    public record RiskChanged(Risk risk, boolean closed, boolean already, String by) {}

    private final BotConfig config;
    private final CurrentPlan plan;
    private final Database database;
    private final PlanWriter writer;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final Destination channel;
    private final Destination coordination = Destination.channel("coordination");
    private final PlanOutlookDocs docs = new PlanOutlookDocs();

    /** {@code plan}: the plan as last (re)loaded, whose groups, risks and contingencies these are. */
    public PlanOutlook(
            BotConfig config,
            CurrentPlan plan,
            Database database,
            PlanWriter writer,
            Outbox outbox,
            AuditLog audit,
            Clock clock) {
        this.config = config;
        this.plan = plan;
        this.database = database;
        this.writer = writer;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.channel = Destination.channel(config.standup().channel());
    }

    // --- the config into the store ---

    /** The current plan's groups and risks into the store at start-up: see {@link #syncFrom}. */
    public void syncFromConfig() {
        syncFrom(plan.spec(), "at start-up");
    }

    /**
     * Makes {@code spec}'s groups and risks the store's: an item whose text is unchanged keeps
     * who checked it and when, a risk keeps whether it was closed. A group the spec no longer has
     * is archived with its checks, never deleted. Compared with the current plan, what changed is
     * logged and told to the coordination channel in the same transaction ("Plan changed
     * {@code when}: risk R4 added") and returned; the first load says nothing. The caller makes
     * {@code spec} current afterwards.
     */
    public List<String> syncFrom(PlanSpec spec, String when) {
        PlanSpec before = plan.spec();
        Instant now = clock.instant();
        List<String> changes = writer.change(tx -> {
            // The current plan into an empty store is the plan itself (a first start), not a change to one.
            boolean firstLoad = spec == before
                    && Checklists.all(tx, Checklists.Kind.SUCCESS_METRICS).isEmpty()
                    && Checklists.all(tx, Checklists.Kind.HANDOFF).isEmpty()
                    && tx.query("SELECT id FROM plan_risk", rs -> rs.getString(1))
                            .isEmpty();
            List<String> said = new ArrayList<>();
            for (Checklist checklist : Checklist.values()) {
                Map<String, List<ChecklistItem>> stored = Checklists.all(tx, checklist.kind);
                for (ChecklistGroupSpec g : checklist.groups(spec)) {
                    Checklists.Synced synced = Checklists.sync(tx, checklist.kind, g.name(), g.items(), now);
                    if (!stored.containsKey(g.name())) {
                        said.add(checklist.noun() + " group " + g.name() + " added");
                        continue;
                    }
                    synced.added().forEach(n -> said.add(g.name() + " " + checklist.noun() + " " + n + " added"));
                    synced.archived()
                            .forEach(text -> said.add(g.name() + " " + checklist.noun() + " \"" + text
                                    + "\" archived (no longer in the config)"));
                }
                List<String> kept = checklist.groups(spec).stream()
                        .map(ChecklistGroupSpec::name)
                        .toList();
                stored.keySet().stream()
                        .filter(name -> !kept.contains(name))
                        .sorted()
                        .forEach(name -> {
                            Checklists.sync(tx, checklist.kind, name, List.of(), now);
                            said.add(checklist.noun() + " group " + name + " archived (no longer in the config)");
                        });
            }
            for (RiskSpec r : spec.risks()) {
                int inserted = tx.update(
                        "INSERT INTO plan_risk(id) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM plan_risk WHERE id = ?)",
                        r.id(),
                        r.id());
                if (inserted == 1 || before.risks().stream().noneMatch(b -> b.id().equals(r.id()))) {
                    said.add("risk " + r.id() + " added");
                }
                tx.update(
                        "UPDATE plan_risk SET risk = ?, mitigation = ?, owner = ? WHERE id = ?",
                        r.risk(),
                        r.mitigation(),
                        r.owner(),
                        r.id());
            }
            before.risks().stream()
                    .map(RiskSpec::id)
                    .filter(id -> spec.risks().stream().noneMatch(r -> r.id().equals(id)))
                    .forEach(id -> said.add("risk " + id + " archived (no longer in the config; its state is kept)"));
            if (!Objects.equals(before.contingencies(), spec.contingencies())) {
                said.add("contingency plans changed");
            }
            if (firstLoad) {
                return List.<String>of();
            }
            if (!said.isEmpty()) {
                outbox.post(
                        tx,
                        "outlook-changed:" + now.toEpochMilli() + ":" + said.hashCode(),
                        Message.of(coordination, docs.planChanged(when, said)));
            }
            return List.copyOf(said);
        });
        changes.forEach(change -> log.info("Plan changed {}: {}", when, change));
        return changes;
    }

    // --- reading ---

    /** The groups of a checklist in the config's order, with their items as stored. */
    public List<Group> groups(Checklist checklist) {
        return database.read(tx -> groups(tx, checklist));
    }

    /** The plan's risks in the config's order, with their state. */
    public List<Risk> risks() {
        return database.read(this::risks);
    }

    public List<ContingencySpec> contingencies() {
        return plan.spec().contingencies();
    }

    /** The dashboard's line of each: success metrics met, open risks, handoff done. */
    public Dashboard.Outlook counts() {
        return database.read(tx -> {
            List<Group> metrics = groups(tx, Checklist.SUCCESS_METRICS);
            List<Group> handoff = groups(tx, Checklist.HANDOFF);
            return new Dashboard.Outlook(
                    metrics.stream().mapToLong(Group::met).sum(),
                    metrics.stream().mapToInt(Group::total).sum(),
                    risks(tx).stream().filter(Risk::isOpen).map(Risk::id).toList(),
                    handoff.stream().mapToLong(Group::met).sum(),
                    handoff.stream().mapToInt(Group::total).sum());
        });
    }

    /** The success metrics not met yet, for the weekly review: groups all met are left out. */
    public List<ReviewInputs.MetricGroup> unmetForReview() {
        return groups(Checklist.SUCCESS_METRICS).stream()
                .map(g -> new ReviewInputs.MetricGroup(
                        g.name(),
                        g.owner(),
                        g.items().stream()
                                .filter(i -> !i.isChecked())
                                .map(ChecklistItem::text)
                                .toList()))
                .filter(g -> !g.unmet().isEmpty())
                .toList();
    }

    /** The open risks, for the weekly review. */
    public List<ReviewInputs.OpenRisk> openForReview() {
        return risks().stream()
                .filter(Risk::isOpen)
                .map(r -> new ReviewInputs.OpenRisk(r.id(), r.risk(), r.owner(), r.mitigation()))
                .toList();
    }

    // --- changes ---

    /**
     * Checks (or unchecks) one item of a group, named by its number or a unique part of its
     * text; only the group's owner or the lead may.
     */
    public ItemChecked check(String agent, Checklist checklist, String groupKey, String which, boolean checked) {
        Instant now = clock.instant();
        return writer.answer(tx -> {
            Group group = group(tx, checklist, groupKey);
            if (!agent.equals(group.owner()) && !isLead(agent)) {
                throw Refusal.of(
                        checklist.command(),
                        "Only the group's owner (" + group.owner() + ") or the lead ("
                                + config.lead().id()
                                + ") may " + (checked ? "check" : "uncheck") + " " + checklist.noun() + "s of "
                                + group.name() + ".");
            }
            ChecklistItem item = item(checklist, group, which);
            if (checked == item.isChecked()) {
                return Outcome.unchanged(new ItemChecked(checklist, group, item, checked, true, agent));
            }
            Checklists.check(tx, checklist.kind, group.name(), item.index(), now, agent, checked);
            Group after = group(tx, checklist, groupKey);
            ItemChecked result = new ItemChecked(checklist, after, item, checked, false, agent);
            outbox.post(
                    tx,
                    checklist.command() + ":" + group.key() + ":" + item.index() + ":" + checked + ":"
                            + now.toEpochMilli(),
                    Message.of(channel, docs.itemChecked(result)));
            audit.record(
                    tx,
                    now,
                    agent,
                    checklist.command() + (checked ? ".check" : ".uncheck"),
                    group.name() + "#" + item.index());
            return Outcome.changed(result);
        });
    }

    /** Closes a risk, saying why; only its owner or the lead may. */
    public RiskChanged close(String agent, String id, String why) {
        return changeRisk(agent, id, why, true);
    }

    /** Opens a closed risk again; only its owner or the lead may. */
    public RiskChanged reopen(String agent, String id) {
        return changeRisk(agent, id, null, false);
    }

    private RiskChanged changeRisk(String agent, String id, String why, boolean close) {
        Instant now = clock.instant();
        return writer.answer(tx -> {
            Risk risk = risk(tx, id);
            if (!agent.equals(risk.owner()) && !isLead(agent)) {
                throw Refusal.of(
                        "risk",
                        "Only the risk's owner (" + risk.owner() + ") or the lead ("
                                + config.lead().id() + ") may " + (close ? "close " : "reopen ") + risk.id() + ".");
            }
            if (close != risk.isOpen()) {
                return Outcome.unchanged(new RiskChanged(risk, close, true, agent));
            }
            if (close && (why == null || why.isBlank())) {
                throw Refusal.of(
                        "why", "Say why " + risk.id() + " is closed: /phase risk close " + risk.id() + " <why>");
            }
            tx.update(
                    "UPDATE plan_risk SET closed_at = ?, closed_by = ?, closed_why = ? WHERE id = ?",
                    close ? now.toEpochMilli() : null,
                    close ? agent : null,
                    close ? why.strip() : null,
                    risk.id());
            RiskChanged result = new RiskChanged(risk(tx, risk.id()), close, false, agent);
            outbox.post(
                    tx,
                    "risk:" + risk.id() + ":" + close + ":" + now.toEpochMilli(),
                    Message.of(channel, docs.riskChanged(result)));
            audit.record(
                    tx,
                    now,
                    agent,
                    close ? "risk.close" : "risk.reopen",
                    risk.id() + (close ? ": " + why.strip() : ""));
            return Outcome.changed(result);
        });
    }

    private boolean isLead(String agent) {
        return config.lead().id().equals(agent);
    }

    private List<Group> groups(Tx tx, Checklist checklist) {
        Map<String, List<ChecklistItem>> stored = Checklists.all(tx, checklist.kind);
        return checklist.groups(plan.spec()).stream()
                .map(g -> new Group(g.name(), g.key(), g.owner(), stored.getOrDefault(g.name(), List.of())))
                .toList();
    }

    private Group group(Tx tx, Checklist checklist, String key) {
        String k = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
        List<ChecklistGroupSpec> specs = checklist.groups(plan.spec());
        return groups(tx, checklist).stream()
                .filter(g -> g.key().equals(k))
                .findFirst()
                .orElseThrow(() -> Refusal.of(
                        "group",
                        specs.isEmpty()
                                ? "The plan has no " + checklist.noun() + "s (plan."
                                        + checklist.name().toLowerCase(Locale.ROOT) + " in the config)."
                                : "No group '" + key + "'; the groups are: "
                                        + specs.stream()
                                                .map(ChecklistGroupSpec::key)
                                                .collect(Collectors.joining(", "))
                                        + "."));
    }

    private static ChecklistItem item(Checklist checklist, Group group, String which) {
        String w = which == null ? "" : which.strip();
        if (w.matches("\\d{1,6}")) {
            int n = Integer.parseInt(w);
            if (n >= 1 && n <= group.items().size()) {
                return group.items().get(n - 1);
            }
        } else if (!w.isEmpty()) {
            List<ChecklistItem> matches = group.items().stream()
                    .filter(c -> c.text().toLowerCase(Locale.ROOT).contains(w.toLowerCase(Locale.ROOT)))
                    .toList();
            if (matches.size() == 1) {
                return matches.get(0);
            }
        }
        throw Refusal.of(
                "item",
                "Name one " + checklist.noun() + " of " + group.name() + " by number or a unique part of its text:"
                        + group.items().stream()
                                .map(c -> " " + c.index() + ". " + c.text() + ";")
                                .collect(Collectors.joining()));
    }

    private List<Risk> risks(Tx tx) {
        Map<String, Risk> state = new HashMap<>();
        tx.query("SELECT id, closed_at, closed_by, closed_why FROM plan_risk", rs -> {
            state.put(
                    rs.getString(1),
                    new Risk(
                            rs.getString(1), null, null, null, null, instant(rs, 2), rs.getString(3), rs.getString(4)));
            return null;
        });
        return plan.spec().risks().stream()
                .map(r -> {
                    Risk s = state.get(r.id());
                    return new Risk(
                            r.id(),
                            r.risk(),
                            r.detail(),
                            r.mitigation(),
                            r.owner(),
                            s == null ? null : s.closedAt(),
                            s == null ? null : s.closedBy(),
                            s == null ? null : s.closedWhy());
                })
                .toList();
    }

    private Risk risk(Tx tx, String id) {
        String wanted = id == null ? "" : id.strip();
        List<RiskSpec> specs = plan.spec().risks();
        return risks(tx).stream()
                .filter(r -> r.id().equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(() -> Refusal.of(
                        "risk",
                        specs.isEmpty()
                                ? "The plan has no risks (plan.risks in the config)."
                                : "No risk '" + wanted + "'; the plan's risks are: "
                                        + specs.stream()
                                                .map(r -> r.id() + " " + r.risk())
                                                .collect(Collectors.joining(", "))
                                        + "."));
    }
}
