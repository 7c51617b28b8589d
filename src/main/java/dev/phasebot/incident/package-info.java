/**
 * CRITICAL incidents against the clock: raising, the acts that meet each deadline, the
 * escalation clock that pages when one is missed, and who may read a security incident.
 * Entry: {@link dev.phasebot.incident.IncidentService}, a facade over one class per job
 * ({@code Raising}, {@code Responding}, {@code Closing}, {@code EscalationClock},
 * {@code IncidentNotices}, {@code IncidentQueries}). It answers in records and refuses with
 * {@link dev.phasebot.message.Refusal}; {@link dev.phasebot.incident.IncidentDocs} and
 * {@link dev.phasebot.incident.IncidentReportDocs} say how its messages read. The
 * {@code /incident} table lives in {@code dev.phasebot.slash}.
 */
package dev.phasebot.incident;
