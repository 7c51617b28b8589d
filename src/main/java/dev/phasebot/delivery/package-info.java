/**
 * Sends the outbox through a {@link dev.phasebot.delivery.Transport}, in order per destination,
 * with retries, paced by a {@link dev.phasebot.delivery.Pacer}, and looking up a post left in
 * flight by a crash before posting it again; entry point {@link dev.phasebot.delivery.DeliveryWorker}.
 */
package dev.phasebot.delivery;
