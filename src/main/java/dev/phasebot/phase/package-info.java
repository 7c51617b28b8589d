/**
 * The phase at a glance, across features: {@code /phase} (the plan's dashboard) and
 * {@code /phase next} (what happens next, with times). Entry: {@link dev.phasebot.phase.PhaseCommands}.
 */
package dev.phasebot.phase;
