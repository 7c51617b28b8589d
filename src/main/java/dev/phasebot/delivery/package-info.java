/** Sends the outbox through a {@link dev.phasebot.delivery.Transport}, in order, with retries; entry point {@link dev.phasebot.delivery.DeliveryWorker}. */
package dev.phasebot.delivery;
