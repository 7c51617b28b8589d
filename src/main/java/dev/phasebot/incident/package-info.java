/**
 * CRITICAL incidents against the clock: raising, the acts that meet each deadline, the
 * escalation clock that pages when one is missed, and who may read a security incident.
 * Entries: {@link dev.phasebot.incident.IncidentService} makes every change (with
 * {@code EscalationClock} for the deadline timers, {@code IncidentNotices} for who is told what,
 * {@code IncidentGuard} for the checks every change passes first), and
 * {@link dev.phasebot.incident.IncidentQueries} reads (list, show, and what other features read).
 * They answer in records and refuse with {@link dev.phasebot.message.Refusal};
 * {@link dev.phasebot.incident.IncidentDocs} and {@link dev.phasebot.incident.IncidentReportDocs}
 * say how its messages read, {@link dev.phasebot.incident.IncidentCommands} is the {@code /incident}
 * table.
 */
package dev.phasebot.incident;
