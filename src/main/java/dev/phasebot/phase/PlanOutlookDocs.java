package dev.phasebot.phase;

import dev.phasebot.config.PlanSpec.ContingencySpec;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import dev.phasebot.phase.PlanOutlook.Checklist;
import dev.phasebot.phase.PlanOutlook.Group;
import dev.phasebot.phase.PlanOutlook.ItemChecked;
import dev.phasebot.phase.PlanOutlook.Risk;
import dev.phasebot.phase.PlanOutlook.RiskChanged;
import dev.phasebot.plan.ChecklistItem;
import java.util.List;

/** How the success metrics, risks, contingency plans and handoff read, and their changes. */
final class PlanOutlookDocs {

    /** The coordination channel's line when a sync changed the outlook, worded as the plan's own changes. */
    Doc planChanged(String when, List<String> changes) {
        return Doc.of("Plan changed " + when + ": " + String.join("; ", changes) + ".");
    }

    /** {@code /phase metrics} and {@code /phase handoff}: each group with its owner and items. */
    Doc groups(Checklist checklist, List<Group> groups) {
        String title = checklist == Checklist.SUCCESS_METRICS ? "Success metrics" : "Phase handoff";
        if (groups.isEmpty()) {
            return Doc.of(title + ": the plan has none.");
        }
        long met = groups.stream().mapToLong(Group::met).sum();
        int total = groups.stream().mapToInt(Group::total).sum();
        Doc.Builder doc = Doc.builder()
                .heading(
                        title + ": " + met + "/" + total + (checklist == Checklist.SUCCESS_METRICS ? " met" : " done"));
        for (Group g : groups) {
            doc.bullets(
                    Line.of(Span.strong(g.name()), " · " + g.owner() + " · " + g.met() + "/" + g.total()),
                    g.items().stream().map(PlanOutlookDocs::item).toList());
        }
        return doc.context("Check one: /phase " + checklist.command()
                        + " check <group> <n|words> (the group's owner or the lead); groups: "
                        + String.join(", ", groups.stream().map(Group::key).toList()) + ".")
                .build();
    }

    /** {@code /phase risks}: each risk, open ones first in the plan's order. */
    Doc risks(List<Risk> risks) {
        if (risks.isEmpty()) {
            return Doc.of("Risks: the plan has none.");
        }
        long open = risks.stream().filter(Risk::isOpen).count();
        return Doc.builder()
                .heading("Risks: " + open + " open of " + risks.size())
                .bullets(
                        Line.of("High-risk dependencies"),
                        risks.stream()
                                .map(r -> Line.of(
                                        r.isOpen() ? Symbol.RISK : Symbol.CHECKED_ITEM,
                                        " ",
                                        Span.strong(r.id() + " " + r.risk()),
                                        (r.detail() == null ? "" : ": " + r.detail()) + " · mitigation: "
                                                + r.mitigation() + " · " + r.owner()
                                                + (r.isOpen()
                                                        ? " · open"
                                                        : " · closed by " + r.closedBy() + ": " + r.closedWhy())))
                                .toList())
                .build();
    }

    /** {@code /phase contingencies}: trigger and action. */
    Doc contingencies(List<ContingencySpec> contingencies) {
        if (contingencies.isEmpty()) {
            return Doc.of("Contingency plans: the plan has none.");
        }
        return Doc.builder()
                .bullets(
                        Line.of("Contingency plans"),
                        contingencies.stream()
                                .map(c -> Line.of(Span.strong(c.trigger()), " → " + c.action()))
                                .toList())
                .build();
    }

    /** The answer to a check, and what the coordination channel is told of it. */
    Doc itemChecked(ItemChecked c) {
        Group g = c.group();
        String progress = " (" + g.met() + " of " + g.total()
                + (c.checklist() == Checklist.SUCCESS_METRICS ? " met)." : " done).");
        if (c.already()) {
            return Doc.of("\"" + c.item().text() + "\" of " + g.name() + " is already "
                    + (c.checked() ? "checked" : "unchecked") + progress);
        }
        String what = c.checklist() == Checklist.SUCCESS_METRICS ? "Success metrics" : "Handoff";
        return Doc.of(
                c.checked() ? Symbol.CHECKED_ITEM : Symbol.REOPENED,
                " " + what + ", " + g.name() + ": " + c.by() + (c.checked() ? " checked " : " unchecked ") + "\""
                        + c.item().text() + "\"" + progress);
    }

    /** The answer to a close or reopen, and what the coordination channel is told of it. */
    Doc riskChanged(RiskChanged c) {
        Risk r = c.risk();
        if (c.already()) {
            return Doc.of(r.id() + " " + r.risk() + " is already " + (c.closed() ? "closed." : "open."));
        }
        if (c.closed()) {
            return Doc.of(
                    Symbol.CHECKED_ITEM,
                    " Risk " + r.id() + " " + r.risk() + " closed by " + c.by() + ": " + r.closedWhy());
        }
        return Doc.of(
                Symbol.RISK,
                " Risk " + r.id() + " " + r.risk() + " reopened by " + c.by() + " (mitigation: " + r.mitigation()
                        + "; owner " + r.owner() + ").");
    }

    private static Line item(ChecklistItem i) {
        return Line.of(
                i.isChecked() ? Symbol.CHECKED_ITEM : Symbol.OPEN_ITEM,
                " " + i.index() + ". " + i.text() + (i.isChecked() ? " · " + i.checkedBy() : ""));
    }
}
