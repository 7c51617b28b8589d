/**
 * What the core says and where: {@link dev.phasebot.message.Message}, its
 * {@link dev.phasebot.message.Doc} (blocks of lines and spans), destinations by role,
 * and the plain-text rendering. Where a message waits until it is sent is the outbox, in
 * {@link dev.phasebot.delivery}.
 */
package dev.phasebot.message;
