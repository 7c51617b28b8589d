/**
 * What the core says and where: {@link dev.phasebot.message.Message}, destinations by role, and the
 * {@link dev.phasebot.message.Outbox} table, whose rows hold a doc or name a
 * {@link dev.phasebot.message.DocSource} that renders it at delivery.
 */
package dev.phasebot.message;
