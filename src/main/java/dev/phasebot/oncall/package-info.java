/**
 * Who is on call: {@link dev.phasebot.oncall.OnCall} answers, per role a milestone notifies
 * (lead, contact), who takes its pages at a moment and who is next, from the optional
 * {@code oncall:} rotations of bot-config.yml ({@link dev.phasebot.config.OnCallRotation}).
 * {@link dev.phasebot.oncall.OnCallCommands} holds the {@code /oncall} table, worded by
 * {@link dev.phasebot.oncall.OnCallDocs}. Rotations are config only, so nothing is stored yet.
 */
package dev.phasebot.oncall;
