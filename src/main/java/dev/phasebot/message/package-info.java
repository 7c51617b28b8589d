/** What the core says and where: {@link dev.phasebot.message.Message}, destinations by role, and the {@link dev.phasebot.message.Outbox} table. */
package dev.phasebot.message;
