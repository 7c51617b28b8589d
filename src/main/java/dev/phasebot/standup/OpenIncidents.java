package dev.phasebot.standup;

import java.util.List;

/**
 * Where the summary learns of open CRITICAL incidents, already in words a public channel may
 * carry (security ones by id only). The incident feature provides it; a list of records once
 * it offers one.
 */
@FunctionalInterface
public interface OpenIncidents {

    List<String> openCritical();

    static OpenIncidents none() {
        return List::of;
    }
}
