package dev.phasebot.delivery;

/**
 * Sends one outbox row to the outside world (Slack's Web API or the console). Called by the
 * delivery worker only, one row at a time, outside any database transaction.
 */
public interface Transport {

    DeliveryResult deliver(OutgoingDelivery delivery);
}
