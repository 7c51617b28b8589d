package dev.phasebot.plan;

import java.time.Instant;
import java.util.List;

/** A quality gate as stored: criteria to meet, what it blocks until it passes. */
public record Gate(
        int number,
        String name,
        String owner,
        String due,
        Instant dueAt,
        String impact,
        Instant passedAt,
        String passedBy,
        List<ChecklistItem> criteria,
        List<String> blocks) {

    public boolean isPassed() {
        return passedAt != null;
    }

    public long metCount() {
        return criteria.stream().filter(ChecklistItem::isChecked).count();
    }

    public String ref() {
        return "gate:" + number;
    }

    public String label() {
        return "Gate " + number + ": " + name;
    }
}
