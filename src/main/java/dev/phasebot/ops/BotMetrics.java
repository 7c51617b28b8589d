package dev.phasebot.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * One bot's meters: a registry of its own (never Micrometer's global one, so two bots in one
 * JVM, as in tests, count apart), the JVM's meters, and the gauges read from the store. Parts
 * that count something get {@link #registry()} by constructor. Closed with the bot: the GC
 * meters listen to the JVM, and would otherwise outlive it.
 */
public final class BotMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** The gauges hold {@code readings} strongly: Micrometer's default weak hold would let them read NaN after a GC. */
    public BotMetrics(StoreReadings readings) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("phasebot.outbox.depth", readings, StoreReadings::outboxDepth)
                .description("messages written and not yet sent")
                .strongReference(true)
                .register(registry);
        Gauge.builder(
                        "phasebot.outbox.oldest.age",
                        readings,
                        r -> r.oldestPendingAge()
                                .map(age -> age.toMillis() / 1000.0)
                                .orElse(0.0))
                .description("how long the oldest unsent message has waited (0 when none waits)")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        Gauge.builder("phasebot.timers.pending", readings, StoreReadings::pendingTimers)
                .description("timers neither fired nor cancelled")
                .strongReference(true)
                .register(registry);
        Gauge.builder("phasebot.incidents.open", readings, StoreReadings::openIncidents)
                .description("incidents not resolved or cancelled")
                .strongReference(true)
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The page {@code /metrics} serves: Prometheus's text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
