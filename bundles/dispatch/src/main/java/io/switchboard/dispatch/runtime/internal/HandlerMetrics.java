package io.switchboard.dispatch.runtime.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Count, errors and a latency histogram for one handler (by name, so they survive a redeploy). */
final class HandlerMetrics {

    /** Histogram bucket bounds: 100 µs to 30 s, the range handlers run in. */
    private static final Duration[] BUCKETS = {Duration.ofNanos(100_000), Duration.ofNanos(250_000),
        Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final Counter handled;
    private final Counter errors;
    private final Timer duration;

    HandlerMetrics(DispatchMetrics meters, String handler) {
        Tags tags = Tags.of("handler", handler);
        handled = meters.counter("switchboard.dispatch.handled", "Messages a handler handled successfully.", tags);
        errors = meters.counter("switchboard.dispatch.errors",
                "Messages a handler failed (thrown, rejected, timed out, bad payload).", tags);
        duration = meters.remember(Timer.builder("switchboard.dispatch.duration")
                .description("Time a handler took per message.").tags(tags)
                .serviceLevelObjectives(BUCKETS).register(meters.registry()));
    }

    void record(long nanos, boolean ok) {
        (ok ? handled : errors).increment();
        duration.record(nanos, TimeUnit.NANOSECONDS);
    }

    long handled() {
        return (long) handled.count();
    }

    long errors() {
        return (long) errors.count();
    }
}
