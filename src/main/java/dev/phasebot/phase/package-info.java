/**
 * What happens next in the phase, across features: {@link dev.phasebot.phase.NextUp} answers
 * {@code /phase next} as a {@link dev.phasebot.phase.NextUpView}, worded by
 * {@link dev.phasebot.phase.NextUpDocs}. The command table is {@code slash/PhaseCommands}.
 */
package dev.phasebot.phase;
