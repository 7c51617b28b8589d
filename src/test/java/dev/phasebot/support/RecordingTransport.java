package dev.phasebot.support;

import dev.phasebot.delivery.Transport;
import dev.phasebot.delivery.Transport.DeliveryResult;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.delivery.Transport.SentRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A transport that records what was delivered and can be scripted to fail first. */
public final class RecordingTransport implements Transport {

    private final List<OutgoingDelivery> delivered = new ArrayList<>();
    private final List<OutgoingDelivery> attempts = new ArrayList<>();
    private final Deque<DeliveryResult> scripted = new ArrayDeque<>();

    /** The next attempts get these results, in order; after that every attempt succeeds. */
    public synchronized void failNext(DeliveryResult... results) {
        scripted.addAll(List.of(results));
    }

    @Override
    public synchronized DeliveryResult deliver(OutgoingDelivery delivery) {
        attempts.add(delivery);
        DeliveryResult next = scripted.poll();
        if (next != null) {
            return next;
        }
        delivered.add(delivery);
        return new DeliveryResult.Sent(
                new SentRef("C-" + delivery.message().destination().key(), "ts-" + delivery.id()));
    }

    public synchronized List<OutgoingDelivery> delivered() {
        return List.copyOf(delivered);
    }

    public synchronized List<OutgoingDelivery> attempts() {
        return List.copyOf(attempts);
    }

    /** Texts delivered to a destination key such as channel:coordination or dm:qa-engineer. */
    public synchronized List<String> textsTo(String destinationKey) {
        return delivered.stream()
                .filter(d -> d.message().destination().key().equals(destinationKey))
                .map(d -> d.message().text())
                .toList();
    }

    public synchronized void clear() {
        delivered.clear();
        attempts.clear();
    }
}
