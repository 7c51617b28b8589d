package dev.phasebot.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What replicas tell each other ({@link Tx#announce}): on PostgreSQL one connection LISTENs and a
 * thread hands each notification to what registered for its topic. A notification is sent only
 * when its transaction commits, so a listener never hears of a change it cannot read. When the
 * connection is lost, notifications may be missed meanwhile: every listener is then called with
 * an empty detail, meaning "anything may have changed, read again", as it is at the first connect.
 */
final class Notifications implements AutoCloseable {

    static final String CHANNEL = "phasebot";

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final DataSource source;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private Thread thread;

    /** {@code source} null: a store no other process shares, where nothing is ever announced. */
    Notifications(DataSource source) {
        this.source = source;
    }

    synchronized void listen(String topic, Consumer<String> listener) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
        if (source != null && thread == null && !closed) {
            thread = new Thread(this::loop, "phasebot-listen");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void loop() {
        while (!closed) {
            try (Connection connection = source.getConnection();
                    Statement listen = connection.createStatement()) {
                listen.execute("LISTEN " + CHANNEL);
                listeners.forEach((topic, registered) -> deliver(topic, "", registered));
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] received = notifications.getNotifications(500);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            dispatch(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!closed) {
                    log.warn(
                            "listening to the other replicas failed ({}); listening again in a second", e.getMessage());
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private void dispatch(String payload) {
        int space = payload.indexOf(' ');
        String topic = space < 0 ? payload : payload.substring(0, space);
        String detail = space < 0 ? "" : payload.substring(space + 1);
        List<Consumer<String>> registered = listeners.get(topic);
        if (registered != null) {
            deliver(topic, detail, registered);
        }
    }

    private static void deliver(String topic, String detail, List<Consumer<String>> registered) {
        for (Consumer<String> listener : registered) {
            try {
                listener.accept(detail);
            } catch (RuntimeException e) {
                log.error("a listener of {} failed on '{}'", topic, detail, e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            try {
                running.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
