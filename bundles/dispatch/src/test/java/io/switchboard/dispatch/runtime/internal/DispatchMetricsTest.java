package io.switchboard.dispatch.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DispatchMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void countsPerHandlerAndKeepsALatencyHistogram() {
        // rule 7: count, errors and a latency histogram per handler; dead letters by reason; duplicates per handler
        DispatchMetrics metrics = new DispatchMetrics(registry);
        HandlerMetrics h = metrics.forHandler("circle");
        h.record(300_000, true); // 0.3 ms
        h.record(2_000_000, false); // 2 ms
        metrics.deadLettered("no-type");
        metrics.duplicate("circle");
        metrics.duplicate("circle");

        assertEquals(1, registry.get("switchboard.dispatch.handled").tag("handler", "circle").counter().count());
        assertEquals(1, registry.get("switchboard.dispatch.errors").tag("handler", "circle").counter().count());
        Timer duration = registry.get("switchboard.dispatch.duration").tag("handler", "circle").timer();
        assertEquals(2, duration.count());
        assertEquals(1, countAt(duration, Duration.ofNanos(500_000)));
        assertEquals(2, countAt(duration, Duration.ofNanos(2_500_000)));
        assertEquals(1, registry.get("switchboard.dispatch.dead.letters").tag("reason", "no-type").counter().count());
        assertEquals(2, registry.get("switchboard.dispatch.duplicates").tag("handler", "circle").counter().count());
    }

    @Test
    void aClosedDispatcherLeavesNoMetersBehind() {
        // a restarted dispatcher counts afresh: its predecessor's meters are off the shared registry
        DispatchMetrics metrics = new DispatchMetrics(registry);
        metrics.forHandler("circle").record(1_000, true);
        metrics.deadLettered("no-type");
        metrics.close();
        assertEquals(0, registry.getMeters().size(), registry.getMetersAsString());
        assertNull(registry.find("switchboard.dispatch.handled").counter());
    }

    private static double countAt(Timer timer, Duration bound) {
        double seconds = bound.toNanos() / 1e9;
        return Arrays.stream(timer.takeSnapshot().histogramCounts())
                .filter(b -> Math.abs(b.bucket(java.util.concurrent.TimeUnit.SECONDS) - seconds) < 1e-12)
                .mapToDouble(CountAtBucket::count).findFirst().orElseThrow();
    }
}
