/**
 * Sends the outbox through a {@link dev.phasebot.delivery.Transport}, in order per destination,
 * with retries, paced by a {@link dev.phasebot.delivery.Pacer}, looking up a post left in flight by
 * a crash before posting it again, and keeping each part of a long message as Slack takes it
 * (table outbox_part); entry point {@link dev.phasebot.delivery.DeliveryWorker}.
 */
package dev.phasebot.delivery;
