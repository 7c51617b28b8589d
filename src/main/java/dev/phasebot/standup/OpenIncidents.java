package dev.phasebot.standup;

import dev.phasebot.incident.OpenIncident;
import java.util.List;

/**
 * Where the summary learns of open CRITICAL incidents, as a public channel may mention them
 * (a security incident without its title). The incident feature provides it.
 */
@FunctionalInterface
public interface OpenIncidents {

    List<OpenIncident> openCritical();

    static OpenIncidents none() {
        return List::of;
    }
}
