/**
 * Who is on call: {@link dev.phasebot.oncall.OnCall} answers, per role a milestone notifies
 * (lead, contact), who takes its pages at a moment and who is next, from the optional
 * {@code oncall:} rotations of bot-config.yml ({@link dev.phasebot.config.OnCallRotation}).
 * {@link dev.phasebot.oncall.OnCallCommands} holds the {@code /oncall} table, worded by
 * {@link dev.phasebot.oncall.OnCallDocs}. Rotations are config only; an override ({@code /oncall
 * override}, {@link dev.phasebot.oncall.Overrides}) is stored in {@code oncall_overrides} and wins
 * over the rotation while it runs, read inside each page's write.
 */
package dev.phasebot.oncall;
