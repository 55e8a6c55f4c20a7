package io.switchboard.dispatch.runtime.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dispatcher's meters on the platform's registry: per handler, plus parking, retries and dead letters. They
 * live as long as the dispatcher: {@link #close()} takes them off the registry, so a restarted dispatcher counts
 * afresh, as it always did.
 */
final class DispatchMetrics implements AutoCloseable {

    private final MeterRegistry registry;
    private final Set<Meter> registered = ConcurrentHashMap.newKeySet();
    private final Map<String, HandlerMetrics> handlers = new ConcurrentHashMap<>();
    private final Counter parked;
    private final Counter unparked;
    private final Counter redeliveries;

    DispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        parked = counter("switchboard.dispatch.parked", "Messages parked because no handler understood them.",
                Tags.empty());
        unparked = counter("switchboard.dispatch.unparked", "Parked messages sent back to dispatch when a handler arrived.",
                Tags.empty());
        redeliveries = counter("switchboard.dispatch.redeliveries", "Failed messages scheduled for another attempt.",
                Tags.empty());
    }

    /** The handler's meters, by name, so they survive a redeploy of its bundle. */
    HandlerMetrics forHandler(String name) {
        return handlers.computeIfAbsent(name, n -> new HandlerMetrics(this, n));
    }

    void deadLettered(String reason) {
        counter("switchboard.dispatch.dead.letters", "Messages sent to the dead-letter queue, by reason.",
                Tags.of("reason", reason)).increment();
    }

    void parked() {
        parked.increment();
    }

    void unparked(int n) {
        unparked.increment(n);
    }

    void redelivered() {
        redeliveries.increment();
    }

    /** An idempotent handler's message seen before: acknowledged without calling the handler. */
    void duplicate(String handler) {
        counter("switchboard.dispatch.duplicates",
                "Messages an idempotent handler had seen before, acknowledged without calling it.",
                Tags.of("handler", handler)).increment();
    }

    /** Registers (or finds) a counter and remembers it for {@link #close()}. */
    Counter counter(String name, String description, Tags tags) {
        return remember(Counter.builder(name).description(description).tags(tags).register(registry));
    }

    <M extends Meter> M remember(M meter) {
        registered.add(meter);
        return meter;
    }

    MeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        registered.forEach(registry::remove);
        registered.clear();
        handlers.clear();
    }
}
