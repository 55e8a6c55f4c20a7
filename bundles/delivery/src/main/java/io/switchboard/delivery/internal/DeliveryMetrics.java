package io.switchboard.delivery.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Per-endpoint counters, attempt latency and the messages waiting, on the platform's registry. They live as long as
 * the delivery component: {@link #close()} takes them off the registry.
 */
public final class DeliveryMetrics implements AutoCloseable {

    /** Attempt latency bucket bounds. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(5), Duration.ofSeconds(30)};

    private record Endpoint(Counter accepted, Counter delivered, Counter failed, Counter dead, Timer attempts,
            Gauge pending) {

        List<Meter> meters() {
            return List.of(accepted, delivered, failed, dead, attempts, pending);
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private volatile Supplier<Map<String, Long>> pending = Map::of;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Where the waiting messages per endpoint come from (read on each scrape; the source caches). */
    void pendingFrom(Supplier<Map<String, Long>> source) {
        pending = source;
    }

    /** Registers the endpoint's meters now, so they show (at zero) before its first message. */
    void endpoint(String endpoint) {
        of(endpoint);
    }

    public void accepted(String endpoint, int n) {
        of(endpoint).accepted.increment(n);
    }

    void delivered(String endpoint) {
        of(endpoint).delivered.increment();
    }

    void failed(String endpoint) {
        of(endpoint).failed.increment();
    }

    void dead(String endpoint) {
        of(endpoint).dead.increment();
    }

    void attempt(String endpoint, long nanos) {
        of(endpoint).attempts.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Endpoint of(String endpoint) {
        return endpoints.computeIfAbsent(endpoint, this::register);
    }

    private Endpoint register(String endpoint) {
        Tags tags = Tags.of("endpoint", endpoint);
        return new Endpoint(
                counter("accepted", "Messages taken into the delivery store.", tags),
                counter("delivered", "Messages their endpoint reported delivered.", tags),
                counter("failed", "Attempts that failed and will be retried.", tags),
                counter("dead", "Messages out of attempts or failed permanently.", tags),
                Timer.builder("switchboard.delivery.attempt").description("How long attempts took.").tags(tags)
                        .serviceLevelObjectives(BUCKETS).register(registry),
                Gauge.builder("switchboard.delivery.pending", this, m -> m.pending.get().getOrDefault(endpoint, 0L))
                        .description("Messages waiting for an attempt (or for their endpoint).").tags(tags)
                        .register(registry));
    }

    private Counter counter(String name, String description, Tags tags) {
        return Counter.builder("switchboard.delivery." + name).description(description).tags(tags).register(registry);
    }

    @Override
    public void close() {
        endpoints.values().forEach(e -> e.meters().forEach(registry::remove));
        endpoints.clear();
    }
}
