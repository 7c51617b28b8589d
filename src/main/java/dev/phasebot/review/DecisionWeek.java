package dev.phasebot.review;

import java.time.LocalDate;
import java.util.List;

/** {@code /decision list}: the decisions of one review week, from one review day to the next. */
public record DecisionWeek(LocalDate from, LocalDate to, List<Decision> decisions) {

    public DecisionWeek {
        decisions = List.copyOf(decisions);
    }
}
